// Webhook signatures: `Pasar-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`.
// The timestamp is signed with the body so a captured request cannot be replayed later (receivers check its age).
import crypto from 'node:crypto';

export function signWebhookBody(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/**
 * What a receiver does: recompute the HMAC over the raw body and compare in constant time; refuse a timestamp
 * older (or newer) than `toleranceSec`. Several v1 values are accepted (a secret rotation may send two).
 */
export function verifyWebhookSignature(secret: string, header: string, body: string, { toleranceSec = 300, now = Date.now() } = {}): boolean {
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
  if (!Number.isInteger(t) || signatures.length === 0) return false;
  if (Math.abs(now / 1000 - t) > toleranceSec) return false;
  const expected = Buffer.from(crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  return signatures.some((s) => s.length === expected.length && crypto.timingSafeEqual(Buffer.from(s), expected));
}
