// The checkout pages refuse bad input beside the fields, keep what was typed, and save nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { importProducts } from '../catalog/index.ts';
import type { App } from '../platform/http/app.ts';
import { seedPayments } from '../seed/demo/payments.ts';
import { seedShippingAndTax } from '../seed/demo/shipping.ts';
import { postForm, storefrontCsrf, type StorefrontCsrf } from './storefront-test-helpers.ts';

describe('checkout pages', () => {
  let ctx: TestContext;
  let app: App;
  let cookie: string;
  let csrf: StorefrontCsrf;
  // With the CSRF cookie and token, as the checkout pages' forms post them.
  const post = (url: string, fields: Record<string, string>) => postForm(app, csrf, url, fields, cookie);
  const address = { email: 'ana@example.com', name: 'Ana Cruz', phone: '+63 917 123 4567', line1: '12 Rizal St', line2: '', city: 'Makati', region: 'Metro Manila', postal_code: '1226', country: 'PH' };

  before(async () => {
    ctx = await createTestContext();
    await seedShippingAndTax(ctx);
    await seedPayments(ctx);
    await importProducts(ctx, [{ status: 'active', translations: { en: { name: 'Dried mango', slug: 'dried-mango' } }, variants: [{ sku: 'MANGO-1', weight_grams: 200, prices: [{ currency: 'PHP', amount: 25_000 }, { currency: 'IDR', amount: 60_000 }] }] }]);
    app = await createTestApp(ctx);
    csrf = await storefrontCsrf(app);
    const added = await postForm(app, csrf, '/cart/add', { sku: 'MANGO-1', quantity: '2' }, 'pasar_currency=PHP');
    cookie = `${String(added.headers['set-cookie']).split(';')[0]}; pasar_currency=PHP`;
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('sends an empty cart back to the cart page', async () => {
    const res = await app.inject({ url: '/checkout' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/cart');
  });

  it('shows the problems beside the fields, keeps the values, and saves nothing', async () => {
    const res = await post('/checkout/address', { ...address, email: 'not-an-email', postal_code: 'ABCDE', city: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="e-email">Please enter a valid email address/);
    assert.match(res.body, /id="e-city">Please fill in this field/);
    assert.match(res.body, /value="Ana Cruz"/);
    const cart = await ctx.db.kysely.selectFrom('carts').select(['email', 'shipping_address']).executeTakeFirstOrThrow();
    assert.deepEqual(cart, { email: null, shipping_address: null });
    const hostile = await post('/checkout/address', { ...address, name: '<script>alert(1)</script>', country: 'ZZ' });
    assert.equal(hostile.statusCode, 400);
    assert.doesNotMatch(hostile.body, /<script>alert/);
  });

  it('refuses every checkout step posted without the CSRF token and saves nothing', async () => {
    const withoutToken = (url: string, fields: Record<string, string>) =>
      app.inject({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${csrf.cookie}; ${cookie}` } });
    for (const [url, fields] of [
      ['/checkout/address', address],
      ['/checkout/delivery', { shipping_option_id: 'ph-standard' }],
      ['/checkout/place', { payment_method: 'cod', idempotency_key: 'k-1' }],
      ['/th/checkout/place', { payment_method: 'cod', idempotency_key: 'k-2', _csrf: 'forged' }],
    ] as const) {
      const res = await withoutToken(url, fields);
      assert.equal(res.statusCode, 403, url);
      assert.match(res.body, /data-testid="form-expired"/);
    }
    const cart = await ctx.db.kysely.selectFrom('carts').select(['email', 'shipping_address']).executeTakeFirstOrThrow();
    assert.deepEqual(cart, { email: null, shipping_address: null });
    assert.equal((await ctx.db.kysely.selectFrom('orders').select('id').execute()).length, 0);
  });

  it('walks the three steps to a confirmation with QR Ph for pesos', async () => {
    const step1 = await post('/checkout/address', address);
    assert.equal(step1.headers.location, '/checkout/delivery');
    const delivery = await app.inject({ url: '/checkout/delivery', headers: { cookie } });
    assert.match(delivery.body, /LBC Express/);
    assert.equal((await post('/checkout/delivery', { shipping_option_id: 'teleport' })).statusCode, 400);
    assert.equal((await post('/checkout/delivery', { shipping_option_id: 'ph-standard' })).headers.location, '/checkout/payment');
    const payment = await app.inject({ url: '/checkout/payment', headers: { cookie } });
    assert.match(payment.body, /id="pay-qr"/);
    const key = /name="idempotency_key" value="([^"]+)"/.exec(payment.body)![1]!;
    const placed = await post('/checkout/place', { payment_method: 'qr', idempotency_key: key });
    assert.equal(placed.statusCode, 303);
    const again = await post('/checkout/place', { payment_method: 'qr', idempotency_key: key });
    assert.equal(again.headers.location, placed.headers.location, 'a double click lands on the same order');
    const confirmation = await app.inject({ url: String(placed.headers.location), headers: { cookie } });
    assert.equal(confirmation.statusCode, 200);
    assert.match(confirmation.body, /data-kind="qr"/);
    const forged = await app.inject({ url: String(placed.headers.location).replace(/t=.*/, 't=forged-token-forged-token-forged') });
    assert.equal(forged.statusCode, 404);
    const orders = await ctx.db.kysely.selectFrom('orders').select(['currency', 'payment_method']).execute();
    assert.deepEqual(orders, [{ currency: 'PHP', payment_method: 'qr' }]);
  });
});
