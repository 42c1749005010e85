import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { ConfigError } from '../../platform/config.ts';
import { seedGeneratedProducts } from './seed-generated.ts';

const NOW = Date.parse('2026-11-01T00:00:00.000Z');

/** A content fingerprint of the generated catalogue, independent of auto-increment ids. */
async function snapshot(ctx: TestContext, skuPrefix: string) {
  const db = ctx.db.kysely;
  const variants = await db.selectFrom('variants as v').innerJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'v.product_id').on('t.locale', '=', 'en'))
    .select(['v.sku', 'v.barcode', 'v.weight_grams', 't.name', 't.slug']).where('v.sku', 'like', `${skuPrefix}-%`).orderBy('v.sku').execute();
  const prices = await db.selectFrom('variant_prices as p').innerJoin('variants as v', 'v.id', 'p.variant_id')
    .select(['v.sku', 'p.currency', 'p.amount', 'p.compare_at_amount']).where('v.sku', 'like', `${skuPrefix}-%`).orderBy('v.sku').orderBy('p.currency').execute();
  const stock = await db.selectFrom('stock_levels as s').innerJoin('variants as v', 'v.id', 's.variant_id')
    .select(['v.sku', 's.on_hand']).where('v.sku', 'like', `${skuPrefix}-%`).orderBy('v.sku').execute();
  const reviews = await db.selectFrom('product_reviews as r').innerJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'r.product_id').on('t.locale', '=', 'en'))
    .select(['t.slug', 'r.rating', 'r.title', 'r.locale', 'r.created_at']).where('t.slug', 'like', `%-g${skuPrefix.slice(1).toLowerCase()}-%`)
    .orderBy('t.slug').orderBy('r.created_at').orderBy('r.title').execute();
  const attributes = await db.selectFrom('product_attribute_values as a').innerJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'a.product_id').on('t.locale', '=', 'en'))
    .innerJoin('attributes as d', 'd.id', 'a.attribute_id').leftJoin('attribute_options as o', 'o.id', 'a.option_id')
    .select(['t.slug', 'd.code', 'o.code as option', 'a.number_value', 'a.boolean_value']).where('t.slug', 'like', `%-g${skuPrefix.slice(1).toLowerCase()}-%`)
    .orderBy('t.slug').orderBy('d.code').orderBy('o.code').execute();
  return { variants, prices: prices.map((p) => ({ ...p, amount: Number(p.amount), compare_at_amount: p.compare_at_amount === null ? null : Number(p.compare_at_amount) })), stock, reviews, attributes };
}

describe('generated catalogue', () => {
  let a: TestContext;
  let b: TestContext;
  before(async () => {
    [a, b] = await Promise.all([createTestContext(), createTestContext()]);
    await seedGeneratedProducts(a, { count: 300, seed: 11, now: NOW });
    await seedGeneratedProducts(b, { count: 300, seed: 11, now: NOW });
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  it('creates N active products with variants, attributes, five currencies, stock, stats and reviews', async () => {
    const db = a.db.kysely;
    const products = await db.selectFrom('products').select(['id', 'status']).execute();
    assert.equal(products.length, 300);
    assert.ok(products.every((p) => p.status === 'active'));
    const variants = await db.selectFrom('variants').select(['id', 'product_id']).execute();
    const perProduct = new Map<number, number>();
    for (const v of variants) perProduct.set(v.product_id, (perProduct.get(v.product_id) ?? 0) + 1);
    assert.ok([...perProduct.values()].every((n) => n >= 1 && n <= 4));
    assert.ok([...perProduct.values()].some((n) => n > 1));
    const prices = await db.selectFrom('variant_prices').select(['currency']).execute();
    assert.equal(prices.length, variants.length * 5);
    assert.ok((await db.selectFrom('tier_prices').select('variant_id').limit(1).execute()).length === 1);
    const attrProducts = await db.selectFrom('product_attribute_values').select('product_id').distinct().execute();
    assert.equal(attrProducts.length, 300);
    assert.equal((await db.selectFrom('stock_levels').select('variant_id').execute()).length, variants.length);
    assert.equal((await db.selectFrom('product_stats').select('product_id').execute()).length, 300);
    const reviewed = await db.selectFrom('product_reviews').select('product_id').where('status', '=', 'approved').distinct().execute();
    assert.equal(reviewed.length, 300, 'every product has ratings');
    const cats = await db.selectFrom('categories').select('id').where('parent_id', 'is', null).execute();
    assert.ok(cats.length >= 8);
    assert.equal((await db.selectFrom('product_images').select('id').execute()).length, 0, 'no photos');
  });

  it('produces the same rows for the same seed', async () => {
    const sa = await snapshot(a, 'G11');
    const sb = await snapshot(b, 'G11');
    assert.ok(sa.variants.length >= 300 && sa.reviews.length >= 300 && sa.attributes.length > 300);
    assert.deepEqual(sa, sb);
  });

  it('produces different rows for another seed, and stacks on the same database', async () => {
    await seedGeneratedProducts(b, { count: 50, seed: 12, now: NOW });
    const total = await b.db.kysely.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(total.n), 350);
    const s11 = await snapshot(b, 'G11');
    const s12 = await snapshot(b, 'G12');
    assert.ok(s12.variants.length >= 50);
    const names11 = s11.variants.slice(0, 40).map((v) => v.name);
    const names12 = s12.variants.slice(0, 40).map((v) => v.name);
    assert.notDeepEqual(names12, names11);
    assert.notDeepEqual(s12.prices.slice(0, 40).map((p) => p.amount), s11.prices.slice(0, 40).map((p) => p.amount));
  });

  it('refuses to generate the same seed twice', async () => {
    await assert.rejects(seedGeneratedProducts(a, { count: 5, seed: 11, now: NOW }), (e: unknown) => e instanceof ConfigError && /seed 11/.test(e.message));
    await assert.rejects(seedGeneratedProducts(a, { count: 0, seed: 99 }), ConfigError);
  });
});
