import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { AppError } from '../platform/http/errors.ts';
import {
  adjustStock,
  commitReservations,
  expireReservations,
  getAvailability,
  releaseReservations,
  reserveStock,
  setOnHand,
  stockLevelsOf,
} from './index.ts';

describe('inventory: reservations and movements', () => {
  let ctx: TestContext;
  const v: Record<'last' | 'plenty' | 'untracked' | 'backorder', number> = { last: 0, plenty: 0, untracked: 0, backorder: 0 };
  const low: Array<{ variantId: number; status: string }> = [];

  before(async () => {
    ctx = await createTestContext();
    ctx.events.on('inventory.low', ({ items }) => void low.push(...items));
    const db = ctx.db.kysely;
    const normal = await db.insertInto('products').values({ status: 'active' }).returning('id').executeTakeFirstOrThrow();
    const backorderable = await db.insertInto('products').values({ status: 'active', allow_backorder: 1 }).returning('id').executeTakeFirstOrThrow();
    const add = async (productId: number, sku: string) =>
      (await db.insertInto('variants').values({ product_id: productId, sku }).returning('id').executeTakeFirstOrThrow()).id;
    v.last = await add(normal.id, 'RES-LAST');
    v.plenty = await add(normal.id, 'RES-PLENTY');
    v.untracked = await add(normal.id, 'RES-UNTRACKED');
    v.backorder = await add(backorderable.id, 'RES-BACK');
  });
  after(() => ctx.close());

  beforeEach(async () => {
    await ctx.db.kysely.deleteFrom('stock_reservations').execute();
    await ctx.db.kysely.deleteFrom('stock_levels').execute();
    await setOnHand(ctx, v.last, 1, { lowThreshold: 0 });
    await setOnHand(ctx, v.plenty, 50, { lowThreshold: 5 });
    await setOnHand(ctx, v.backorder, 0);
    low.length = 0;
  });

  const available = async (id: number) => (await getAvailability(ctx.db.kysely, [id])).get(id)?.available;

  it('holds stock and gives it back on release, once', async () => {
    const held = await reserveStock(ctx, [{ variantId: v.plenty, quantity: 3 }, { variantId: v.plenty, quantity: 2 }], { reference: 'cart:1' });
    assert.equal(held.length, 1, 'lines of one variant are merged');
    assert.equal(await available(v.plenty), 45);
    assert.equal(await releaseReservations(ctx, 'cart:1'), 1);
    assert.equal(await releaseReservations(ctx, 'cart:1'), 0, 'a second release changes nothing');
    assert.equal(await available(v.plenty), 50);
  });

  it('refuses every line when one is short, with the short line in the details', async () => {
    await assert.rejects(
      reserveStock(ctx, [{ variantId: v.plenty, quantity: 2 }, { variantId: v.last, quantity: 2 }], { reference: 'cart:2' }),
      (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.status, 409);
        assert.equal(err.code, 'out_of_stock');
        assert.deepEqual((err.details as { items: unknown[] }).items, [{ variant_id: v.last, sku: 'RES-LAST', requested: 2, available: 1 }]);
        return true;
      },
    );
    assert.equal(await available(v.plenty), 50, 'the line that fitted was rolled back');
    const rows = await ctx.db.kysely.selectFrom('stock_reservations').selectAll().execute();
    assert.equal(rows.length, 0);
  });

  it('sells the last unit to exactly one of many concurrent checkouts', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => reserveStock(ctx, [{ variantId: v.last, quantity: 1 }], { reference: `race:${i}` })),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    assert.equal(won.length, 1);
    for (const a of attempts) {
      if (a.status === 'rejected') assert.equal((a.reason as AppError).code, 'out_of_stock');
    }
    const [level] = await stockLevelsOf(ctx, v.last);
    assert.equal(level!.reserved, 1);
    assert.equal(level!.available, 0);
  });

  it('never oversells under concurrent multi-unit holds', async () => {
    await setOnHand(ctx, v.plenty, 10);
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => reserveStock(ctx, [{ variantId: v.plenty, quantity: 3 }], { reference: `multi:${i}` })),
    );
    assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 3);
    assert.equal(await available(v.plenty), 1);
  });

  it('holds each line at the default location when it fits there, else at the location with enough free stock', async () => {
    await ctx.db.kysely.insertInto('stock_locations').values({ code: 'store-2', name: 'Second shop', is_default: 0 })
      .onConflict((oc) => oc.column('code').doNothing()).execute();
    await setOnHand(ctx, v.last, 6, { locationCode: 'store-2' });
    await setOnHand(ctx, v.plenty, 7, { locationCode: 'store-2' });
    // v.last: 1 at the default location, 6 at store-2; v.plenty: 50 at the default, 7 at store-2.
    const held = await reserveStock(ctx, [{ variantId: v.last, quantity: 4 }, { variantId: v.plenty, quantity: 5 }], { reference: 'cart:locations' });
    const where = async (id: number) => Object.fromEntries((await stockLevelsOf(ctx, id)).map((l) => [l.location, l.reserved]));
    assert.deepEqual(await where(v.last), { default: 0, 'store-2': 4 });
    assert.deepEqual(await where(v.plenty), { default: 5, 'store-2': 0 });
    assert.equal(held.length, 2);
    await assert.rejects(reserveStock(ctx, [{ variantId: v.last, quantity: 3 }], { reference: 'cart:split' }), (err: AppError) => {
      // 1 + 2 free across the two locations, but a line is never split between locations.
      assert.deepEqual((err.details as { items: unknown[] }).items, [{ variant_id: v.last, sku: 'RES-LAST', requested: 3, available: 3 }]);
      return true;
    });
    await ctx.db.kysely.deleteFrom('stock_levels').where('location_id', 'in', (eb) => eb.selectFrom('stock_locations').select('id').where('code', '=', 'store-2')).execute();
  });

  it('reserves untracked variants freely and back-orderable ones past zero', async () => {
    await reserveStock(ctx, [{ variantId: v.untracked, quantity: 1000 }, { variantId: v.backorder, quantity: 4 }], { reference: 'cart:3' });
    assert.equal(await available(v.untracked), undefined, 'still untracked');
    assert.equal(await available(v.backorder), -4);
  });

  it('answers 404 for an unknown variant and 400 for a bad quantity, holding nothing', async () => {
    await assert.rejects(reserveStock(ctx, [{ variantId: 999_999, quantity: 1 }], { reference: 'x' }), (e: AppError) => e.status === 404);
    await assert.rejects(reserveStock(ctx, [{ variantId: v.plenty, quantity: 0 }], { reference: 'x' }), (e: AppError) => e.status === 400);
    await assert.rejects(reserveStock(ctx, [{ variantId: v.plenty, quantity: 1.5 }], { reference: 'x' }), (e: AppError) => e.status === 400);
    await assert.rejects(reserveStock(ctx, [], { reference: 'x' }), (e: AppError) => e.status === 400);
    assert.equal(await available(v.plenty), 50);
  });

  it('commits a sale: on hand and reserved go down together and the history says why', async () => {
    await reserveStock(ctx, [{ variantId: v.plenty, quantity: 4 }], { reference: 'order:PSR-1' });
    assert.equal(await commitReservations(ctx, 'order:PSR-1'), 1);
    assert.equal(await commitReservations(ctx, 'order:PSR-1'), 0);
    const [level] = await stockLevelsOf(ctx, v.plenty);
    assert.deepEqual([level!.on_hand, level!.reserved], [46, 0]);
    const sale = await ctx.db.kysely.selectFrom('stock_movements').selectAll().where('variant_id', '=', v.plenty).where('reason', '=', 'sale').execute();
    assert.equal(sale.length, 1);
    assert.equal(sale[0]!.delta, -4);
    assert.equal(sale[0]!.on_hand_after, 46);
  });

  it('expires unpaid holds whose time has passed and keeps the others', async () => {
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    await reserveStock(ctx, [{ variantId: v.plenty, quantity: 5 }], { reference: 'old', expiresAt: past });
    await reserveStock(ctx, [{ variantId: v.plenty, quantity: 7 }], { reference: 'new', expiresAt: future });
    assert.equal(await expireReservations(ctx), 1);
    assert.equal(await available(v.plenty), 43);
    const statuses = await ctx.db.kysely.selectFrom('stock_reservations').select(['reference', 'status']).orderBy('reference').execute();
    assert.deepEqual(statuses, [{ reference: 'new', status: 'active' }, { reference: 'old', status: 'expired' }]);
  });

  it('announces a variant once when it runs low', async () => {
    await reserveStock(ctx, [{ variantId: v.plenty, quantity: 45 }], { reference: 'big' });
    assert.deepEqual(low.map((l) => [l.variantId, l.status]), [[v.plenty, 'low_stock']]);
    await reserveStock(ctx, [{ variantId: v.plenty, quantity: 1 }], { reference: 'more' });
    assert.equal(low.length, 1, 'already low: no second alert');
  });

  it('announces running low exactly once when concurrent holds cross the line together', async () => {
    // 50 on hand, low at 5: sixteen holds of 3 fit (48), the rest are refused. Only the hold that takes the stock
    // from 8 to 5 crosses the line; each hold compares its own before and after, so no other one announces it.
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => reserveStock(ctx, [{ variantId: v.plenty, quantity: 3 }], { reference: `low:${i}` })),
    );
    assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 16);
    assert.equal(await available(v.plenty), 2);
    assert.deepEqual(low.map((l) => [l.variantId, l.status]), [[v.plenty, 'low_stock']]);
  });

  it('adjusts with a reason and refuses to remove more than is on hand', async () => {
    const after = await adjustStock(ctx, v.plenty, 10, { reason: 'received', note: 'PO 17', actor: 'test' });
    assert.equal(after.on_hand, 60);
    await assert.rejects(adjustStock(ctx, v.plenty, -61, { reason: 'damaged' }), (e: AppError) => e.code === 'insufficient_stock');
    const [level] = await stockLevelsOf(ctx, v.plenty);
    assert.equal(level!.on_hand, 60);
    const history = await ctx.db.kysely.selectFrom('stock_movements').select(['delta', 'reason', 'note']).where('variant_id', '=', v.plenty).orderBy('id', 'desc').limit(1).execute();
    assert.deepEqual(history, [{ delta: 10, reason: 'received', note: 'PO 17' }]);
  });
});
