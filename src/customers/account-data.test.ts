// What an account holds: orders (guest orders attach once the email is verified; nobody reads another customer's),
// the address book, the wishlist, the data export, erasure (self-service, by request, by staff) and the admin API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../catalog/index.ts';
import { setOnHand } from '../inventory/index.ts';
import type { App } from '../platform/http/app.ts';
import { seedPayments } from '../seed/demo/payments.ts';
import { seedShippingAndTax } from '../seed/demo/shipping.ts';
import { cookieFrom, sendQueuedMail, startMailbox, STRONG_PASSWORD, tokenFor, type Mailbox } from './test-support.ts';

const ADDRESS = { name: 'Rina Wijaya', line1: 'Jl. Thamrin 1', city: 'Jakarta Pusat', region: 'DKI Jakarta', postal_code: '10350', country: 'ID', phone: '+62 813 1111 2222' };

describe('customer data (store and admin API)', () => {
  let ctx: TestContext;
  let app: App;
  let mailbox: Mailbox;
  let rina: string;
  let agus: string;
  let owner: Record<string, string>;

  const json = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'GET', url: string, payload?: unknown, cookie?: string, headers: Record<string, string> = {}) =>
    app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { ...headers, ...(cookie ? { cookie } : {}) } });

  async function account(email: string, name: string, verify = true) {
    assert.equal((await json('POST', '/api/store/customers', { email, password: STRONG_PASSWORD, name })).statusCode, 201);
    if (verify) {
      await sendQueuedMail(ctx);
      assert.equal((await json('POST', '/api/store/auth/verify', { token: tokenFor(mailbox.mails, email, '/account/verify').token })).statusCode, 200);
    }
    const res = await json('POST', '/api/store/auth/login', { email, password: STRONG_PASSWORD });
    assert.equal(res.statusCode, 200, res.body);
    return cookieFrom(res, 'pasar_session')!;
  }

  async function guestOrder(email: string, cookie?: string) {
    const cart = (await json('POST', '/api/store/carts', { currency: 'IDR', locale: 'id' })).json();
    await json('POST', `/api/store/carts/${cart.id}/items`, { sku: 'TULIS-1', quantity: 2 });
    const res = await app.inject({
      method: 'POST', url: `/api/store/carts/${cart.id}/complete`, headers: { 'idempotency-key': `k-${cart.id}`, ...(cookie ? { cookie } : {}) },
      payload: { email, shipping_address: ADDRESS, shipping_option_id: 'jkt-regular', payment_method: 'bank_transfer' },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: number; number: string };
  }

  before(async () => {
    mailbox = await startMailbox();
    ctx = await createTestContext({ SMTP_URL: mailbox.url });
    await seedShippingAndTax(ctx);
    await seedPayments(ctx);
    await importProducts(ctx, [
      { status: 'active', translations: { en: { name: 'Batik tulis', slug: 'batik-tulis' } }, variants: [{ sku: 'TULIS-1', weight_grams: 300, prices: [{ currency: 'IDR', amount: 750_000 }] }] },
      { status: 'active', translations: { en: { name: 'Kopi Toraja', slug: 'kopi-toraja' } }, variants: [{ sku: 'TORAJA-1', prices: [{ currency: 'IDR', amount: 85_000 }] }] },
      { status: 'draft', translations: { en: { name: 'Secret', slug: 'secret-draft' } }, variants: [{ sku: 'SECRET-1', prices: [{ currency: 'IDR', amount: 1000 }] }] },
    ]);
    await setOnHand(ctx, (await findVariantsBySku(ctx, ['TULIS-1'])).get('TULIS-1')!.id, 50);
    app = await createTestApp(ctx);
    owner = await adminAuth(ctx, 'owner');
  });
  after(async () => {
    await app.close();
    await ctx.close();
    await mailbox.close();
  });

  it('answers 401 on every /api/store/me route without a session', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/store/me'], ['PATCH', '/api/store/me', { name: 'X' }], ['POST', '/api/store/me/verification'], ['GET', '/api/store/me/orders'],
      ['GET', '/api/store/me/orders/PSR-10001'], ['GET', '/api/store/me/sessions'], ['DELETE', '/api/store/me/sessions/abc'], ['GET', '/api/store/me/export'],
      ['POST', '/api/store/me/erase', { password: 'x' }], ['POST', '/api/store/me/erasure-request', {}], ['GET', '/api/store/me/addresses'],
      ['POST', '/api/store/me/addresses', ADDRESS], ['PUT', '/api/store/me/addresses/1', ADDRESS], ['POST', '/api/store/me/addresses/1/default'],
      ['DELETE', '/api/store/me/addresses/1'], ['GET', '/api/store/me/wishlist'], ['POST', '/api/store/me/wishlist', { slug: 'batik-tulis' }], ['DELETE', '/api/store/me/wishlist/1'],
    ];
    for (const [method, url, body] of routes) {
      const res = await json(method as 'GET', url, body);
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.equal(res.json().error.code, 'unauthorized');
    }
    const registered = app.registeredRoutes.filter((r) => r.url.startsWith('/api/store/me') && r.method !== 'HEAD').length;
    assert.equal(registered, routes.length, 'every /me route is in this list');
  });

  it('attaches guest orders once the email is verified, and shows each customer only their own', async () => {
    const earlier = await guestOrder('rina@example.co.id');
    const notHers = await guestOrder('someone@example.co.id');
    // An unverified account with the address sees nothing: the email is not proven to be theirs.
    const unverified = await account('rina@example.co.id', 'Rina Wijaya', false);
    assert.deepEqual((await json('GET', '/api/store/me/orders', undefined, unverified)).json().items, []);
    await sendQueuedMail(ctx);
    await json('POST', '/api/store/auth/verify', { token: tokenFor(mailbox.mails, 'rina@example.co.id', '/account/verify').token });
    rina = unverified;
    const list = (await json('GET', '/api/store/me/orders', undefined, rina)).json();
    assert.deepEqual(list.items.map((o: { number: string }) => o.number), [earlier.number]);
    assert.equal(list.items[0].item_count, 2);

    // Orders placed later with the verified address belong to her too.
    const later = await guestOrder('rina@example.co.id', rina);
    const both = (await json('GET', '/api/store/me/orders', undefined, rina)).json();
    assert.deepEqual(both.items.map((o: { number: string }) => o.number), [later.number, earlier.number]);
    const detail = await json('GET', `/api/store/me/orders/${earlier.number}`, undefined, rina);
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().status, 'pending_payment');
    assert.deepEqual(detail.json().tracking, []);
    assert.equal('id' in detail.json(), false);

    agus = await account('agus@example.co.id', 'Agus Salim');
    assert.deepEqual((await json('GET', '/api/store/me/orders', undefined, agus)).json().items, []);
    assert.equal((await json('GET', `/api/store/me/orders/${earlier.number}`, undefined, agus)).statusCode, 404, 'B cannot read A\'s order');
    assert.equal((await json('GET', `/api/store/me/orders/${notHers.number}`, undefined, rina)).statusCode, 404);
    assert.equal((await json('GET', `/api/store/me/orders/${earlier.number}`)).statusCode, 401);
    assert.equal((await json('GET', '/api/store/me/orders')).statusCode, 401);
    assert.equal((await json('GET', '/api/store/me/orders/PSR-99999999', undefined, rina)).statusCode, 404);
    assert.equal((await json('GET', '/api/store/me/orders/1%20or%201=1', undefined, rina)).statusCode, 400);
    assert.equal((await json('GET', '/api/store/me/orders?per_page=1000', undefined, rina)).statusCode, 400);
    assert.equal((await json('GET', '/api/store/me/orders?page=x', undefined, rina)).statusCode, 400);
  });

  it('shows the tracking number once an order ships', async () => {
    const order = (await json('GET', '/api/store/me/orders', undefined, rina)).json().items[0];
    const id = (await ctx.db.kysely.selectFrom('orders').select('id').where('number', '=', order.number).executeTakeFirstOrThrow()).id;
    const jne = await ctx.db.kysely.selectFrom('shipping_carriers').select('id').where('code', '=', 'jne').executeTakeFirstOrThrow();
    for (const [action, body] of [['confirm_payment', {}], ['pack', {}], ['ship', { carrier_id: jne.id, tracking_number: 'CGK1234567' }]] as const) {
      assert.equal((await json('POST', `/api/admin/orders/${id}/actions/${action}`, body, undefined, owner)).statusCode, 200);
    }
    const detail = (await json('GET', `/api/store/me/orders/${order.number}`, undefined, rina)).json();
    assert.equal(detail.status, 'shipped');
    assert.equal(detail.tracking[0].tracking_number, 'CGK1234567');
    assert.match(detail.tracking[0].tracking_url, /jne\.co\.id.*CGK1234567/);
  });

  it('keeps an address book with one default, refusing bad input and other customers', async () => {
    const first = await json('POST', '/api/store/me/addresses', ADDRESS, rina);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().is_default, true, 'the first address is the default');
    const second = (await json('POST', '/api/store/me/addresses', { ...ADDRESS, line1: 'Jl. Sudirman 2', is_default: true }, rina)).json();
    let list = (await json('GET', '/api/store/me/addresses', undefined, rina)).json();
    assert.deepEqual(list.map((a: { line1: string; is_default: boolean }) => [a.line1, a.is_default]), [['Jl. Sudirman 2', true], ['Jl. Thamrin 1', false]]);
    assert.equal((await json('POST', `/api/store/me/addresses/${first.json().id}/default`, undefined, rina)).statusCode, 204);
    const updated = await json('PUT', `/api/store/me/addresses/${second.id}`, { ...ADDRESS, line1: 'Jl. Sudirman 3' }, rina);
    assert.equal(updated.json().line1, 'Jl. Sudirman 3');

    const countBefore = (await json('GET', '/api/store/me/addresses', undefined, rina)).json().length;
    const bad: unknown[] = [{}, { ...ADDRESS, postal_code: 'ABC' }, { ...ADDRESS, phone: '12' }, { ...ADDRESS, country: 'Indonesia' }, { ...ADDRESS, name: '<img src=x>' },
      { ...ADDRESS, line1: 'x'.repeat(201) }, { ...ADDRESS, city: 5 }, { ...ADDRESS, extra: 'x' }, { ...ADDRESS, is_default: 'yes' }];
    for (const body of bad) assert.equal((await json('POST', '/api/store/me/addresses', body, rina)).statusCode, 400, JSON.stringify(body));
    assert.equal((await json('POST', '/api/store/me/addresses', ADDRESS)).statusCode, 401);
    // Agus cannot see, change, make default or delete Rina's address.
    assert.deepEqual((await json('GET', '/api/store/me/addresses', undefined, agus)).json(), []);
    assert.equal((await json('PUT', `/api/store/me/addresses/${second.id}`, ADDRESS, agus)).statusCode, 404);
    assert.equal((await json('DELETE', `/api/store/me/addresses/${second.id}`, undefined, agus)).statusCode, 404);
    assert.equal((await json('POST', `/api/store/me/addresses/${second.id}/default`, undefined, agus)).statusCode, 404);
    assert.equal((await json('DELETE', '/api/store/me/addresses/abc', undefined, rina)).statusCode, 400);
    assert.equal((await json('DELETE', '/api/store/me/addresses/99999', undefined, rina)).statusCode, 404);

    // Deleting the default makes the oldest remaining one the default.
    assert.equal((await json('DELETE', `/api/store/me/addresses/${first.json().id}`, undefined, rina)).statusCode, 204);
    list = (await json('GET', '/api/store/me/addresses', undefined, rina)).json();
    assert.equal(list.length, countBefore - 1);
    assert.equal(list[0].is_default, true);
  });

  it('keeps a wishlist of products', async () => {
    assert.equal((await json('POST', '/api/store/me/wishlist', { slug: 'batik-tulis' }, rina)).statusCode, 201);
    assert.equal((await json('POST', '/api/store/me/wishlist', { slug: 'batik-tulis' }, rina)).statusCode, 201, 'twice keeps one');
    assert.equal((await json('POST', '/api/store/me/wishlist', { slug: 'kopi-toraja' }, rina)).statusCode, 201);
    const list = (await json('GET', '/api/store/me/wishlist', undefined, rina)).json();
    assert.deepEqual(list.map((c: { slug: string }) => c.slug), ['kopi-toraja', 'batik-tulis']);
    for (const [body, status] of [[{ slug: 'no-such-product' }, 404], [{ slug: 'secret-draft' }, 404], [{}, 400], [{ slug: 7 }, 400], [{ slug: '<script>' }, 400], [{ slug: 'x'.repeat(201) }, 400]] as const) {
      assert.equal((await json('POST', '/api/store/me/wishlist', body, rina)).statusCode, status, JSON.stringify(body));
    }
    assert.equal((await json('GET', '/api/store/me/wishlist?currency=XYZ', undefined, rina)).statusCode, 400);
    assert.equal((await json('GET', '/api/store/me/wishlist')).statusCode, 401);
    assert.deepEqual((await json('GET', '/api/store/me/wishlist', undefined, agus)).json(), []);
    const kopi = list[0].id;
    assert.equal((await json('DELETE', `/api/store/me/wishlist/${kopi}`, undefined, agus)).statusCode, 404);
    assert.equal((await json('DELETE', `/api/store/me/wishlist/${kopi}`, undefined, rina)).statusCode, 204);
    assert.equal((await json('DELETE', `/api/store/me/wishlist/${kopi}`, undefined, rina)).statusCode, 404);
  });

  it('exports everything held about the customer as a JSON download', async () => {
    const res = await json('GET', '/api/store/me/export', undefined, rina);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="my-data-\d+\.json"$/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const data = res.json();
    assert.equal(data.profile.email, 'rina@example.co.id');
    assert.equal(data.orders.length, 2);
    assert.equal(data.orders[0].lines[0].sku, 'TULIS-1');
    assert.equal(data.orders[0].shipping_address.name, 'Rina Wijaya');
    assert.equal(data.addresses.length, 1);
    assert.deepEqual(data.wishlist.map((w: { slug: string }) => w.slug), ['batik-tulis']);
    assert.ok(data.sessions.length >= 1);
    assert.deepEqual(data.consents, [{ purpose: 'marketing_email', given: false, changed_at: null }]);
    assert.equal((await json('GET', '/api/store/me/export')).statusCode, 401);
    const audit = await ctx.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'customer.export').execute();
    assert.deepEqual(audit.map((a) => [a.actor_kind, a.target_type, a.target_id]), [['customer', 'customer', String(data.profile.id)]], 'the export is in the audit log');
    const agusData = (await json('GET', '/api/store/me/export', undefined, agus)).json();
    assert.deepEqual(agusData.orders, [], 'only one\'s own data');
  });

  it('erases an account with the password: personal data gone, orders kept but anonymised, no more sign-in', async () => {
    const customer = await ctx.db.kysely.selectFrom('customers').selectAll().where('email', '=', 'rina@example.co.id').executeTakeFirstOrThrow();
    const wrong = await json('POST', '/api/store/me/erase', { password: 'not-my-password-9' }, rina);
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().error.code, 'wrong_password');
    for (const body of [{}, { password: 5 }, { password: STRONG_PASSWORD, now: true }, { password: 'x'.repeat(300) }]) {
      assert.equal((await json('POST', '/api/store/me/erase', body, rina)).statusCode, 400, JSON.stringify(body));
    }
    assert.equal((await json('POST', '/api/store/me/erase', { password: STRONG_PASSWORD })).statusCode, 401);
    assert.equal((await ctx.db.kysely.selectFrom('customers').select('erased_at').where('id', '=', customer.id).executeTakeFirstOrThrow()).erased_at, null, 'nothing erased yet');

    const res = await json('POST', '/api/store/me/erase', { password: STRONG_PASSWORD }, rina);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { status: 'erased', orders_anonymised: 2 });
    const row = await ctx.db.kysely.selectFrom('customers').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow();
    assert.equal(row.email, `erased+${customer.id}@invalid`);
    assert.deepEqual([row.name, row.phone, row.birthday, row.password_hash], ['', null, null, null]);
    assert.ok(row.erased_at);
    for (const table of ['customer_addresses', 'wishlist_items', 'customer_tokens'] as const) {
      const left = await ctx.db.kysely.selectFrom(table).select('id').where('customer_id', '=', customer.id).execute();
      assert.deepEqual(left, [], `${table} emptied`);
    }
    const orders = await ctx.db.kysely.selectFrom('orders').selectAll().where('customer_id', '=', customer.id).execute();
    assert.equal(orders.length, 2, 'the orders are kept');
    for (const o of orders) {
      assert.equal(o.email, `erased+${customer.id}@invalid`);
      const a = JSON.parse(o.shipping_address);
      assert.equal(a.name, 'Erased customer');
      assert.equal(a.country, 'ID', 'country kept for tax');
      assert.ok(!o.shipping_address.includes('Thamrin') && !o.shipping_address.includes('+62'));
      assert.ok(Number(o.total) > 0);
    }
    const erasures = await ctx.db.kysely.selectFrom('audit_log').select(['actor_kind', 'actor_id', 'status', 'target_id']).where('action', '=', 'customer.erase').orderBy('id').execute();
    assert.deepEqual(erasures, [
      { actor_kind: 'customer', actor_id: customer.id, status: '403', target_id: String(customer.id) },
      { actor_kind: 'customer', actor_id: customer.id, status: 'ok', target_id: String(customer.id) },
    ], 'the refused and the done erasure are in the audit log');
    const sessionsLeft = await ctx.db.kysely.selectFrom('auth_sessions').select('id').where('subject', '=', 'customer').where('subject_id', '=', customer.id).execute();
    assert.deepEqual(sessionsLeft, [], 'sessions deleted');
    const carts = await ctx.db.kysely.selectFrom('carts').select(['email', 'shipping_address']).where('id', 'in', orders.map((o) => o.cart_id!)).execute();
    assert.ok(carts.every((c) => c.email === null && c.shipping_address === null), 'the carts forgot the address too');
    assert.equal((await json('GET', '/api/store/me', undefined, rina)).statusCode, 401, 'signed out');
    assert.equal((await json('POST', '/api/store/auth/login', { email: 'rina@example.co.id', password: STRONG_PASSWORD })).statusCode, 401);
    assert.equal((await json('POST', '/api/store/auth/forgot', { email: 'rina@example.co.id' })).statusCode, 202);
    // The address is free again: a new account starts empty.
    const again = await json('POST', '/api/store/customers', { email: 'rina@example.co.id', password: STRONG_PASSWORD, name: 'Rina Baru' });
    assert.equal(again.statusCode, 201);
  });

  it('takes an erasure request that staff carry out, and gives staff a customers API by permission', async () => {
    const ana = await account('ana@example.co.id', 'Ana Lopez');
    const created = await json('POST', '/api/store/me/erasure-request', { note: 'Please delete my data' }, ana);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await json('POST', '/api/store/me/erasure-request', {}, ana)).statusCode, 409, 'one pending request');
    assert.equal((await json('POST', '/api/store/me/erasure-request', { note: '<script>' }, agus)).statusCode, 400);
    assert.equal((await json('POST', '/api/store/me/erasure-request', { note: 'x'.repeat(1001) }, agus)).statusCode, 400);
    assert.equal((await json('POST', '/api/store/me/erasure-request', {})).statusCode, 401);

    const support = await adminAuth(ctx, 'support');
    const warehouse = await adminAuth(ctx, 'warehouse');
    const list = await json('GET', '/api/admin/customers?q=ANA@', undefined, undefined, support);
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((c: { email: string }) => c.email), ['ana@example.co.id']);
    assert.equal((await json('GET', '/api/admin/customers?q=%25', undefined, undefined, support)).json().total, 0, 'a % typed by staff is not a wildcard');
    const anaId = list.json().items[0].id;
    const detail = (await json('GET', `/api/admin/customers/${anaId}`, undefined, undefined, support)).json();
    assert.equal(detail.profile.name, 'Ana Lopez');
    assert.equal(detail.erasure_requests[0].status, 'pending');
    assert.ok(detail.sessions.length >= 1);
    const pending = (await json('GET', '/api/admin/customers/erasure-requests', undefined, undefined, support)).json();
    assert.deepEqual(pending.map((r: { customer_id: number }) => r.customer_id), [anaId]);

    const cases: Array<[string, string, unknown, Record<string, string>, number]> = [
      ['GET', '/api/admin/customers', undefined, {}, 401],
      ['GET', '/api/admin/customers', undefined, warehouse, 403],
      ['GET', '/api/admin/customers?per_page=500', undefined, support, 400],
      ['GET', '/api/admin/customers?q=' + 'x'.repeat(201), undefined, support, 400],
      ['GET', '/api/admin/customers/999999', undefined, support, 404],
      ['GET', '/api/admin/customers/abc', undefined, support, 400],
      ['POST', `/api/admin/customers/${anaId}/erase`, {}, support, 403],
      ['POST', `/api/admin/customers/${anaId}/erase`, { force: true }, owner, 400],
      ['POST', '/api/admin/customers/999999/erase', {}, owner, 404],
      ['POST', `/api/admin/customers/erasure-requests/${pending[0].id}/complete`, {}, support, 403],
      ['POST', '/api/admin/customers/erasure-requests/999999/complete', {}, owner, 404],
      ['GET', '/api/admin/customers/erasure-requests?status=maybe', undefined, support, 400],
    ];
    for (const [method, url, body, headers, status] of cases) {
      const res = await app.inject({ method: method as 'GET', url, ...(body === undefined ? {} : { payload: body as object }), headers });
      assert.equal(res.statusCode, status, `${method} ${url} → ${res.body}`);
    }
    assert.equal((await ctx.db.kysely.selectFrom('customers').select('erased_at').where('id', '=', anaId).executeTakeFirstOrThrow()).erased_at, null, 'nothing erased by refused calls');

    const done = await json('POST', `/api/admin/customers/erasure-requests/${pending[0].id}/complete`, {}, undefined, owner);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().customer_id, anaId);
    assert.equal((await json('GET', '/api/store/me', undefined, ana)).statusCode, 401);
    assert.deepEqual((await json('GET', '/api/admin/customers/erasure-requests', undefined, undefined, support)).json(), []);
    const closed = (await json('GET', `/api/admin/customers/${anaId}`, undefined, undefined, support)).json();
    assert.equal(closed.erasure_requests[0].status, 'done');
    assert.match(closed.erasure_requests[0].processed_by, /^api_key:\d+ /);
    assert.equal((await json('POST', `/api/admin/customers/${anaId}/erase`, {}, undefined, owner)).statusCode, 409, 'already erased');

    const staffErasure = await ctx.db.kysely.selectFrom('audit_log').select(['actor_kind', 'status']).where('action', '=', 'customer.erase').where('target_id', '=', String(anaId)).execute();
    assert.deepEqual(staffErasure, [{ actor_kind: 'api_key', status: 'ok' }]);

    // Staff erase directly.
    const agusId = (await json('GET', '/api/admin/customers?q=agus', undefined, undefined, support)).json().items[0].id;
    assert.equal((await json('POST', `/api/admin/customers/${agusId}/erase`, {}, undefined, owner)).statusCode, 200);
    assert.equal((await json('GET', '/api/store/me', undefined, agus)).statusCode, 401);
  });
});
