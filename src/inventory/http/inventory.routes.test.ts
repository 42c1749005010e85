import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';

describe('inventory admin API', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;
  let warehouse: Record<string, string>;
  let marketing: Record<string, string>;
  let variantId: number;

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    owner = await adminAuth(ctx, 'owner');
    warehouse = await adminAuth(ctx, 'warehouse');
    marketing = await adminAuth(ctx, 'marketing');
    const p = await ctx.db.kysely.insertInto('products').values({ status: 'active' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.kysely.insertInto('product_translations').values({ product_id: p.id, locale: 'en', name: 'Kopi Luwak', slug: 'kopi-luwak' }).execute();
    variantId = (await ctx.db.kysely.insertInto('variants').values({ product_id: p.id, sku: 'KOPI-250' }).returning('id').executeTakeFirstOrThrow()).id;
    await ctx.db.kysely.insertInto('stock_locations').values({ code: 'bandung', name: 'Bandung' }).execute();
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const put = (sku: string, payload: unknown, headers = warehouse) =>
    app.inject({ method: 'PUT', url: `/api/admin/inventory/${encodeURIComponent(sku)}`, headers, payload: payload as object });
  const levels = async () => ctx.db.kysely.selectFrom('stock_levels').selectAll().where('variant_id', '=', variantId).execute();

  it('sets the default location without a location, and a named one with it', async () => {
    const res = await put('KOPI-250', { on_hand: 12 });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { sku: 'KOPI-250', location: 'default', on_hand: 12, reserved: 0, available: 12, low_stock_threshold: 5, status: 'in_stock' });
    const named = await put('KOPI-250', { on_hand: 3, location: 'bandung', low_stock_threshold: 4 });
    assert.equal(named.json().status, 'low_stock');
    const read = await app.inject({ url: '/api/admin/inventory/KOPI-250', headers: marketing });
    assert.deepEqual(read.json().levels.map((l: { location: string; on_hand: number }) => [l.location, l.on_hand]), [['default', 12], ['bandung', 3]]);
  });

  it('records adjustments in the history, newest first', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/inventory/KOPI-250/adjustments', headers: warehouse, payload: { delta: -2, reason: 'damaged', note: 'dropped' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().on_hand, 10);
    const history = await app.inject({ url: '/api/admin/inventory/KOPI-250/movements', headers: owner });
    const [latest] = history.json().items;
    assert.equal(latest.delta, -2);
    assert.equal(latest.reason, 'damaged');
    assert.equal(latest.actor, 'test warehouse');
  });

  it('lists SKUs running low', async () => {
    await put('KOPI-250', { on_hand: 1, low_stock_threshold: 5 });
    await put('KOPI-250', { on_hand: 0, location: 'bandung' });
    const res = await app.inject({ url: '/api/admin/low-stock', headers: owner });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().total, 1);
    assert.deepEqual(res.json().items[0], { sku: 'KOPI-250', product_id: res.json().items[0].product_id, product_name: 'Kopi Luwak', available: 1, low_stock_threshold: 5, status: 'low_stock' });
  });

  it('refuses bad input with the error shape and writes nothing', async () => {
    const before = JSON.stringify(await levels());
    const movementsBefore = (await ctx.db.kysely.selectFrom('stock_movements').selectAll().execute()).length;
    const cases: Array<[string, unknown, number]> = [
      ['KOPI-250', { on_hand: -1 }, 400],
      ['KOPI-250', { on_hand: '5' }, 400],
      ['KOPI-250', { on_hand: 1.5 }, 400],
      ['KOPI-250', {}, 400],
      ['KOPI-250', { on_hand: 1, extra: true }, 400],
      ['KOPI-250', { on_hand: 1, location: "x' OR 1=1 --" }, 400],
      ['KOPI-250', { on_hand: 1, location: 'nowhere' }, 404],
      ['KOPI-250', { on_hand: 1, note: 'x'.repeat(501) }, 400],
      ['NO-SUCH-SKU', { on_hand: 1 }, 404],
      ['<script>alert(1)</script>', { on_hand: 1 }, 404],
      ['x'.repeat(65), { on_hand: 1 }, 400],
    ];
    for (const [sku, body, status] of cases) {
      const res = await put(sku, body);
      assert.equal(res.statusCode, status, `${sku} ${JSON.stringify(body)}`);
      assert.equal(typeof res.json().error.code, 'string');
    }
    const adjust = await app.inject({ method: 'POST', url: '/api/admin/inventory/KOPI-250/adjustments', headers: warehouse, payload: { delta: -1000, reason: 'lost' } });
    assert.equal(adjust.statusCode, 409);
    const zero = await app.inject({ method: 'POST', url: '/api/admin/inventory/KOPI-250/adjustments', headers: warehouse, payload: { delta: 0, reason: 'lost' } });
    assert.equal(zero.statusCode, 400);
    const badReason = await app.inject({ method: 'POST', url: '/api/admin/inventory/KOPI-250/adjustments', headers: warehouse, payload: { delta: 1, reason: 'stolen' } });
    assert.equal(badReason.statusCode, 400);
    assert.equal(JSON.stringify(await levels()), before);
    assert.equal((await ctx.db.kysely.selectFrom('stock_movements').selectAll().execute()).length, movementsBefore);
  });

  it('needs a key, and a role that may change stock', async () => {
    assert.equal((await put('KOPI-250', { on_hand: 1 }, {})).statusCode, 401);
    assert.equal((await put('KOPI-250', { on_hand: 1 }, marketing)).statusCode, 403);
    const support = await adminAuth(ctx, 'support');
    assert.equal((await put('KOPI-250', { on_hand: 1 }, support)).statusCode, 403);
    assert.equal((await app.inject({ url: '/api/admin/low-stock' })).statusCode, 401);
  });
});
