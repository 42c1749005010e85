// Store API of the catalogue on the demo shop: product detail by slug and the category tree, with bad input.
import { catalogCache } from '../../platform/cache/catalog-cache.ts';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { seedDemo } from '../../seed/demo/seed-demo.ts';
import { getProductDetail } from '../read/product-detail.ts';

describe('catalogue store API', () => {
  let ctx: TestContext;
  let app: App;
  let slug: string;
  let idSlug: string;
  let productId: number;

  before(async () => {
    ctx = await createTestContext();
    await seedDemo(ctx, { images: false });
    app = await createTestApp(ctx);
    // A product with reviews, several variants and tier prices.
    const row = await ctx.db.kysely
      .selectFrom('products as p')
      .innerJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'p.id').on('t.locale', '=', 'en'))
      .innerJoin('product_translations as ti', (j) => j.onRef('ti.product_id', '=', 'p.id').on('ti.locale', '=', 'id'))
      .whereRef('ti.slug', '<>', 't.slug')
      .where('p.id', 'in', (eb) => eb.selectFrom('product_reviews').select('product_id').where('status', '=', 'approved'))
      .where('p.id', 'in', (eb) => eb.selectFrom('variants as v').innerJoin('tier_prices as tp', 'tp.variant_id', 'v.id').select('v.product_id'))
      .select(['p.id', 't.slug', 'ti.slug as id_slug'])
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    slug = row.slug;
    idSlug = row.id_slug;
    productId = row.id;
  });
  after(async () => {
    await app?.close();
    await ctx?.close();
  });

  const count = async (table: 'products' | 'product_reviews') =>
    Number((await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('answers a product’s detail in the requested locale and currency', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/store/products/${slug}?locale=id&currency=THB` });
    assert.equal(res.statusCode, 200);
    const d = res.json();
    assert.equal(d.id, productId);
    assert.equal(d.slug, idSlug, 'the slug for the requested locale');
    assert.equal(d.slug_mismatch, true);
    assert.equal(d.text_locale, 'id');
    assert.equal(d.currency, 'THB');
    assert.equal(Object.keys(d.slugs).length, 5);
    assert.ok(d.variants.length >= 1 && d.variants.every((v: any) => v.price === null || Number.isInteger(v.price.amount)));
    assert.ok(d.variants.some((v: any) => v.tier_prices.length > 0), 'tier prices in THB');
    assert.ok(d.breadcrumb.length >= 1);
    assert.ok(d.specifications.length > 0 && d.specifications.every((s: any) => typeof s.value === 'string' && s.value !== ''));
    // Buyer summary agrees with the approved reviews and never includes expert scores.
    const approved = await ctx.db.kysely.selectFrom('product_reviews').where('product_id', '=', productId).where('status', '=', 'approved').select('rating').execute();
    assert.equal(d.rating.count, approved.length);
    assert.equal(d.reviews.total, approved.length);
    const sum = Object.values(d.rating.distribution as Record<string, number>).reduce((a, b) => a + b, 0);
    assert.equal(sum, approved.length);
    assert.equal(d.rating.average, Math.round((approved.reduce((a, r) => a + r.rating, 0) / approved.length) * 10) / 10);
    assert.ok(d.related.similar.length + d.related.complementary.length + d.related.pairing.length > 0);
  });

  it('pages and sorts the reviews', async () => {
    const helpful = (await app.inject({ method: 'GET', url: `/api/store/products/${slug}?reviews_sort=helpful&reviews_per_page=2` })).json();
    assert.equal(helpful.reviews.per_page, 2);
    assert.ok(helpful.reviews.items.length <= 2);
    const votes = helpful.reviews.items.map((r: any) => r.helpful_votes);
    assert.deepEqual(votes, [...votes].sort((a: number, b: number) => b - a));
  });

  it('reads the product in a fixed number of queries', async () => {
    ctx.queries.length = 0;
    await getProductDetail(ctx, { slug, locale: 'th', currency: 'IDR' });
    const first = ctx.queries.length;
    assert.ok(first <= 30, `${first} queries`);
  });

  it('hides products that are not active', async () => {
    await ctx.db.kysely.updateTable('products').set({ status: 'draft' }).where('id', '=', productId).execute();
    try {
      const res = await app.inject({ method: 'GET', url: `/api/store/products/${slug}` });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.code, 'not_found');
    } finally {
      await ctx.db.kysely.updateTable('products').set({ status: 'active' }).where('id', '=', productId).execute();
    }
  });

  it('computes similar products when none are curated', async () => {
    const curated = await ctx.db.kysely.selectFrom('product_relations').selectAll().where('product_id', '=', productId).where('kind', '=', 'similar').execute();
    await ctx.db.kysely.deleteFrom('product_relations').where('product_id', '=', productId).where('kind', '=', 'similar').execute();
    await catalogCache(ctx).invalidate(); // changed behind the services' back: no event emptied the cache
    try {
      const d = (await app.inject({ method: 'GET', url: `/api/store/products/${slug}` })).json();
      assert.equal(d.related.similar_computed, true);
      assert.ok(d.related.similar.length > 0);
      assert.ok(!d.related.similar.some((c: any) => c.id === productId));
    } finally {
      if (curated.length > 0) await ctx.db.kysely.insertInto('product_relations').values(curated).execute();
    }
  });

  it('answers bad input with a 4xx and the error shape, writing nothing', async () => {
    const before = [await count('products'), await count('product_reviews')];
    const cases: Array<[string, number]> = [
      ['/api/store/products/no-such-product', 404],
      [`/api/store/products/${encodeURIComponent("' OR 1=1 --")}`, 404],
      [`/api/store/products/${encodeURIComponent('<script>alert(1)</script>')}`, 404],
      [`/api/store/products/${'x'.repeat(201)}`, 400],
      [`/api/store/products/${slug}?locale=xx`, 400],
      [`/api/store/products/${slug}?currency=ABC`, 400],
      [`/api/store/products/${slug}?reviews_page=0`, 400],
      [`/api/store/products/${slug}?reviews_per_page=abc`, 400],
      [`/api/store/products/${slug}?reviews_sort=oldest`, 400],
      [`/api/store/products/${slug}?unknown=1`, 400],
      ['/api/store/categories?locale=<script>', 400],
      ['/api/store/categories?extra=1', 400],
    ];
    for (const [url, status] of cases) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, status, url);
      const body = res.json();
      assert.equal(typeof body.error.code, 'string', url);
      assert.equal(typeof body.error.message, 'string', url);
    }
    assert.deepEqual([await count('products'), await count('product_reviews')], before);
  });

  it('answers the category tree with subtree product counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/store/categories?locale=es' });
    assert.equal(res.statusCode, 200);
    const { items } = res.json();
    assert.ok(items.length >= 8);
    const wine = items.find((c: any) => c.slugs.en === 'wine');
    assert.ok(wine, 'the wine category');
    assert.ok(wine.children.length > 0);
    // A parent counts each product of its subtree once.
    const active = await ctx.db.kysely.selectFrom('products').where('status', '=', 'active').where('primary_category_id', 'in', wine.children.map((c: any) => c.id))
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(wine.product_count, Number(active.n));
    assert.equal(wine.product_count, wine.children.reduce((a: number, c: any) => a + c.product_count, 0));
    assert.equal(wine.slug, wine.slugs.es);
  });
});
