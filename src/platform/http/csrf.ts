// CSRF protection for the storefront's forms (the back office binds its tokens to the staff session instead), in two
// layers (docs/decisions/0014-storefront-csrf-fetch-metadata.md):
// 1. What the browser says about where the post comes from. Browsers send `Sec-Fetch-Site` (and `Origin` on every
//    post), pages cannot forge either, so a post the browser calls same-origin is ours and a cross-site one is refused,
//    whatever token it carries.
// 2. When a request says neither (not a browser, or one from before 2019), the token decides: a visitor who has seen
//    a page that mints it holds a random, HttpOnly `pasar_csrf` cookie, and forms carry HMAC(secret, cookie) in their
//    `_csrf` field. A forged form on another site can send the cookie but cannot read it, so it cannot compute the
//    field. No server-side storage, so it works for guests and across processes that share SECRET_KEY.
// Catalogue pages do not mint the cookie, so a first visit's page is the same for everyone and served whole from the
// cache; pages that are the visitor's own (cart, checkout, account) mint it.
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

/** The token for the forms of a visitor who holds a CSRF cookie; undefined for one who holds none (nothing is set). */
export function heldCsrfToken(ctx: AppContext, request: FastifyRequest): string | undefined {
  const cookie = cookieOf(request);
  return cookie ? tokenFor(ctx, cookie) : undefined;
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

export type PostOrigin = 'same-origin' | 'cross-origin' | 'unknown';

/**
 * Where the browser says a request comes from. `Sec-Fetch-Site` first (sent by browsers since 2019–2023, on https and
 * localhost); else `Origin`, which browsers send on every post, compared with the shop's public address or the Host
 * the request was sent to (behind a proxy that passes Host on). "unknown" when the request says neither, or says
 * `Origin: null` (a privacy setting or a sandboxed frame): then the token decides.
 */
export function postOrigin(ctx: AppContext, request: FastifyRequest): PostOrigin {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none' ? 'same-origin' : 'cross-origin';
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return 'unknown';
  try {
    return isShopUrl(ctx, request, new URL(origin)) ? 'same-origin' : 'cross-origin';
  } catch {
    return 'cross-origin';
  }
}

/** True when `url` is on this shop: at its public address (BASE_URL), or at the Host the request was sent to. */
export function isShopUrl(ctx: AppContext, request: FastifyRequest, url: URL): boolean {
  return url.origin === new URL(ctx.config.baseUrl).origin || url.host === request.headers.host;
}

/**
 * True when a storefront post may change state: the browser says it comes from this shop, or, when the request says
 * nothing of where it comes from, its `_csrf` (form body, or query string for multipart forms) matches its cookie.
 */
export function checkCsrf(ctx: AppContext, request: FastifyRequest): boolean {
  const from = postOrigin(ctx, request);
  if (from !== 'unknown') return from === 'same-origin';
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
