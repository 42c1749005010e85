// Two-factor codes (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app expects) and how the secret is
// kept: AES-256-GCM under a key derived from the server secret, with the staff id as associated data so a ciphertext
// copied onto another row does not decrypt. A copy of the database alone gives no usable secret.
import crypto from 'node:crypto';
import QRCode from 'qrcode';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

const PERIOD_SECONDS = 30;
const FORMAT = 'v1';

/** A new random secret, Base32 (20 bytes = 160 bits, RFC 4226's recommendation). */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

function keyFrom(serverSecret: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', serverSecret, Buffer.alloc(0), 'pasar staff totp secret v1', 32));
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url parts). */
export function encryptTotpSecret(serverSecret: Buffer, staffId: number, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFrom(serverSecret), iv);
  cipher.setAAD(Buffer.from(`staff:${staffId}`));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The secret, or null when the value is malformed, tampered with, from another row or under another server secret. */
export function decryptTotpSecret(serverSecret: Buffer, staffId: number, stored: string | null): string | null {
  if (!stored) return null;
  const parts = stored.split('.');
  if (parts.length !== 4 || parts[0] !== FORMAT) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFrom(serverSecret), Buffer.from(parts[1]!, 'base64url'));
    decipher.setAAD(Buffer.from(`staff:${staffId}`));
    decipher.setAuthTag(Buffer.from(parts[3]!, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(parts[2]!, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export const isTotpCode = (code: string) => /^\d{6}$/.test(code);

/**
 * The time step a code belongs to when it is valid now, one step before or one after (clock drift); null otherwise.
 * The caller records the step and refuses it (and older ones) afterwards, so a code cannot be replayed.
 */
export function verifyTotp(secret: string, code: string, options: { afterStep?: number | null; now?: number } = {}): number | null {
  const token = code.replace(/\s+/g, '');
  if (!isTotpCode(token)) return null;
  try {
    const result = verifySync({
      secret,
      token,
      period: PERIOD_SECONDS,
      epochTolerance: PERIOD_SECONDS,
      epoch: Math.floor((options.now ?? Date.now()) / 1000),
      ...(options.afterStep != null ? { afterTimeStep: options.afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/** The code an authenticator shows at `now` (tests, and nothing else, need this). */
export function totpCode(secret: string, now = Date.now()): string {
  return generateSync({ secret, period: PERIOD_SECONDS, epoch: Math.floor(now / 1000) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return generateURI({ issuer, label: account, secret, period: PERIOD_SECONDS });
}

/** The enrolment QR code as inline SVG (no image request, no script). */
export async function totpQrSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 220 });
  return svg.replace('<svg ', '<svg role="img" aria-label="QR code for your authenticator app" ');
}

/** The secret in groups of four, easier to type into an app by hand. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');
