import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../../catalog/index.ts';
import { setOnHand } from '../../inventory/index.ts';
import type { App } from '../../platform/http/app.ts';

describe('cart store API', () => {
  let ctx: TestContext;
  let app: App;

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    await importProducts(ctx, [
      {
        status: 'active',
        translations: { en: { name: 'Teh Melati', slug: 'teh-melati' }, id: { name: 'Teh Melati Wangi', slug: 'teh-melati-wangi' } },
        options: [{ code: 'size', names: { en: 'Size', id: 'Ukuran' }, values: [{ code: '100g', labels: { en: '100 g' } }, { code: '250g', labels: { en: '250 g' } }] }],
        variants: [
          {
            sku: 'TEH-100', options: { size: '100g' }, weight_grams: 120,
            prices: [{ currency: 'IDR', amount: 25000, compare_at_amount: 30000 }, { currency: 'THB', amount: 6500 }],
            tier_prices: [{ currency: 'IDR', min_quantity: 6, amount: 22000 }, { currency: 'IDR', min_quantity: 12, amount: 20000 }],
          },
          { sku: 'TEH-250', options: { size: '250g' }, prices: [{ currency: 'IDR', amount: 55000 }] },
        ],
      },
      { status: 'draft', translations: { en: { name: 'Secret blend' } }, variants: [{ sku: 'DRAFT-1', prices: [{ currency: 'IDR', amount: 1000 }] }] },
      { status: 'active', translations: { en: { name: 'Last pot' } }, variants: [{ sku: 'POT-1', prices: [{ currency: 'IDR', amount: 90000 }] }] },
    ]);
    const pot = (await findVariantsBySku(ctx, ['POT-1'])).get('POT-1')!;
    await setOnHand(ctx, pot.id, 2);
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const newCart = async (payload: object = { currency: 'IDR' }) => {
    const res = await app.inject({ method: 'POST', url: '/api/store/carts', payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const add = (id: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/store/carts/${id}/items`, payload: payload as object });
  const itemCount = async () => Number((await ctx.db.kysely.selectFrom('cart_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('creates an empty cart in the shop currency by default', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/store/carts' });
    assert.equal(res.statusCode, 201);
    const cart = res.json();
    assert.match(cart.id, /^c_[A-Za-z0-9_-]{24}$/);
    assert.equal(cart.currency, ctx.config.defaultCurrency);
    assert.deepEqual(cart.items, []);
    assert.equal(cart.totals.total, 0);
  });

  it('adds by SKU, merges repeated adds, and applies the best tier price', async () => {
    const cart = await newCart({ currency: 'IDR', locale: 'id' });
    assert.equal((await add(cart.id, { sku: 'TEH-100', quantity: 2 })).statusCode, 201);
    const res = await add(cart.id, { sku: 'TEH-100', quantity: 4 });
    const body = res.json();
    assert.equal(body.items.length, 1);
    const [line] = body.items;
    assert.equal(line.quantity, 6);
    assert.equal(line.unit_price, 22000, 'tier "from 6" applies');
    assert.equal(line.base_unit_price, 25000);
    assert.equal(line.tier_min_quantity, 6);
    assert.equal(line.line_total, 132000);
    assert.equal(line.product.name, 'Teh Melati Wangi', 'named in the cart locale');
    assert.equal(line.options, 'Ukuran: 100 g', 'option label falls back to the default locale');
    assert.equal(body.totals.subtotal, 132000);
    assert.equal(body.item_count, 6);
  });

  it('changes and removes lines; prices follow the quantity', async () => {
    const cart = await newCart();
    const added = (await add(cart.id, { sku: 'TEH-100', quantity: 1 })).json();
    const itemId = added.items[0].id;
    const patched = await app.inject({ method: 'PATCH', url: `/api/store/carts/${cart.id}/items/${itemId}`, payload: { quantity: 12 } });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().items[0].unit_price, 20000);
    const removed = await app.inject({ method: 'DELETE', url: `/api/store/carts/${cart.id}/items/${itemId}` });
    assert.equal(removed.statusCode, 200);
    assert.deepEqual(removed.json().items, []);
  });

  it('refuses more than the stock, a draft product, and a currency the product is not priced in', async () => {
    const cart = await newCart();
    const tooMany = await add(cart.id, { sku: 'POT-1', quantity: 3 });
    assert.equal(tooMany.statusCode, 409);
    assert.equal(tooMany.json().error.code, 'insufficient_stock');
    assert.equal(tooMany.json().error.details.available, 2);
    assert.equal((await add(cart.id, { sku: 'DRAFT-1', quantity: 1 })).json().error.code, 'unavailable');
    const thb = await newCart({ currency: 'THB' });
    assert.equal((await add(thb.id, { sku: 'TEH-250', quantity: 1 })).json().error.code, 'not_priced');
    assert.equal((await add(thb.id, { sku: 'TEH-100', quantity: 1 })).json().totals.subtotal, 6500);
  });

  it('answers bad input with a 4xx and the error shape, writing nothing', async () => {
    const cart = await newCart();
    const before = await itemCount();
    const cases: Array<[string, unknown, number]> = [
      [cart.id, { sku: 'TEH-100' }, 400],
      [cart.id, { sku: 'TEH-100', quantity: 0 }, 400],
      [cart.id, { sku: 'TEH-100', quantity: '2' }, 400],
      [cart.id, { sku: 'TEH-100', quantity: 10_000 }, 400],
      [cart.id, { sku: 'TEH-100', quantity: 1, price: 1 }, 400],
      [cart.id, { sku: 123, quantity: 1 }, 400],
      [cart.id, { sku: 'x'.repeat(65), quantity: 1 }, 400],
      [cart.id, { sku: "' OR 1=1 --", quantity: 1 }, 404],
      [cart.id, { sku: '<script>alert(1)</script>', quantity: 1 }, 404],
      ['c_AAAAAAAAAAAAAAAAAAAAAAAA', { sku: 'TEH-100', quantity: 1 }, 404],
      ['not-a-cart', { sku: 'TEH-100', quantity: 1 }, 400],
    ];
    for (const [id, payload, status] of cases) {
      const res = await add(id, payload);
      assert.equal(res.statusCode, status, `${id} ${JSON.stringify(payload)}`);
      assert.equal(typeof res.json().error.message, 'string');
    }
    assert.equal((await app.inject({ method: 'POST', url: '/api/store/carts', payload: { currency: 'XAU' } })).statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/api/store/carts', payload: { locale: 'xx' } })).statusCode, 400);
    assert.equal((await app.inject({ method: 'PATCH', url: `/api/store/carts/${cart.id}/items/999999`, payload: { quantity: 1 } })).statusCode, 404);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/store/carts/${cart.id}/items/abc` })).statusCode, 400);
    assert.equal(await itemCount(), before);
  });

  it('keeps one line when the same item is added concurrently', async () => {
    const cart = await newCart();
    const results = await Promise.all(Array.from({ length: 5 }, () => add(cart.id, { sku: 'TEH-250', quantity: 1 })));
    assert.ok(results.every((r) => r.statusCode === 201), results.map((r) => r.body).join('\n'));
    const res = await app.inject({ url: `/api/store/carts/${cart.id}` });
    assert.equal(res.json().items.length, 1);
    assert.equal(res.json().items[0].quantity, 5);
  });
});
