// Security headers for every response (pages, JSON, assets, errors, redirects), set in one onSend hook, and the
// cookie policy: the only cookies Pasar sets are the essential ones listed here.
//
// The Content-Security-Policy allows scripts, styles, fonts and connections from this origin only: no inline
// <script>, no style="" attribute, no <style> element. JSON-LD (<script type="application/ld+json">) is data the
// browser never executes, so CSP does not apply to it. A route may set its own value for any of these headers (the
// back office sends a stricter Referrer-Policy); the hook fills in whatever a response lacks.
// Not @fastify/helmet: it sets these headers and a few more, but the per-path policy (the API reference) and the cookie
// check below would still be ours, and a dozen lines need no dependency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

const directives = (d: Record<string, string>) => Object.entries(d).map(([k, v]) => `${k} ${v}`).join('; ');

const STRICT = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

/** The policy of every page but the API reference. */
export const CONTENT_SECURITY_POLICY = directives(STRICT);

/**
 * The API reference (/api/docs, Swagger UI from @fastify/swagger-ui): its React bundle writes <style> elements at
 * run time, so styles need 'unsafe-inline' there. Scripts stay 'self' only; the page shows no shop data.
 */
export const API_DOCS_CONTENT_SECURITY_POLICY = directives({ ...STRICT, 'style-src': "'self' 'unsafe-inline'" });
export const API_DOCS_PREFIX = '/api/docs';

/**
 * Every cookie Pasar may set, and why it is essential (strictly necessary for a service the visitor asked for, so
 * no consent is needed: see docs/decisions/0010-no-cookie-banner.md). A response setting any other cookie is logged
 * as an error and fails test/platform/security-crawl.test.ts: a cookie that is not essential needs consent first.
 */
export const ESSENTIAL_COOKIES: Readonly<Record<string, string>> = {
  pasar_cart: 'the guest cart (src/storefront/cart-cookie.ts)',
  pasar_csrf: 'protects the storefront forms against cross-site posts (src/platform/http/csrf.ts)',
  pasar_currency: 'the currency the shopper chose in the currency switcher',
  pasar_session: 'a signed-in customer account',
  pasar_admin: 'a signed-in back-office session',
  pasar_admin_login: 'protects the back-office sign-in form against cross-site posts',
};

export const isEssentialCookie = (name: string) => Object.hasOwn(ESSENTIAL_COOKIES, name);

/** The cookie names a Set-Cookie header value sets. */
export function cookieNames(setCookie: string | string[] | number | undefined): string[] {
  if (setCookie === undefined) return [];
  return [setCookie].flat().map((c) => String(c)).map((c) => c.slice(0, c.search(/[=;]|$/)).trim()).filter(Boolean);
}

/** True for the API reference's path, with or without a query string. */
const isDocsPath = (url: string) => url.startsWith(API_DOCS_PREFIX) && ['', '/', '?'].includes(url.charAt(API_DOCS_PREFIX.length));

/** The security headers for a response to `path` (without the query string). */
export function securityHeaders(config: Pick<Config, 'baseUrl'>, path: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': isDocsPath(path) ? API_DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin',
  };
  // Only over HTTPS (browsers ignore it on http:). One year; no includeSubDomains, which would bind the shop owner's
  // other subdomains to HTTPS too, and no preload, which is a decision for the owner to make.
  if (config.baseUrl.startsWith('https:')) headers['strict-transport-security'] = 'max-age=31536000';
  return headers;
}

/** Registers the hook on the root instance, so it covers every route, the 404 handler and error responses. */
export function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'baseUrl'>): void {
  // Made once: the hook runs on every answer, so it only compares and copies.
  const pages = Object.entries(securityHeaders(config, '/'));
  const docs = Object.entries(securityHeaders(config, API_DOCS_PREFIX));
  app.addHook('onSend', function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) {
    const headers = isDocsPath(request.url) ? docs : pages;
    for (const [name, value] of headers) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    const setCookie = reply.getHeader('set-cookie');
    if (setCookie !== undefined) {
      const unknown = cookieNames(setCookie as string | string[]).filter((n) => !isEssentialCookie(n));
      if (unknown.length > 0) {
        request.log.error({ cookies: unknown, url: request.url.split('?')[0] }, 'response sets a cookie that is not on the essential-cookie list (security-headers.ts)');
      }
      // A response that sets a cookie is meant for one visitor: no shared cache may keep it.
      const cache = reply.getHeader('cache-control');
      if (typeof cache === 'string' && /\bpublic\b/.test(cache)) reply.header('cache-control', cache.replace(/\bpublic\b/, 'private'));
    }
    done(null, payload);
  });
}
