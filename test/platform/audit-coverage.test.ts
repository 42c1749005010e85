// Audit coverage: EVERY state-changing admin API route registered on the app, called once with an owner API key
// (with an empty body, so most are refused — a refused write is audited too), leaves one audit row naming the key,
// the route and the status. Then real work — products created, changed and deleted, stock counted, an order paid,
// packed, shipped and delivered (API and back-office form), a photo upload — is recorded with before/after where the
// route attaches it, and a failure to write the audit row never fails the request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { adminBrowser } from '../../src/admin/admin-test-helpers.ts';
import { importProducts } from '../../src/catalog/index.ts';
import { upload } from '../../src/catalog/images/test-fixtures.ts';
import { createApiKey } from '../../src/platform/auth/api-keys.ts';
import type { App } from '../../src/platform/http/app.ts';
import { seedPayments } from '../../src/seed/demo/payments.ts';
import { seedShippingAndTax } from '../../src/seed/demo/shipping.ts';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../helpers/test-context.ts';

const ADDRESS = { name: 'Wayan Sudira', line1: 'Jl. Raya Ubud 3', city: 'Gianyar', region: 'Bali', postal_code: '80571', country: 'ID', phone: '+62 361 555 000' };

describe('audit coverage', () => {
  let ctx: TestContext;
  let app: App;
  let ownerKeyId: number;
  let owner: Record<string, string>;

  before(async () => {
    ctx = await createTestContext();
    await seedShippingAndTax(ctx);
    await seedPayments(ctx);
    await importProducts(ctx, [{ status: 'active', translations: { en: { name: 'Sarong' } }, variants: [{ sku: 'SARONG-1', weight_grams: 300, prices: [{ currency: 'IDR', amount: 150_000 }] }] }]);
    app = await createTestApp(ctx);
    const key = await createApiKey(ctx.db.kysely, { name: 'coverage owner', role: 'owner' });
    ownerKeyId = key.id;
    owner = { authorization: `Bearer ${key.key}` };
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const rowsWhere = (column: 'user_agent' | 'action', value: string) =>
    ctx.db.kysely.selectFrom('audit_log').selectAll().where(column, '=', value).orderBy('id').execute();
  const lastRow = async (action: string) => (await rowsWhere('action', action)).at(-1)!;
  const json = (text: string | null) => (text === null ? null : JSON.parse(text));
  const count = async () => Number((await ctx.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('records every state-changing admin API route with its actor, route and status', async () => {
    const writes = app.registeredRoutes.filter((r) => r.url.startsWith('/api/admin') && r.method !== 'GET' && r.method !== 'HEAD');
    assert.ok(writes.length > 40, `${writes.length} admin write routes`);
    const missing: string[] = [];
    for (const [i, route] of writes.entries()) {
      const agent = `audit-coverage-${i}`;
      const res = await app.inject({
        method: route.method as 'POST',
        url: route.url.replace(/:([A-Za-z0-9_]+)/g, '999999'),
        headers: { ...owner, 'user-agent': agent },
        ...(route.method === 'DELETE' ? {} : { payload: {} }),
      });
      const rows = await rowsWhere('user_agent', agent);
      const row = rows[0];
      const problem =
        rows.length !== 1 ? `${rows.length} rows`
        : row!.action !== `${route.method} ${route.url}` ? `action ${row!.action}`
        : row!.actor_kind !== 'api_key' || row!.actor_id !== ownerKeyId || row!.actor_role !== 'owner' ? `actor ${row!.actor_kind}:${row!.actor_id}`
        : row!.status !== String(res.statusCode) ? `status ${row!.status}, answered ${res.statusCode}`
        : row!.ip !== '127.0.0.1' ? `ip ${row!.ip}`
        : null;
      if (problem) missing.push(`${route.method} ${route.url}: ${problem}`);
    }
    assert.deepEqual(missing, []);
  });

  it('records nothing for reads, store API writes, or URLs no route matches', async () => {
    const n = await count();
    await app.inject({ url: '/api/admin/products', headers: owner });
    await app.inject({ method: 'POST', url: '/api/store/carts', payload: {} });
    await app.inject({ method: 'POST', url: '/api/admin/no-such-thing', headers: owner, payload: {} });
    await app.inject({ method: 'DELETE', url: '/admin/no-such-page' });
    assert.equal(await count(), n);
  });

  it('records a product\'s creation, changes and deletion with before and after', async () => {
    const created = await app.inject({
      method: 'POST', url: '/api/admin/products', headers: owner,
      payload: { status: 'draft', translations: { en: { name: 'Kopi Toraja' } }, variants: [{ sku: 'TORAJA-1', prices: [{ currency: 'IDR', amount: 95_000 }] }] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as number;
    const create = await lastRow('POST /api/admin/products');
    assert.deepEqual([create.status, create.target_type, create.target_id, create.before], ['201', 'products', String(id), null]);
    assert.equal(json(create.after).translations.en.name, 'Kopi Toraja');
    assert.equal(json(create.details).body.variants[0].sku, 'TORAJA-1');

    const patched = await app.inject({ method: 'PATCH', url: `/api/admin/products/${id}`, headers: owner, payload: { status: 'active', featured: true } });
    assert.equal(patched.statusCode, 200, patched.body);
    const patch = await lastRow('PATCH /api/admin/products/:id');
    assert.deepEqual([json(patch.before).status, json(patch.before).featured], ['draft', false]);
    assert.deepEqual([json(patch.after).status, json(patch.after).featured], ['active', true]);
    assert.equal(patch.target_id, String(id));

    const current = patched.json();
    const input = { ...current, translations: { en: { ...current.translations.en, name: 'Kopi Toraja Sapan' } }, variants: current.variants.map(({ id: _id, ...v }: { id: number }) => v) };
    for (const k of ['id', 'created_at', 'updated_at', 'images', 'relations', 'published_at']) delete input[k];
    const replaced = await app.inject({ method: 'PUT', url: `/api/admin/products/${id}`, headers: owner, payload: input });
    assert.equal(replaced.statusCode, 200, replaced.body);
    const put = await lastRow('PUT /api/admin/products/:id');
    assert.equal(json(put.before).translations.en.name, 'Kopi Toraja');
    assert.equal(json(put.after).translations.en.name, 'Kopi Toraja Sapan');

    const refused = await app.inject({ method: 'DELETE', url: `/api/admin/products/${id}`, headers: await adminAuth(ctx, 'support') });
    assert.equal(refused.statusCode, 403);
    const refusal = await lastRow('DELETE /api/admin/products/:id');
    assert.deepEqual([refusal.status, refusal.actor_role, refusal.before, json(refusal.details).error], ['403', 'support', null, 'forbidden']);

    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/products/${id}`, headers: owner })).statusCode, 204);
    const deletion = await lastRow('DELETE /api/admin/products/:id');
    assert.deepEqual([deletion.status, deletion.actor_role, deletion.after], ['204', 'owner', null]);
    assert.equal(json(deletion.before).translations.en.name, 'Kopi Toraja Sapan');
  });

  it('records a stock count with the level before and after', async () => {
    const first = await app.inject({ method: 'PUT', url: '/api/admin/inventory/SARONG-1', headers: owner, payload: { on_hand: 10, note: 'opening count' } });
    assert.equal(first.statusCode, 200, first.body);
    const second = await app.inject({ method: 'PUT', url: '/api/admin/inventory/SARONG-1', headers: owner, payload: { on_hand: 7, note: 'recount' } });
    assert.equal(second.statusCode, 200);
    const row = await lastRow('PUT /api/admin/inventory/:sku');
    assert.deepEqual([row.target_type, row.target_id], ['inventory', 'SARONG-1']);
    assert.equal(json(row.before).on_hand, 10);
    assert.equal(json(row.after).on_hand, 7);
    assert.equal(json(row.details).body.note, 'recount');
  });

  it('records order actions from the API and from the back-office form, with the status before and after', async () => {
    const cart = (await app.inject({ method: 'POST', url: '/api/store/carts', payload: {} })).json();
    await app.inject({ method: 'POST', url: `/api/store/carts/${cart.id}/items`, payload: { sku: 'SARONG-1', quantity: 1 } });
    const placed = await app.inject({
      method: 'POST', url: `/api/store/carts/${cart.id}/complete`, headers: { 'idempotency-key': 'audit-coverage-order' },
      payload: { email: 'wayan@example.com', shipping_address: ADDRESS, shipping_option_id: 'java-regular', payment_method: 'bank_transfer' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const orderId = placed.json().id as number;
    const act = (action: string, body: object = {}) => app.inject({ method: 'POST', url: `/api/admin/orders/${orderId}/actions/${action}`, headers: owner, payload: body });

    for (const [action, body, from, to] of [
      ['confirm_payment', {}, 'pending_payment', 'paid'],
      ['pack', {}, 'paid', 'packed'],
      ['ship', { carrier_name: 'JNE', tracking_number: 'CGK123' }, 'packed', 'shipped'],
    ] as const) {
      assert.equal((await act(action, body)).statusCode, 200, action);
      const row = await lastRow('POST /api/admin/orders/:id/actions/:action');
      assert.deepEqual([row.target_type, row.target_id, json(row.before).status, json(row.after).status], ['orders', String(orderId), from, to], action);
      assert.equal(json(row.after).timeline_event.type, action);
    }
    const illegal = await act('pack');
    assert.equal(illegal.statusCode, 409);
    const refused = await lastRow('POST /api/admin/orders/:id/actions/:action');
    assert.deepEqual([refused.status, json(refused.before).status, refused.after, json(refused.details).error], ['409', 'shipped', null, 'invalid_transition']);

    const staff = await adminBrowser(app, ctx, 'warehouse');
    await staff.get(`/admin/orders/${orderId}`);
    const delivered = await staff.post(`/admin/orders/${orderId}/actions/deliver`, {});
    assert.equal(delivered.statusCode, 303, delivered.body);
    const page = await lastRow('POST /admin/orders/:id/actions/:action');
    assert.deepEqual([page.actor_kind, page.actor_id, page.actor_role, page.status], ['staff', staff.staffId, 'warehouse', '303']);
    assert.deepEqual([page.target_type, page.target_id, json(page.before).status, json(page.after).status], ['orders', String(orderId), 'shipped', 'delivered']);
    assert.equal('_csrf' in json(page.details).body, false);

    const forged = await staff.post(`/admin/orders/${orderId}/actions/accept_return`, { _csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    const refusedPage = await lastRow('POST /admin/orders/:id/actions/:action');
    assert.deepEqual([refusedPage.status, refusedPage.actor_kind, refusedPage.actor_id], ['403', 'staff', staff.staffId]);
  });

  it('keeps a redacted body and only the file names of an upload', async () => {
    const product = (await ctx.db.kysely.selectFrom('products').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const body = upload(Buffer.from('not really a picture'), { 'alt.en': 'Beach' }, 'holiday.png');
    const res = await app.inject({ method: 'POST', url: `/api/admin/products/${product}/images`, headers: { ...owner, ...body.headers }, payload: body.payload });
    assert.equal(res.statusCode, 400);
    const row = await lastRow('POST /api/admin/products/:id/images');
    const details = json(row.details);
    assert.deepEqual(details.files, ['holiday.png']);
    assert.equal('body' in details, false);

    await app.inject({ method: 'POST', url: '/api/admin/webhooks', headers: owner, payload: { url: 'https://example.com/hook', events: ['order.paid'], secret: 's3cret', api_key: 'x', totp: '123456' } });
    const hook = json((await lastRow('POST /api/admin/webhooks')).details).body;
    assert.equal(hook.url, 'https://example.com/hook');
    for (const secret of ['secret', 'api_key', 'totp']) assert.equal(secret in hook, false, secret);

    await app.inject({ method: 'PUT', url: '/api/admin/inventory/SARONG-1', headers: owner, payload: { on_hand: 1, note: 'x'.repeat(400), extra: Array.from({ length: 200 }, (_, i) => `field ${i} ${'y'.repeat(100)}`) } });
    const big = await lastRow('PUT /api/admin/inventory/:sku');
    assert.ok(big.details.length <= 4300, `details kept small: ${big.details.length} chars`);
  });

  it('answers the request even when the audit row cannot be written', async () => {
    const postgres = ctx.db.dialect === 'postgres';
    if (postgres) {
      await sql`create function audit_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'audit store down'; end $$`.execute(ctx.db.kysely);
      await sql`create trigger audit_test_refuse before insert on audit_log for each row execute function audit_test_refuse()`.execute(ctx.db.kysely);
    } else {
      await sql`create trigger audit_test_refuse before insert on audit_log begin select raise(abort, 'audit store down'); end`.execute(ctx.db.kysely);
    }
    try {
      const n = await count();
      const res = await app.inject({ method: 'PUT', url: '/api/admin/inventory/SARONG-1', headers: owner, payload: { on_hand: 3 } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().on_hand, 3);
      assert.equal(await count(), n);
    } finally {
      await sql`drop trigger audit_test_refuse${postgres ? sql` on audit_log` : sql``}`.execute(ctx.db.kysely);
      if (postgres) await sql`drop function audit_test_refuse()`.execute(ctx.db.kysely);
    }
  });
});
