import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { AppError } from '../platform/http/errors.ts';
import { ensureDefaultLocation, getAvailability, setOnHand, setStockLevelsBulk, stockStatus } from './index.ts';

describe('inventory: stock levels', () => {
  let ctx: TestContext;
  let productId: number;
  const variants: number[] = [];
  const published: number[][] = [];

  before(async () => {
    ctx = await createTestContext();
    ctx.events.on('catalog.products_changed', ({ productIds }) => void published.push(productIds));
    const p = await ctx.db.kysely.insertInto('products').values({ status: 'active' }).returning('id').executeTakeFirstOrThrow();
    productId = p.id;
    for (let i = 0; i < 4; i++) {
      const v = await ctx.db.kysely.insertInto('variants').values({ product_id: productId, sku: `STK-${i}` }).returning('id').executeTakeFirstOrThrow();
      variants.push(v.id);
    }
  });
  after(() => ctx.close());

  it('classifies availability with the low-stock threshold', () => {
    assert.equal(stockStatus(0, 5), 'out_of_stock');
    assert.equal(stockStatus(-2, 5), 'out_of_stock');
    assert.equal(stockStatus(5, 5), 'low_stock');
    assert.equal(stockStatus(6, 5), 'in_stock');
  });

  it('creates the default location once', async () => {
    const a = await ensureDefaultLocation(ctx.db.kysely);
    const b = await ensureDefaultLocation(ctx.db.kysely);
    assert.equal(a, b);
    const n = await ctx.db.kysely.selectFrom('stock_locations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 1);
  });

  it('bulk-sets levels and reports availability in one query, leaving untracked variants out', async () => {
    await setStockLevelsBulk(ctx.db.kysely, [
      { variantId: variants[0]!, onHand: 40 },
      { variantId: variants[1]!, onHand: 3, lowThreshold: 5 },
      { variantId: variants[2]!, onHand: 0 },
    ]);
    ctx.queries.length = 0;
    const stock = await getAvailability(ctx.db.kysely, variants);
    assert.equal(ctx.queries.length, 1);
    assert.deepEqual(stock.get(variants[0]!), { available: 40, status: 'in_stock' });
    assert.deepEqual(stock.get(variants[1]!), { available: 3, status: 'low_stock' });
    assert.deepEqual(stock.get(variants[2]!), { available: 0, status: 'out_of_stock' });
    assert.equal(stock.has(variants[3]!), false, 'absent = untracked');
    assert.equal((await getAvailability(ctx.db.kysely, [])).size, 0);
  });

  it('sums on_hand − reserved over locations', async () => {
    const other = await ctx.db.kysely.insertInto('stock_locations').values({ code: 'jakarta', name: 'Jakarta' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.kysely.insertInto('stock_levels').values({ variant_id: variants[0]!, location_id: other.id, on_hand: 10, reserved: 4 }).execute();
    const stock = await getAvailability(ctx.db.kysely, [variants[0]!]);
    assert.equal(stock.get(variants[0]!)?.available, 46);
  });

  it('setOnHand upserts, and announces the product when its stock status moves', async () => {
    published.length = 0;
    await setOnHand(ctx, variants[3]!, 7);
    assert.deepEqual((await getAvailability(ctx.db.kysely, [variants[3]!])).get(variants[3]!), { available: 7, status: 'in_stock' });
    await setOnHand(ctx, variants[3]!, 2, { lowThreshold: 3 });
    assert.deepEqual((await getAvailability(ctx.db.kysely, [variants[3]!])).get(variants[3]!), { available: 2, status: 'low_stock' });
    await setOnHand(ctx, variants[3]!, 9, { locationCode: 'jakarta' });
    assert.equal((await getAvailability(ctx.db.kysely, [variants[3]!])).get(variants[3]!)?.available, 11);
    // 7 left it in stock (shoppers see no change, so no announcement), 2 made it low, 11 brought it back.
    assert.deepEqual(published, [[productId], [productId]]);
  });

  it('refuses bad quantities, unknown variants and unknown locations without writing', async () => {
    published.length = 0;
    const before = await ctx.db.kysely.selectFrom('stock_levels').selectAll().orderBy('variant_id').orderBy('location_id').execute();
    for (const [variant, qty, opts, status] of [
      [variants[0]!, -1, {}, 400],
      [variants[0]!, 1.5, {}, 400],
      [variants[0]!, Number.NaN, {}, 400],
      [variants[0]!, 5, { lowThreshold: -3 }, 400],
      [999_999, 5, {}, 404],
      [variants[0]!, 5, { locationCode: "' OR 1=1 --" }, 404],
    ] as const) {
      await assert.rejects(setOnHand(ctx, variant, qty, opts), (err: unknown) => err instanceof AppError && err.status === status);
    }
    await assert.rejects(setStockLevelsBulk(ctx.db.kysely, [{ variantId: variants[0]!, onHand: 1 }, { variantId: variants[1]!, onHand: -5 }]), AppError);
    const afterRows = await ctx.db.kysely.selectFrom('stock_levels').selectAll().orderBy('variant_id').orderBy('location_id').execute();
    assert.deepEqual(afterRows, before);
    assert.equal(published.length, 0);
  });
});
