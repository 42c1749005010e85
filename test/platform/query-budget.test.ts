// Query budgets: how many SQL statements each page and store API route may issue. A route must not issue more
// statements for a longer page of results or a fuller cart (no N+1); the budget beside each route is its ceiling
// today, so a change that adds queries has to raise it here, visibly.
import { catalogCache } from '../../src/platform/cache/catalog-cache.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../src/seed/demo/seed-demo.ts';
import type { App } from '../../src/platform/http/app.ts';
import { createTestApp, createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('query budgets', () => {
  let ctx: TestContext;
  let app: App;
  let productSlug: string;
  let categorySlug: string;
  let skus: string[];

  before(async () => {
    ctx = await createTestContext();
    await seedDemo(ctx, { images: false });
    app = await createTestApp(ctx);
    const product = await ctx.db.kysely.selectFrom('product_translations').select('slug').where('locale', '=', 'en').orderBy('product_id').executeTakeFirstOrThrow();
    productSlug = product.slug;
    const category = await ctx.db.kysely.selectFrom('category_translations').select('slug').where('locale', '=', 'en').orderBy('category_id').executeTakeFirstOrThrow();
    categorySlug = category.slug;
    const rows = await ctx.db.kysely.selectFrom('variants as v').innerJoin('variant_prices as p', 'p.variant_id', 'v.id')
      .where('p.currency', '=', ctx.config.defaultCurrency).select('v.sku').orderBy('v.id').limit(13).execute();
    skus = rows.map((r) => r.sku);
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  /** Statements issued by one request (it must succeed). */
  async function count(url: string, options: { method?: 'GET' | 'POST'; payload?: object; headers?: Record<string, string> } = {}) {
    // Budgets are for the cold path: what a request costs when the catalogue cache has just been emptied.
    await catalogCache(ctx).invalidate();
    ctx.queries.length = 0;
    const res = await app.inject({ method: options.method ?? 'GET', url, payload: options.payload, headers: options.headers });
    assert.ok(res.statusCode < 400, `${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    return ctx.queries.length;
  }

  /** The same route with a small and a large page of results: equal counts, within the budget. */
  async function flat(name: string, small: string, large: string, budget: number) {
    const a = await count(small);
    const b = await count(large);
    assert.equal(b, a, `${name}: ${a} statements for the small page, ${b} for the large one`);
    assert.ok(a <= budget, `${name}: ${a} statements, budget ${budget}`);
  }

  it('keeps every listing page flat in the page size', async () => {
    // The home page shows three product rails and the news: a fixed cost, not a page size.
    const home = await count('/');
    assert.ok(home <= 64, `home: ${home}`);
    await flat('category listing', `/c/${categorySlug}?per_page=4`, `/c/${categorySlug}?per_page=40`, 24);
    await flat('search listing', '/search?q=kopi&per_page=4', '/search?q=kopi&per_page=40', 24);
    const news = await count('/news');
    assert.ok(news <= 10, `news: ${news}`);
  });

  it('keeps the product page and product detail API within budget', async () => {
    const page = await count(`/p/${productSlug}`);
    // Includes the delivery estimate (zones, calendar, methods).
    assert.ok(page <= 34, `product page: ${page}`);
    const api = await count(`/api/store/products/${productSlug}`);
    assert.ok(api <= 26, `product detail API: ${api}`);
  });

  it('keeps the store product list API flat in per_page', async () => {
    await flat('GET /api/store/products', '/api/store/products?per_page=2', '/api/store/products?per_page=100', 18);
    await flat('GET /api/store/products (search)', '/api/store/products?q=kopi&per_page=2', '/api/store/products?q=kopi&per_page=100', 19);
    const categories = await count('/api/store/categories');
    assert.ok(categories <= 4, `categories: ${categories}`);
  });

  it('keeps cart reads and writes flat in the number of lines', async () => {
    const make = async (lines: number) => {
      const cart = (await app.inject({ method: 'POST', url: '/api/store/carts', payload: {} })).json() as { id: string };
      for (const sku of skus.slice(0, lines)) await app.inject({ method: 'POST', url: `/api/store/carts/${cart.id}/items`, payload: { sku, quantity: 1 } });
      return cart.id;
    };
    const one = await make(1);
    const many = await make(12);
    const readOne = await count(`/api/store/carts/${one}`);
    const readMany = await count(`/api/store/carts/${many}`);
    assert.equal(readMany, readOne, `GET cart: ${readOne} statements with 1 line, ${readMany} with 12`);
    assert.ok(readOne <= 10, `GET cart: ${readOne}`);
    // A new line in each cart: the same path through the service.
    const addOne = await count(`/api/store/carts/${one}/items`, { method: 'POST', payload: { sku: skus[12], quantity: 1 } });
    const addMany = await count(`/api/store/carts/${many}/items`, { method: 'POST', payload: { sku: skus[12], quantity: 1 } });
    assert.equal(addMany, addOne, `add to cart: ${addOne} vs ${addMany}`);
    assert.ok(addOne <= 22, `add to cart: ${addOne}`);
    const pageOne = await count('/cart', { headers: { cookie: `pasar_cart=${one}` } });
    const pageMany = await count('/cart', { headers: { cookie: `pasar_cart=${many}` } });
    assert.equal(pageMany, pageOne, `cart page: ${pageOne} vs ${pageMany}`);
    assert.ok(pageOne <= 16, `cart page: ${pageOne}`);
  });
});
