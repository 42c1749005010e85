import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../../catalog/index.ts';
import { getAvailability, setOnHand } from '../../inventory/index.ts';
import { getOrder } from '../../orders/index.ts';
import { hasValidCrc } from '../../payments/qr/emvco.ts';
import type { App } from '../../platform/http/app.ts';
import { seedPayments } from '../../seed/demo/payments.ts';
import { seedShippingAndTax } from '../../seed/demo/shipping.ts';

const ADDRESS = { name: 'Siti Rahma', line1: 'Jl. Sudirman 45', city: 'Jakarta Selatan', region: 'DKI Jakarta', postal_code: '12190', country: 'ID', phone: '+62 812 3456 7890' };

describe('checkout store API', () => {
  let ctx: TestContext;
  let app: App;
  let kopiId: number;
  let orders: string[] = [];

  before(async () => {
    ctx = await createTestContext();
    ctx.events.on('order.created', ({ number }) => void orders.push(number));
    await seedShippingAndTax(ctx);
    await seedPayments(ctx);
    await importProducts(ctx, [
      { status: 'active', translations: { en: { name: 'Kopi Gayo', slug: 'kopi-gayo' } }, variants: [{ sku: 'GAYO-250', weight_grams: 300, prices: [{ currency: 'IDR', amount: 111_000 }, { currency: 'THB', amount: 25_000 }] }] },
      { status: 'active', translations: { en: { name: 'Last batik', slug: 'last-batik' } }, variants: [{ sku: 'BATIK-1', weight_grams: 400, prices: [{ currency: 'IDR', amount: 450_000 }] }] },
    ]);
    kopiId = (await findVariantsBySku(ctx, ['GAYO-250'])).get('GAYO-250')!.id;
    await setOnHand(ctx, kopiId, 100);
    await setOnHand(ctx, (await findVariantsBySku(ctx, ['BATIK-1'])).get('BATIK-1')!.id, 1);
    app = await createTestApp(ctx);
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  async function cartWith(lines: Array<[string, number]>, currency = 'IDR') {
    const cart = (await app.inject({ method: 'POST', url: '/api/store/carts', payload: { currency } })).json() as { id: string };
    for (const [sku, quantity] of lines) {
      const res = await app.inject({ method: 'POST', url: `/api/store/carts/${cart.id}/items`, payload: { sku, quantity } });
      assert.equal(res.statusCode, 201, res.body);
    }
    return cart.id;
  }
  const complete = (cartId: string, body: object, key = `key-${cartId}`) =>
    app.inject({ method: 'POST', url: `/api/store/carts/${cartId}/complete`, headers: { 'idempotency-key': key }, payload: body });
  const order = (payment_method: string, overrides: object = {}) => ({ email: 'Siti@Example.co.id', shipping_address: ADDRESS, shipping_option_id: 'jkt-regular', payment_method, ...overrides });

  it('lists delivery options with cost and dates for an address', async () => {
    const cartId = await cartWith([['GAYO-250', 2]]);
    const res = await app.inject({ url: `/api/store/carts/${cartId}/shipping-options?country=ID&region=DKI%20Jakarta&postal_code=12190` });
    assert.equal(res.statusCode, 200);
    const options = res.json();
    assert.deepEqual(options.map((o: { id: string }) => o.id), ['jkt-regular', 'jkt-sameday']);
    assert.match(options[0].delivery.earliest, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(options[0].delivery.latest >= options[0].delivery.earliest);
    assert.equal((await app.inject({ url: `/api/store/carts/${cartId}/shipping-options` })).statusCode, 400, 'no address yet');
  });

  it('places a cash-on-delivery order with shipping and included PPN, holding the stock', async () => {
    const cartId = await cartWith([['GAYO-250', 2]]);
    const res = await complete(cartId, order('cod'));
    assert.equal(res.statusCode, 201, res.body);
    const placed = res.json();
    assert.match(placed.number, /^PSR-\d+$/);
    assert.equal(placed.status, 'pending_payment');
    assert.equal(placed.email, 'siti@example.co.id');
    // PPN 11% inside the prices: 22 000 in the goods, 991 in the delivery (10 000 × 11/111, rounded).
    assert.deepEqual(placed.totals, { subtotal: 222_000, discount: 0, shipping: 10_000, tax: 22_991, tax_included: true, total: 232_000 });
    assert.equal(placed.payment.kind, 'cod');
    assert.equal(placed.shipping.option_id, 'jkt-regular');
    assert.deepEqual(placed.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]), [['GAYO-250', 2]]);
    assert.equal((await getAvailability(ctx.db.kysely, [kopiId])).get(kopiId)!.available, 98);
    assert.ok(orders.includes(placed.number), 'order.created published');
    // The answer is made from what the checkout wrote, not read back: it must be what reading it back gives.
    const stored = JSON.parse(JSON.stringify(await getOrder(ctx, placed.id))) as Record<string, unknown>;
    const { payment: _payment, ...answered } = placed as Record<string, unknown>;
    assert.ok(Object.keys(answered).length >= 12, Object.keys(answered).join(','));
    for (const [field, value] of Object.entries(answered)) assert.deepEqual(value, stored[field], field);
    const again = await complete(cartId, order('cod'), 'another-key-1');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'cart_completed');
    const tracked = await app.inject({ url: `/api/store/orders/${placed.number}?email=siti@example.co.id` });
    assert.equal(tracked.statusCode, 200);
    assert.equal(tracked.json().number, placed.number);
    assert.equal((await app.inject({ url: `/api/store/orders/${placed.number}?email=someone@else.com` })).statusCode, 404);
  });

  it('shows bank accounts for a bank transfer and a valid QRIS code for QR', async () => {
    const bank = (await complete(await cartWith([['GAYO-250', 1]]), order('bank_transfer'))).json();
    assert.equal(bank.payment.kind, 'bank_transfer');
    assert.equal(bank.payment.reference, bank.number);
    assert.ok(bank.payment.accounts.length > 0);
    const qr = (await complete(await cartWith([['GAYO-250', 1]]), order('qr'))).json();
    assert.equal(qr.payment.kind, 'qr');
    assert.equal(qr.payment.scheme, 'qris');
    assert.ok(hasValidCrc(qr.payment.payload));
    assert.match(qr.payment.payload, new RegExp(`54${String(qr.totals.total).length.toString().padStart(2, '0')}${qr.totals.total}`));
    assert.match(qr.payment.svg, /^<svg role="img"/);
  });

  it('gives every retry with the same key the same order, even while the first is running', async () => {
    const cartId = await cartWith([['GAYO-250', 1]]);
    const results = await Promise.all(Array.from({ length: 4 }, () => complete(cartId, order('cod'), 'same-key-123')));
    const numbers = new Set(results.map((r) => r.json().number));
    assert.deepEqual(results.map((r) => r.statusCode), [201, 201, 201, 201]);
    assert.equal(numbers.size, 1);
    const count = await ctx.db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('cart_id', '=', cartId).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  it('places one order when the same cart is completed at once under different keys (two tabs): the rest get 409', async () => {
    const cartId = await cartWith([['GAYO-250', 3]]);
    const stockBefore = (await getAvailability(ctx.db.kysely, [kopiId])).get(kopiId)!.available;
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => complete(cartId, order('cod'), `tab-${i}-${cartId}`)));
    const statuses = results.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409], results.map((r) => r.body).join('\n'));
    assert.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'cart_completed'));
    const placed = await ctx.db.kysely.selectFrom('orders').select('number').where('cart_id', '=', cartId).execute();
    assert.equal(placed.length, 1);
    assert.equal((await getAvailability(ctx.db.kysely, [kopiId])).get(kopiId)!.available, stockBefore - 3, 'the stock is held once');
  });

  it('answers 409 out_of_stock when the stock went while the shopper was deciding, and writes no order', async () => {
    const first = await cartWith([['BATIK-1', 1]]);
    const second = await cartWith([['BATIK-1', 1]]);
    assert.equal((await complete(first, order('cod'))).statusCode, 201);
    const res = await complete(second, order('cod'));
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'out_of_stock');
    const count = await ctx.db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('cart_id', '=', second).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
    const cart = (await app.inject({ url: `/api/store/carts/${second}` })).json();
    assert.equal(cart.items.length, 1, 'the cart stays open');
  });

  it('sells exactly the stock to 50 concurrent checkouts: 5 orders, 45 out_of_stock, never negative', async () => {
    await importProducts(ctx, [{ status: 'active', translations: { en: { name: 'Limited songket' } }, variants: [{ sku: 'SONGKET-5', weight_grams: 500, prices: [{ currency: 'IDR', amount: 900_000 }] }] }]);
    const variantId = (await findVariantsBySku(ctx, ['SONGKET-5'])).get('SONGKET-5')!.id;
    await setOnHand(ctx, variantId, 5);
    const carts = await Promise.all(Array.from({ length: 50 }, () => cartWith([['SONGKET-5', 1]])));
    const results = await Promise.all(carts.map((id) => complete(id, order('cod'))));
    const statuses = results.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 5, statuses.join(','));
    assert.equal(results.filter((r) => r.statusCode === 409 && r.json().error.code === 'out_of_stock').length, 45);
    const stock = (await getAvailability(ctx.db.kysely, [variantId])).get(variantId)!;
    assert.equal(stock.available, 0);
    const level = await ctx.db.kysely.selectFrom('stock_levels').select(['on_hand', 'reserved']).where('variant_id', '=', variantId).executeTakeFirstOrThrow();
    assert.deepEqual(level, { on_hand: 5, reserved: 5 });
    const sold = await ctx.db.kysely.selectFrom('order_lines').select((eb) => eb.fn.sum<number>('quantity').as('n')).where('sku', '=', 'SONGKET-5').executeTakeFirstOrThrow();
    assert.equal(Number(sold.n), 5);
  });

  it('refuses bad input with a 4xx and the error shape, writing nothing', async () => {
    const cartId = await cartWith([['GAYO-250', 1]]);
    const before = Number((await ctx.db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const cases: Array<[object, number, string?]> = [
      [order('cod', { email: 'not-an-email' }), 400],
      [order('cod', { payment_method: 'bitcoin' }), 400],
      [order('cod', { shipping_option_id: 'teleport' }), 400, 'invalid_shipping_option'],
      [order('cod', { shipping_address: { ...ADDRESS, postal_code: '1' } }), 400],
      [order('cod', { shipping_address: { ...ADDRESS, phone: "' OR 1=1 --" } }), 400],
      [order('cod', { shipping_address: { ...ADDRESS, country: 'Indonesia' } }), 400],
      [order('cod', { shipping_address: { ...ADDRESS, name: 'x'.repeat(121) } }), 400],
      [order('cod', { extra: '<script>alert(1)</script>' }), 400],
      [{ email: 'a@b.co' }, 400],
      [order('card'), 400, 'payment_method_unavailable'],
    ];
    for (const [body, status, code] of cases) {
      const res = await complete(cartId, body, `bad-${Math.random().toString(36).slice(2)}`);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`);
      assert.equal(typeof res.json().error.code, 'string');
      if (code) assert.equal(res.json().error.code, code);
    }
    assert.equal((await complete(cartId, order('cod'), 'short')).statusCode, 400, 'idempotency key too short');
    const noKey = await app.inject({ method: 'POST', url: `/api/store/carts/${cartId}/complete`, payload: order('cod') });
    assert.equal(noKey.statusCode, 400);
    assert.equal((await complete('c_AAAAAAAAAAAAAAAAAAAAAAAA', order('cod'))).statusCode, 404);
    const empty = (await app.inject({ method: 'POST', url: '/api/store/carts', payload: {} })).json();
    assert.equal((await complete(empty.id, order('cod'))).json().error.code, 'cart_empty');
    const after = Number((await ctx.db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(after, before);
  });
});
