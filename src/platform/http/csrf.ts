// CSRF protection for the storefront's forms (the back office binds its tokens to the staff session instead).
// A visitor gets a random, HttpOnly `pasar_csrf` cookie; every state-changing form carries HMAC(secret, cookie) in
// its `_csrf` field. A forged form on another site can send the cookie but cannot read it, so it cannot compute the
// field. No server-side storage, so it works for guests and across processes that share SECRET_KEY.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { loadSecret } from '../auth/secret.ts';

export const CSRF_COOKIE = 'pasar_csrf';
export const CSRF_FIELD = '_csrf';
const COOKIE_PATTERN = /^[A-Za-z0-9_-]{32}$/;

function cookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === CSRF_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return COOKIE_PATTERN.test(value) ? value : undefined;
    }
  }
  return undefined;
}

// Random bytes for new visitors' cookies, drawn from the system 4 KiB at a time: one draw per first page view would
// cost more than serving the page from the cache.
const POOL_SIZE = 4096;
const COOKIE_BYTES = 24;
let pool = Buffer.alloc(0);
let taken = POOL_SIZE;
function newCookieValue(): string {
  if (taken + COOKIE_BYTES > pool.length) {
    pool = crypto.randomBytes(POOL_SIZE);
    taken = 0;
  }
  const value = pool.subarray(taken, taken + COOKIE_BYTES).toString('base64url');
  taken += COOKIE_BYTES;
  return value;
}

// The signing key, imported once per configuration: every cached page view signs its visitor's token.
const keys = new WeakMap<AppContext['config'], crypto.KeyObject>();
function signingKey(config: AppContext['config']): crypto.KeyObject {
  let key = keys.get(config);
  if (!key) {
    key = crypto.createSecretKey(loadSecret(config.dataDir));
    keys.set(config, key);
  }
  return key;
}

const tokenFor = (ctx: AppContext, cookie: string) =>
  crypto.createHmac('sha256', signingKey(ctx.config)).update(`storefront-csrf:${cookie}`).digest('base64url');

declare module 'fastify' {
  interface FastifyRequest {
    /** The CSRF cookie minted for a new visitor during this request, so every form on the page gets the same token. */
    csrfCookie: string | null;
  }
}

/**
 * Declares the request field csrfToken() fills. Declared up front so every request object keeps one shape: a field
 * added to some requests only would slow property access on all of them.
 */
export function decorateCsrf(app: FastifyInstance): void {
  app.decorateRequest('csrfCookie', null);
}

/** The token for this visitor's forms; sets the cookie on the reply when the visitor has none yet. */
export function csrfToken(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  let cookie = cookieOf(request) ?? request.csrfCookie;
  if (!cookie) {
    cookie = newCookieValue();
    request.csrfCookie = cookie;
    const secure = ctx.config.baseUrl.startsWith('https:') ? '; Secure' : '';
    // Fastify appends a Set-Cookie to those already on the reply, so other cookies of this answer are kept.
    reply.header('set-cookie', `${CSRF_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Lax${secure}`);
  }
  return tokenFor(ctx, cookie);
}

/** True when the request's `_csrf` (form body, or query string for multipart forms) matches its cookie. */
export function checkCsrf(ctx: AppContext, request: FastifyRequest): boolean {
  const cookie = cookieOf(request);
  if (!cookie) return false;
  const isMultipart = request.headers['content-type']?.startsWith('multipart/form-data') ?? false;
  const source = (isMultipart ? request.query : request.body) as Record<string, unknown> | undefined;
  const field = source?.[CSRF_FIELD];
  if (typeof field !== 'string') return false;
  const expected = Buffer.from(tokenFor(ctx, cookie));
  const given = Buffer.from(field);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
