// Catalogue pages (home, listings, search, product pages) rendered once and served from the catalogue cache, which
// every catalogue, content or settings change empties (src/platform/cache). What differs per visitor is left as holes
// in the cached HTML and filled on each request: the CSRF token in forms, and the header's mini-cart and account
// link. The currency is part of the key (it changes every price on the page), and so is the full URL.
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
type Cached = { html: string } | { notFound: true } | { redirect: string; status: 301 | 302 };


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
    if ('vnode' in outcome) return { html: '<!doctype html>' + renderToString(outcome.vnode) };
    if ('redirect' in outcome) return { redirect: outcome.redirect, status: outcome.status ?? 301 };
    return { notFound: true };
  });
  if ('notFound' in cached) return onNotFound();
  if ('redirect' in cached) return reply.code(cached.status).header('location', cached.redirect).send();

  const personal = await personalParts(ctx, request);
  const html = cached.html
    .replaceAll(CSRF_HOLE, csrfToken(ctx, request, reply))
    .replace(PERSONAL_HOLE, renderToString(<HeaderPersonal locale={locale} defaultLocale={ctx.config.defaultLocale} {...personal} />));
  return pageCache(reply).status(200).type('text/html; charset=utf-8').send(html);
}
