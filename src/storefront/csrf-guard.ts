// Every storefront form post passes this guard first (a preValidation hook, so it runs before the body is checked
// against the route's schema): without the visitor's CSRF token the post changes nothing and gets a 403 page in the
// shop's layout, with a link back to where the form was.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { checkCsrf, CSRF_FIELD, isShopUrl } from '../platform/http/csrf.ts';
import { sendHtml } from '../platform/http/html.ts';
import { pageContext, type PageContext } from './page-context.ts';
import { formExpiredPage } from './pages/form-expired.tsx';

/** The `_csrf` field for a form body schema; the guard checks its value. */
export const CsrfBodyField = { [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 128 })) };

/** The page the form was on, when the browser says and it is on this site; else the home page. */
function backPath(ctx: AppContext, request: FastifyRequest, page: PageContext): string {
  const referer = request.headers.referer;
  if (typeof referer === 'string' && referer.length <= 2000) {
    try {
      const url = new URL(referer);
      // Never "//evil.example" or "/\evil.example" as a path.
      if (isShopUrl(ctx, request, url) && /^\/(?![/\\])/.test(url.pathname)) return url.pathname + url.search;
    } catch {
      // not a URL: use the home page
    }
  }
  return page.href('/');
}

/** A preValidation hook refusing posts whose `_csrf` does not match the visitor's CSRF cookie. */
export function requireCsrf(ctx: AppContext, locale: Locale) {
  return async function storefrontCsrf(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    if (checkCsrf(ctx, request)) return;
    const page = await pageContext(ctx, request, locale);
    return sendHtml(reply.header('cache-control', 'no-store'), formExpiredPage(page, backPath(ctx, request, page)), 403);
  };
}
