// The storefront's pages on the demo shop: status, title, canonical, hreflang, JSON-LD, filters and sort, 404s,
// currency switching, sitemap and robots.
import { catalogCache } from '../platform/cache/catalog-cache.ts';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import type { App } from '../platform/http/app.ts';
import { SUPPORTED_LOCALES } from '../platform/config.ts';
import { seedDemo } from '../seed/demo/seed-demo.ts';
import { searchProducts } from '../search/index.ts';
import { storefrontCsrf } from './storefront-test-helpers.ts';

const BASE = 'http://localhost:3000';

function head(html: string) {
  const attr = (re: RegExp) => html.match(re)?.[1];
  return {
    lang: attr(/<html lang="([^"]+)"/),
    title: attr(/<title>([^<]*)<\/title>/),
    description: attr(/<meta name="description" content="([^"]*)"/),
    canonical: attr(/<link rel="canonical" href="([^"]+)"/),
    hreflang: [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]] as [string, string]),
    jsonLd: [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!)),
    names: [...html.matchAll(/data-testid="product-name">([^<]*)</g)].map((m) => decode(m[1]!)),
  };
}
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('storefront pages', () => {
  let ctx: TestContext;
  let app: App;
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  before(async () => {
    ctx = await createTestContext();
    await seedDemo(ctx, { images: false });
    app = await createTestApp(ctx);
  });
  after(async () => {
    await app?.close();
    await ctx?.close();
  });

  async function productWithReviews() {
    return ctx.db.kysely
      .selectFrom('products as p')
      .innerJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'p.id').on('t.locale', '=', 'en'))
      .innerJoin('product_translations as ti', (j) => j.onRef('ti.product_id', '=', 'p.id').on('ti.locale', '=', 'id'))
      .whereRef('ti.slug', '<>', 't.slug')
      .where('p.id', 'in', (eb) => eb.selectFrom('product_reviews').select('product_id').where('status', '=', 'approved'))
      .select(['p.id', 't.slug', 't.name', 'ti.slug as id_slug', 'ti.name as id_name'])
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
  }

  it('renders the home page with SEO tags, Organization JSON-LD and browser caching', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    // Private: a visitor's later views carry their CSRF token and mini-cart. A first visit sets no cookie at all.
    assert.match(res.headers['cache-control'] as string, /^private, max-age=60, stale-while-revalidate=300/);
    assert.equal(res.headers['set-cookie'], undefined);
    const h = head(res.body);
    assert.equal(h.lang, 'en');
    assert.equal(h.canonical, `${BASE}/`);
    assert.deepEqual(h.hreflang.map(([l]) => l).sort(), [...SUPPORTED_LOCALES, 'x-default'].sort());
    assert.ok(h.hreflang.some(([l, u]) => l === 'id' && u === `${BASE}/id`));
    assert.ok(h.jsonLd.some((d) => d['@type'] === 'Organization' && d.url === `${BASE}/`));
    assert.ok(h.names.length >= 8, 'product rails');
    assert.match(res.body, /role="search"[^>]*action="\/search"/);
    assert.match(res.body, /data-testid="language-switcher"/);
    assert.match(res.body, /data-testid="currency-switcher"/);
    assert.doesNotMatch(res.body, /<script(?! type="application\/ld\+json")/, 'no script but JSON-LD');
  });

  it('renders the home page in another language under its prefix', async () => {
    const res = await get('/th');
    assert.equal(res.statusCode, 200);
    const h = head(res.body);
    assert.equal(h.lang, 'th');
    assert.equal(h.canonical, `${BASE}/th`);
  });

  it('lists a category with breadcrumbs, and filters and sorts it as the search API does', async () => {
    const res = await get('/c/coffee');
    assert.equal(res.statusCode, 200);
    const h = head(res.body);
    assert.equal(h.canonical, `${BASE}/c/coffee`);
    assert.ok(h.jsonLd.some((d) => d['@type'] === 'BreadcrumbList'));
    assert.match(res.body, /<form method="get" action="\/c\/coffee" data-testid="filters"/);
    const all = await searchProducts(ctx, { category: 'coffee', locale: 'en', currency: 'IDR', per_page: 24 });
    assert.deepEqual(h.names, all.items.map((i) => i.name));
    const brand = all.facets.brands.find((b) => b.count > 0)!;
    assert.match(res.body, new RegExp(`<label for="[^"]+">${brand.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${brand.count}\\)</label>`));

    const filtered = await get(`/c/coffee?brand=${brand.value}&sort=price_asc`);
    const expected = await searchProducts(ctx, { category: 'coffee', brand: brand.value, sort: 'price_asc', locale: 'en', currency: 'IDR', per_page: 24 });
    assert.ok(expected.total > 0);
    assert.deepEqual(head(filtered.body).names, expected.items.map((i) => i.name));
    assert.match(filtered.body, /<option value="price_asc" selected/);
    // The sort form keeps the brand filter.
    assert.match(filtered.body, new RegExp(`<input type="hidden" name="brand" value="${brand.value}"`));
  });

  it('paginates a listing with rel links', async () => {
    const res = await get('/c/wine?page=2');
    assert.equal(res.statusCode, 200);
    const h = head(res.body);
    assert.equal(h.canonical, `${BASE}/c/wine?page=2`);
    assert.match(res.body, /<link rel="prev" href="http:\/\/localhost:3000\/c\/wine"/);
  });

  it('shows an empty state when nothing matches', async () => {
    const res = await get('/search?q=zzzzqqqxxx');
    assert.equal(res.statusCode, 200);
    assert.equal(head(res.body).names.length, 0);
    assert.match(res.body, /No products match/);
    assert.match(res.body, /<meta name="robots" content="noindex, follow"/);
  });

  it('searches with hostile input safely', async () => {
    for (const q of ["' OR 1=1 --", '<script>alert(1)</script>', 'x'.repeat(5000)]) {
      const res = await get(`/search?q=${encodeURIComponent(q)}&sort=bogus&page=-1&min_price=abc`);
      assert.equal(res.statusCode, 200, q.slice(0, 20));
      assert.doesNotMatch(res.body, /<script>alert/);
    }
  });

  it('renders a product page with title, description, canonical, hreflang and Product JSON-LD', async () => {
    const p = await productWithReviews();
    const res = await get(`/p/${p.slug}`);
    assert.equal(res.statusCode, 200);
    const h = head(res.body);
    assert.ok(h.title?.includes(decode(p.name).slice(0, 10)) || decode(h.title ?? '').includes(p.name.slice(0, 10)));
    assert.ok(h.description && h.description.length > 10);
    assert.equal(h.canonical, `${BASE}/p/${p.slug}`);
    assert.ok(h.hreflang.some(([l, u]) => l === 'id' && u === `${BASE}/id/p/${p.id_slug}`));
    assert.ok(h.hreflang.some(([l]) => l === 'x-default'));
    const product = h.jsonLd.find((d) => d['@type'] === 'Product');
    assert.ok(product);
    assert.equal(product.name, p.name);
    assert.match(product.offers.price, /^\d+(\.\d+)?$/);
    assert.equal(product.offers.priceCurrency, 'IDR');
    assert.match(product.offers.availability, /^https:\/\/schema\.org\/(InStock|LimitedAvailability|OutOfStock)$/);
    assert.ok(Array.isArray(product.image) && product.image.every((u: string) => u.startsWith(BASE)));
    assert.ok(product.aggregateRating.reviewCount > 0);
    assert.ok(product.aggregateRating.ratingValue >= 1 && product.aggregateRating.ratingValue <= 5);
    assert.ok(h.jsonLd.some((d) => d['@type'] === 'BreadcrumbList'));
    assert.match(res.body, new RegExp(`<h1>${h.jsonLd.length ? '' : ''}`));
  });

  it('redirects another locale’s slug to the right one, and renders the translation', async () => {
    const p = await productWithReviews();
    const res = await get(`/id/p/${p.slug}?reviews_page=1`);
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, `/id/p/${p.id_slug}?reviews_page=1`);
    const page = await get(`/id/p/${p.id_slug}`);
    assert.equal(page.statusCode, 200);
    assert.equal(head(page.body).lang, 'id');
    assert.match(page.body, /Ulasan pembeli/);
  });

  it('escapes "<" inside JSON-LD', async () => {
    const p = await productWithReviews();
    await ctx.db.kysely.updateTable('product_translations').set({ short_description: '</script><script>alert(1)</script>' })
      .where('product_id', '=', p.id).where('locale', '=', 'en').execute();
    await catalogCache(ctx).invalidate(); // written behind the services' back, so no event emptied the cache
    const res = await get(`/p/${p.slug}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert/);
    const product = head(res.body).jsonLd.find((d) => d['@type'] === 'Product');
    assert.equal(product.description, '</script><script>alert(1)</script>');
  });

  it('switches the currency with a form post and shows prices in it', async () => {
    const p = await productWithReviews();
    const csrf = await storefrontCsrf(app);
    const withToken = (payload: Record<string, string>) => app.inject({ method: 'POST', url: '/currency', payload: { ...payload, _csrf: csrf.token }, headers: { cookie: csrf.cookie } });
    const post = await withToken({ code: 'THB', return_to: `/p/${p.slug}` });
    assert.equal(post.statusCode, 303);
    assert.equal(post.headers.location, `/p/${p.slug}`);
    const cookie = String(post.headers['set-cookie']).split(';')[0]!;
    assert.equal(cookie, 'pasar_currency=THB');
    const res = await get(`/p/${p.slug}`, { cookie });
    assert.match(res.body, /data-testid="price" data-currency="THB"/);
    assert.equal(head(res.body).jsonLd.find((d) => d['@type'] === 'Product').offers.priceCurrency, 'THB');

    const evil = await withToken({ code: 'USD', return_to: '//evil.example/x' });
    assert.equal(evil.headers.location, '/');
    const forged = await app.inject({ method: 'POST', url: '/currency', payload: { code: 'USD' }, headers: { cookie: csrf.cookie } });
    assert.equal(forged.statusCode, 403, 'no token: another site cannot switch the currency');
    assert.ok(![forged.headers['set-cookie'] ?? []].flat().some((c) => String(c).startsWith('pasar_currency=')));
    for (const payload of [{ code: 'XXX' }, { code: 'USD', extra: '1' }, {}, { code: "' OR 1=1 --" }]) {
      const bad = await withToken(payload as Record<string, string>);
      assert.equal(bad.statusCode, 400, JSON.stringify(payload));
      assert.equal(bad.headers['set-cookie'], undefined);
      assert.equal(typeof bad.json().error.code, 'string');
    }
  });

  it('answers unknown products, categories, articles and pages with the helpful 404 page', async () => {
    for (const url of ['/p/no-such-thing', '/c/no-such-category', '/news/nothing-here', '/pages/nope', '/id/p/nope', '/totally/unknown', `/p/${'y'.repeat(300)}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /role="search"/, url);
      assert.match(res.body, /href="(\/id)?\/c\//, 'popular categories');
    }
    assert.equal(head((await get('/id/p/nope')).body).lang, 'id');
  });

  it('renders the news list, an article with Article JSON-LD, and a content page', async () => {
    const list = await get('/news');
    assert.equal(list.statusCode, 200);
    const link = list.body.match(/<h2><a href="(\/news\/[^"]+)"/)?.[1];
    assert.ok(link, 'an article link');
    const article = await get(link);
    assert.equal(article.statusCode, 200);
    assert.ok(head(article.body).jsonLd.some((d) => d['@type'] === 'Article' && d.headline));
    const pageLink = article.body.match(/href="(\/pages\/[^"]+)"/)?.[1];
    assert.ok(pageLink, 'footer links to content pages');
    const page = await get(pageLink);
    assert.equal(page.statusCode, 200);
    assert.equal(head(page.body).canonical, BASE + pageLink);
  });

  it('lists every active product in every locale in the sitemap', async () => {
    const index = await get('/sitemap.xml');
    assert.equal(index.statusCode, 200);
    assert.match(index.headers['content-type'] as string, /xml/);
    const parts = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(BASE, ''));
    assert.ok(parts.includes('/sitemaps/pages.xml'));
    let urls = new Set<string>();
    for (const part of parts) {
      const res = await get(part);
      assert.equal(res.statusCode, 200, part);
      for (const m of res.body.matchAll(/<loc>([^<]+)<\/loc>/g)) urls.add(m[1]!.replace(/&amp;/g, '&'));
    }
    const translations = await ctx.db.kysely.selectFrom('product_translations as t').innerJoin('products as p', 'p.id', 't.product_id')
      .where('p.status', '=', 'active').select(['t.locale', 't.slug']).execute();
    const active = await ctx.db.kysely.selectFrom('products').where('status', '=', 'active').select('id').execute();
    assert.equal(translations.length, active.length * 5);
    for (const t of translations) {
      const url = `${BASE}${t.locale === 'en' ? '' : '/' + t.locale}/p/${encodeURIComponent(t.slug)}`;
      assert.ok(urls.has(url), url);
    }
    assert.ok(urls.has(`${BASE}/c/wine`));
    assert.ok(urls.has(`${BASE}/id/news`));
    assert.equal((await get('/sitemaps/products-99.xml')).statusCode, 404);
    urls = new Set();
  });

  it('serves robots.txt with the sitemap and the admin disallowed', async () => {
    const res = await get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Sitemap: http:\/\/localhost:3000\/sitemap\.xml/);
    assert.match(res.body, /Disallow: \/admin/);
    assert.match(res.body, /Disallow: \/api\/admin/);
  });

  it('redirects the default locale’s prefix to the unprefixed URL, never off-site', async () => {
    const res = await get('/en/c/wine?page=2');
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/c/wine?page=2');
    assert.equal((await get('/en')).headers.location, '/');
    assert.equal((await get('/en//evil.example/x')).headers.location, '/evil.example/x');
  });

  it('serves the stylesheet', async () => {
    const res = await get('/assets/store.css');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/css/);
  });
});
