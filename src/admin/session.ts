// Back-office sessions: a server-signed cookie naming the API key the person signed in with (never the key itself),
// its expiry and a random session id. CSRF tokens are derived from the session id, so they need no storage.
import crypto from 'node:crypto';

export const SESSION_COOKIE = 'pasar_admin';
/** Double-submit token of the sign-in form, which has no session yet. */
export const LOGIN_CSRF_COOKIE = 'pasar_admin_login';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface AdminSession {
  keyId: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  sid: string;
}

const mac = (secret: Buffer, data: string) => crypto.createHmac('sha256', secret).update(data).digest('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function newSession(keyId: number, now = Date.now()): AdminSession {
  return { keyId, expiresAt: now + SESSION_TTL_MS, sid: crypto.randomBytes(18).toString('base64url') };
}

/** `keyId.expiresAt.sid.mac`, where mac = HMAC-SHA256(secret, "session:keyId.expiresAt.sid"). */
export function signSession(secret: Buffer, session: AdminSession): string {
  const payload = `${session.keyId}.${session.expiresAt}.${session.sid}`;
  return `${payload}.${mac(secret, `session:${payload}`)}`;
}

/** The session in a cookie value, or null when it is malformed, forged or expired. */
export function readSession(secret: Buffer, value: string | undefined, now = Date.now()): AdminSession | null {
  if (!value || value.length > 200) return null;
  const m = /^(\d{1,10})\.(\d{1,15})\.([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return null;
  const [, keyId, expiresAt, sid, signature] = m;
  if (!safeEqual(signature, mac(secret, `session:${keyId}.${expiresAt}.${sid}`))) return null;
  const session = { keyId: Number(keyId), expiresAt: Number(expiresAt), sid };
  return session.expiresAt > now ? session : null;
}

/** The CSRF token of a session: HMAC of its id, so it cannot be computed without the server secret. */
export function csrfToken(secret: Buffer, sid: string): string {
  return mac(secret, `csrf:${sid}`);
}

export function checkCsrfToken(secret: Buffer, sid: string, token: unknown): boolean {
  return typeof token === 'string' && safeEqual(token, csrfToken(secret, sid));
}

export function newLoginToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Double-submit check: the form field equals the cookie, and both are well-formed. */
export function checkLoginToken(cookie: string | undefined, field: unknown): boolean {
  return typeof cookie === 'string' && typeof field === 'string' && /^[A-Za-z0-9_-]{32}$/.test(cookie) && safeEqual(cookie, field);
}
