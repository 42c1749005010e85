// The storefront's routes: every page under each locale prefix ('' for the default locale, '/id', '/th', ...),
// plus sitemap, robots, the stylesheet and the currency switcher. Registered last (it owns '/').
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CURRENCIES, SUPPORTED_LOCALES, type CurrencyCode, type Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import type { App, HttpModule } from '../platform/http/app.ts';
import { sendHtml } from '../platform/http/html.ts';
import { getProductDetail, REVIEW_SORTS, type ReviewSort } from '../catalog/index.ts';
import { getPageBySlug, getPublishedArticleBySlug } from '../content/index.ts';
import { STYLESHEET_PATH } from './components/layout.tsx';
import { registerCartPages } from './cart-routes.tsx';
import { deliveryEstimate } from './delivery-estimate.ts';
import { registerCheckoutPages } from './checkout-routes.tsx';
import { parseListingQuery } from './listing-query.ts';
import { CsrfBodyField, requireCsrf } from './csrf-guard.ts';
import { CURRENCY_COOKIE, pageCache, pageContext, rememberReplies, type PageContext } from './page-context.ts';
import { sendCatalogPage, type PageOutcome } from './page-cache.tsx';
import { articlePath, contentPagePath, localePrefixes, productPath } from './paths.ts';
import { contentPage } from './pages/content-page.tsx';
import { homePage } from './pages/home.tsx';
import { categoryPage, searchPage } from './pages/listing.tsx';
import { articlePage, newsListPage } from './pages/news.tsx';
import { notFoundPage } from './pages/not-found.tsx';
import { productPage } from './pages/product.tsx';
import { pagesSitemap, productsSitemap, robotsTxt, sitemapIndex } from './sitemap.ts';

const asset = (name: string) => fs.readFileSync(new URL(`./assets/${name}`, import.meta.url));
const css = asset('store.css');
const favicon = asset('favicon.svg');
const placeholder = asset('placeholder.svg');

type Query = Record<string, string | string[] | undefined>;
const HIDDEN = { schema: { hide: true } } as const;

/** The locale a URL is in: its first segment when that names a non-default locale, else the default locale. */
export function localeOfUrl(url: string, defaultLocale: Locale): Locale {
  const first = url.split('?')[0]!.split('/')[1] ?? '';
  return (SUPPORTED_LOCALES as readonly string[]).includes(first) && first !== defaultLocale ? (first as Locale) : defaultLocale;
}

function positiveInt(value: string | string[] | undefined, max = 10_000): number {
  const s = Array.isArray(value) ? value[0] : value;
  const n = s && /^\d{1,6}$/.test(s) ? Number(s) : 1;
  return n >= 1 && n <= max ? n : 1;
}

/** Keeps the query string when redirecting to a page's canonical slug. */
function redirect(reply: FastifyReply, request: FastifyRequest, path: string) {
  const q = request.url.indexOf('?');
  return reply.code(301).header('location', path + (q >= 0 ? request.url.slice(q) : '')).send();
}

export async function sendNotFound(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const page = await pageContext(app, request, localeOfUrl(request.url, app.config.defaultLocale));
  return sendHtml(reply.header('cache-control', 'no-cache'), await notFoundPage(page), 404);
}

export const storefrontModule: HttpModule = {
  name: 'storefront',
  register(app: App, ctx: AppContext) {
    app.decorate('storefrontContext', ctx);
    // Root-level, so it also runs for other modules' storefront pages and the 404 handler (pageContext needs it).
    rememberReplies(app);
    const html = (reply: FastifyReply, vnode: preact.VNode) => sendHtml(pageCache(reply), vnode);

    for (const { locale, prefix } of localePrefixes(ctx.config.defaultLocale)) {
      registerCartPages(app, ctx, locale, prefix);
      registerCheckoutPages(app, ctx, locale, prefix);
      // Catalogue pages come from the page cache (page-cache.tsx): rendered once per URL and currency until the
      // catalogue changes, with each visitor's token, cart count and account link filled in.
      const catalogPage = (request: FastifyRequest, reply: FastifyReply, render: (page: PageContext) => Promise<PageOutcome>) =>
        sendCatalogPage(ctx, request, reply, locale, render, () => sendNotFound(ctx, request, reply));

      app.get(prefix || '/', HIDDEN, (request, reply) => catalogPage(request, reply, async (page) => ({ vnode: await homePage(page) })));

      app.get(`${prefix}/search`, HIDDEN, (request, reply) =>
        catalogPage(request, reply, async (page) => ({ vnode: await searchPage(page, parseListingQuery(request.query as Query), reply) })));

      app.get(`${prefix}/c/:slug`, HIDDEN, (request, reply) =>
        catalogPage(request, reply, async (page) => {
          const result = await categoryPage(page, (request.params as { slug: string }).slug, parseListingQuery(request.query as Query));
          return result ?? { notFound: true };
        }));

      app.get(`${prefix}/p/:slug`, HIDDEN, (request, reply) => {
        const { slug } = request.params as { slug: string };
        const query = request.query as Query;
        const sort = typeof query.reviews_sort === 'string' && (REVIEW_SORTS as readonly string[]).includes(query.reviews_sort) ? (query.reviews_sort as ReviewSort) : undefined;
        if (slug.length > 200) return sendNotFound(ctx, request, reply);
        return catalogPage(request, reply, async (page) => {
          const detail = await getProductDetail(ctx, { slug, locale, currency: page.currency, reviews_page: positiveInt(query.reviews_page), reviews_sort: sort });
          if (!detail) return { notFound: true };
          // Keeps the query string when sending a shopper to the product's slug in this language.
          const q = request.url.indexOf('?');
          if (detail.slug_mismatch) return { redirect: page.href(productPath(detail.slug)) + (q >= 0 ? request.url.slice(q) : '') };
          return { vnode: productPage(page, detail, await deliveryEstimate(ctx, detail, locale)) };
        });
      });

      app.get(`${prefix}/news`, HIDDEN, async (request, reply) => {
        const page = await pageContext(ctx, request, locale);
        return html(reply, await newsListPage(page, positiveInt((request.query as Query).page)));
      });

      app.get(`${prefix}/news/:slug`, HIDDEN, async (request, reply) => {
        const { slug } = request.params as { slug: string };
        const article = slug.length <= 200 ? await getPublishedArticleBySlug(ctx, locale, slug) : null;
        if (!article) return sendNotFound(ctx, request, reply);
        const page = await pageContext(ctx, request, locale);
        if (article.slug !== slug) return redirect(reply, request, page.href(articlePath(article.slug)));
        return html(reply, articlePage(page, article));
      });

      app.get(`${prefix}/pages/:slug`, HIDDEN, async (request, reply) => {
        const { slug } = request.params as { slug: string };
        const content = slug.length <= 200 ? await getPageBySlug(ctx, locale, slug) : null;
        if (!content) return sendNotFound(ctx, request, reply);
        const page = await pageContext(ctx, request, locale);
        if (content.slug !== slug) return redirect(reply, request, page.href(contentPagePath(content.slug)));
        return html(reply, contentPage(page, content));
      });
    }

    // The default locale has no prefix: /en/p/x (when en is the default) is the same page as /p/x.
    const def = `/${ctx.config.defaultLocale}`;
    // Leading slashes are collapsed so "/en//evil.example" cannot become a protocol-relative redirect.
    const unprefix = async (request: FastifyRequest, reply: FastifyReply) =>
      reply.code(301).header('location', '/' + request.url.slice(def.length).replace(/^[/\\]+/, '')).send();
    app.get(def, HIDDEN, unprefix);
    app.get(`${def}/*`, HIDDEN, unprefix);

    const xml = (reply: FastifyReply, body: string) =>
      reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(body);
    app.get('/sitemap.xml', HIDDEN, async (_request, reply) => xml(reply, await sitemapIndex(ctx)));
    app.get('/sitemaps/pages.xml', HIDDEN, async (_request, reply) => xml(reply, await pagesSitemap(ctx)));
    app.get('/sitemaps/:file', HIDDEN, async (request, reply) => {
      const match = /^products-(\d{1,6})\.xml$/.exec((request.params as { file: string }).file);
      const body = match ? await productsSitemap(ctx, Number(match[1])) : null;
      if (body === null) return sendNotFound(ctx, request, reply);
      return xml(reply, body);
    });
    app.get('/robots.txt', HIDDEN, async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(ctx)));

    const staticAsset = (type: string, body: Buffer) => async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.type(type).header('cache-control', 'public, max-age=86400').send(body);
    app.get(STYLESHEET_PATH, HIDDEN, staticAsset('text/css; charset=utf-8', css));
    app.get('/favicon.svg', HIDDEN, staticAsset('image/svg+xml', favicon));
    app.get('/favicon.ico', HIDDEN, staticAsset('image/svg+xml', favicon));
    app.get('/assets/placeholder.svg', HIDDEN, staticAsset('image/svg+xml', placeholder));

    // The currency switcher posts here (no JavaScript needed): remember the choice in a cookie, go back.
    app.post(
      '/currency',
      {
        preValidation: requireCsrf(ctx, ctx.config.defaultLocale),
        schema: {
          hide: true,
          body: Type.Object({
            code: Type.Union(Object.keys(CURRENCIES).map((c) => Type.Literal(c))),
            return_to: Type.Optional(Type.String({ maxLength: 2000 })),
            ...CsrfBodyField,
          }, { additionalProperties: false }),
        },
      },
      async (request, reply) => {
        const { code, return_to } = request.body as { code: CurrencyCode; return_to?: string };
        // Only a path on this site: never "//evil.example" or "/\evil.example".
        const back = return_to && /^\/(?![/\\])/.test(return_to) ? return_to : '/';
        return reply
          .code(303)
          .header('set-cookie', `${CURRENCY_COOKIE}=${code}; Path=/; Max-Age=31536000; SameSite=Lax`)
          .header('cache-control', 'no-store')
          .header('location', back)
          .send();
      },
    );
  },
};
