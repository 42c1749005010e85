// Catalogue pages (home, listings, search, product pages) rendered once and served from the catalogue cache, which
// every catalogue, content or settings change empties (src/platform/cache). What differs per visitor is left as holes
// in the cached HTML and filled on each request: the CSRF token in forms, and the header's mini-cart and account
// link. The currency is part of the key (it changes every price on the page), and so is the full URL.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { cacheKey, catalogCache } from '../platform/cache/catalog-cache.ts';
import type { Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { csrfToken } from '../platform/http/csrf.ts';
import { HeaderPersonal } from './components/header-personal.tsx';
import { currencyFrom, pageCache, pageContext, personalParts, shopCurrencies, type PageContext } from './page-context.ts';
import { CSRF_HOLE, PERSONAL_HOLE } from './page-holes.ts';

export type PageOutcome = { vnode: VNode } | { notFound: true } | { redirect: string; status?: 301 | 302 };
/**
 * A rendered page cut at its holes: text, hole, text, hole, ... (odd indexes are holes), and the ETag of the
 * template, so a request joins strings and hashes a few bytes instead of scanning and hashing the whole page.
 */
type Template = { parts: string[]; etag: string };
type Cached = Template | { notFound: true } | { redirect: string; status: 301 | 302 };

const HOLES = new RegExp(`(${CSRF_HOLE}|${PERSONAL_HOLE})`);

function template(html: string): Template {
  return { parts: html.split(HOLES), etag: crypto.createHash('sha1').update(html).digest('base64') };
}


/**
 * Serves a catalogue page: from the cache when this URL in this currency was rendered since the last change,
 * otherwise rendered by `render` with a page context whose personal parts are holes. `onNotFound` answers a
 * missing page (not cached as HTML, so the 404 page shows the visitor's own header).
 */
export async function sendCatalogPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  locale: Locale,
  render: (page: PageContext) => Promise<PageOutcome>,
  onNotFound: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  const currency = currencyFrom(request, ctx.config.defaultCurrency, await shopCurrencies(ctx));
  const key = cacheKey('page', { url: request.url, locale, currency });
  const cached = await catalogCache(ctx).get<Cached>(key, async () => {
    const page = await pageContext(ctx, request, locale, { template: true, currency });
    const outcome = await render(page);
    if ('vnode' in outcome) return template('<!doctype html>' + renderToString(outcome.vnode));
    if ('redirect' in outcome) return { redirect: outcome.redirect, status: outcome.status ?? 301 };
    return { notFound: true };
  });
  if ('notFound' in cached) return onNotFound();
  if ('redirect' in cached) return reply.code(cached.status).header('location', cached.redirect).send();

  const personal = await personalParts(ctx, request);
  const fill: Record<string, string> = {
    [CSRF_HOLE]: csrfToken(ctx, request, reply),
    [PERSONAL_HOLE]: renderToString(<HeaderPersonal locale={locale} defaultLocale={ctx.config.defaultLocale} {...personal} />),
  };
  const parts = cached.parts.map((part, i) => (i % 2 === 1 ? fill[part]! : part));
  // The page is the template plus this visitor's parts, so they make its validator together.
  const etag = `"${crypto.createHash('sha1').update(cached.etag).update(fill[CSRF_HOLE]!).update(fill[PERSONAL_HOLE]!).digest('base64')}"`;
  return pageCache(reply).status(200).header('etag', etag).type('text/html; charset=utf-8').send(parts.join(''));
}
