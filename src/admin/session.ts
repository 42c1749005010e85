// Back-office sessions: the `pasar_admin` cookie holds a staff session token from the platform's session store
// (src/platform/auth/sessions.ts), never anything about the account. CSRF tokens are an HMAC of the session's id,
// so they need no storage and die with the session. The sign-in form, which has no session yet, uses a
// double-submit token instead.
import crypto from 'node:crypto';
import type { SessionRecord } from '../platform/auth/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { serializeCookie } from './cookies.ts';

export const SESSION_COOKIE = 'pasar_admin';
/** Double-submit token of the sign-in form, which has no session yet. */
export const LOGIN_CSRF_COOKIE = 'pasar_admin_login';
/** Cookies of the back office are sent only to its own pages. */
export const COOKIE_PATH = '/admin';

export type AdminSession = SessionRecord;

const mac = (secret: Buffer, data: string) => crypto.createHmac('sha256', secret).update(data).digest('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

const isSecure = (ctx: AppContext) => ctx.config.baseUrl.startsWith('https:');

/** HttpOnly (no script reads it), SameSite=Strict (never sent from another site), Secure on an https shop. */
export function sessionCookie(ctx: AppContext, token: string, maxAgeSeconds: number): string {
  return serializeCookie(SESSION_COOKIE, token, { path: COOKIE_PATH, httpOnly: true, secure: isSecure(ctx), sameSite: 'Strict', maxAgeSeconds });
}

export function clearSessionCookie(ctx: AppContext): string {
  return serializeCookie(SESSION_COOKIE, '', { path: COOKIE_PATH, maxAgeSeconds: 0, httpOnly: true, secure: isSecure(ctx), sameSite: 'Strict' });
}

export function loginTokenCookie(ctx: AppContext, token: string): string {
  return serializeCookie(LOGIN_CSRF_COOKIE, token, { path: COOKIE_PATH, httpOnly: true, secure: isSecure(ctx), sameSite: 'Strict', maxAgeSeconds: token ? 3600 : 0 });
}

/** The CSRF token of a session: HMAC of its id, so it cannot be computed without the server secret. */
export function csrfToken(secret: Buffer, sessionId: string): string {
  return mac(secret, `csrf:${sessionId}`);
}

export function checkCsrfToken(secret: Buffer, sessionId: string, token: unknown): boolean {
  return typeof token === 'string' && safeEqual(token, csrfToken(secret, sessionId));
}

export function newLoginToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Double-submit check: the form field equals the cookie, and both are well-formed. */
export function checkLoginToken(cookie: string | undefined, field: unknown): boolean {
  return typeof cookie === 'string' && typeof field === 'string' && /^[A-Za-z0-9_-]{32}$/.test(cookie) && safeEqual(cookie, field);
}
