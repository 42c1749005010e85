import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { adminBrowser, type AdminBrowser } from '../../admin/admin-test-helpers.ts';
import { importProducts } from '../../catalog/index.ts';
import type { App } from '../../platform/http/app.ts';
import { seedPayments } from '../../seed/demo/payments.ts';
import { seedShippingAndTax } from '../../seed/demo/shipping.ts';

describe('order admin pages', () => {
  let ctx: TestContext;
  let app: App;
  let staff: AdminBrowser;
  let orderId: number;

  before(async () => {
    ctx = await createTestContext();
    await seedShippingAndTax(ctx);
    await seedPayments(ctx);
    await importProducts(ctx, [{ status: 'active', translations: { en: { name: 'Sarong' } }, variants: [{ sku: 'SARONG-1', weight_grams: 300, prices: [{ currency: 'IDR', amount: 150_000 }] }] }]);
    app = await createTestApp(ctx);
    const cart = (await app.inject({ method: 'POST', url: '/api/store/carts', payload: {} })).json();
    await app.inject({ method: 'POST', url: `/api/store/carts/${cart.id}/items`, payload: { sku: 'SARONG-1', quantity: 1 } });
    const order = (await app.inject({
      method: 'POST', url: `/api/store/carts/${cart.id}/complete`, headers: { 'idempotency-key': 'admin-pages-1' },
      payload: { email: 'wayan@example.com', shipping_address: { name: 'Wayan Sudira', line1: 'Jl. Raya Ubud 3', city: 'Gianyar', region: 'Bali', postal_code: '80571', country: 'ID', phone: '+62 361 555 000' }, shipping_option_id: 'java-regular', payment_method: 'bank_transfer' },
    })).json();
    orderId = order.id;
    staff = await adminBrowser(app, ctx, 'support');
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('lists, searches and shows orders', async () => {
    const list = await staff.get('/admin/orders?q=wayan');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Wayan Sudira/);
    assert.doesNotMatch((await staff.get('/admin/orders?q=nobody-here')).body, /Wayan Sudira/);
    const page = await staff.get(`/admin/orders/${orderId}`);
    assert.match(page.body, /data-testid="order-status">pending payment/);
  });

  it('refuses a post without the CSRF token, an unknown order, and an illegal move, changing nothing', async () => {
    const noCsrf = await staff.post(`/admin/orders/${orderId}/actions/confirm_payment`, { _csrf: 'forged' });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await staff.get('/admin/orders/999999')).statusCode, 404);
    await staff.get(`/admin/orders/${orderId}`);
    const illegal = await staff.post(`/admin/orders/${orderId}/actions/deliver`, {});
    assert.equal(illegal.statusCode, 409);
    assert.match(illegal.body, /role="alert">An order that is pending payment cannot be deliver/);
    const row = await ctx.db.kysely.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending_payment');
    await staff.get(`/admin/orders/${orderId}`);
    const ok = await staff.post(`/admin/orders/${orderId}/actions/confirm_payment`, {});
    assert.equal(ok.statusCode, 303);
    assert.equal((await ctx.db.kysely.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status, 'paid');
  });

  it('keeps the pages from roles without the orders permission', async () => {
    const marketing = await adminBrowser(app, ctx, 'marketing');
    assert.equal((await marketing.get('/admin/orders')).statusCode, 403);
  });
});
