// Back-office customer pages: the list with search, a customer, and erasure (directly or from a request), guarded by
// the customers:read / customers:write permissions and the session's CSRF token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { adminBrowser, type AdminBrowser } from '../../admin/admin-test-helpers.ts';
import type { App } from '../../platform/http/app.ts';
import { registerCustomer } from '../accounts.service.ts';
import { requestErasure } from '../erasure.service.ts';
import { STRONG_PASSWORD } from '../test-support.ts';

describe('customer admin pages', () => {
  let ctx: TestContext;
  let app: App;
  let owner: AdminBrowser;
  let support: AdminBrowser;
  let ids: number[];

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    ids = [];
    for (const [email, name] of [['lina@example.com', 'Lina Marlina'], ['joko@example.com', 'Joko <b>Widodo</b>']] as const) {
      // A hostile name straight in the database (as an import might bring): the pages must escape it.
      const p = await registerCustomer(ctx, { email, password: STRONG_PASSWORD, name: name.replace(/<\/?b>/g, '') });
      ids.push(p.id);
    }
    await ctx.db.kysely.updateTable('customers').set({ name: 'Joko <b>Widodo</b>' }).where('id', '=', ids[1]!).execute();
    await requestErasure(ctx, ids[1]!, 'Hapus data saya');
    owner = await adminBrowser(app, ctx, 'owner');
    support = await adminBrowser(app, ctx, 'support');
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('lists and searches customers and shows one', async () => {
    const list = await support.get('/admin/customers?q=LINA');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /lina@example\.com/);
    assert.doesNotMatch(list.body, /joko@example\.com/);
    assert.match(list.body, /Erasure requests \(1 pending\)/);
    const all = await support.get('/admin/customers');
    assert.match(all.body, /Joko &lt;b>Widodo&lt;\/b>/, 'escaped');
    assert.doesNotMatch(all.body, /<b>Widodo/);
    const one = await support.get(`/admin/customers/${ids[0]}`);
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /data-testid="customer-profile"/);
    assert.doesNotMatch(one.body, /data-testid="erase-customer"/, 'support may not erase');
    assert.equal((await support.get('/admin/customers/999999')).statusCode, 404);
    assert.equal((await support.get('/admin/customers/abc')).statusCode, 400);
    assert.equal((await support.get(`/admin/customers?q=${'x'.repeat(201)}`)).statusCode, 400);
    const anonymous = await app.inject({ url: '/admin/customers' });
    assert.equal(anonymous.statusCode, 302);
    const warehouse = await adminBrowser(app, ctx, 'warehouse');
    assert.equal((await warehouse.get('/admin/customers')).statusCode, 403);
  });

  it('erases only with customers:write, a confirmation and the CSRF token', async () => {
    assert.equal((await support.post(`/admin/customers/${ids[0]}/erase`, { confirm: '1' })).statusCode, 403);
    const page = await owner.get(`/admin/customers/${ids[0]}`);
    assert.match(page.body, /data-testid="erase-customer"/);
    const forged = await app.inject({ method: 'POST', url: `/admin/customers/${ids[0]}/erase`, headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'confirm=1' });
    assert.equal(forged.statusCode, 403, 'no CSRF token');
    const unconfirmed = await owner.post(`/admin/customers/${ids[0]}/erase`, {});
    assert.equal(unconfirmed.statusCode, 400);
    assert.equal((await ctx.db.kysely.selectFrom('customers').select('erased_at').where('id', '=', ids[0]!).executeTakeFirstOrThrow()).erased_at, null);
    const done = await owner.post(`/admin/customers/${ids[0]}/erase`, { confirm: '1' });
    assert.equal(done.statusCode, 303);
    const after = await owner.get(`/admin/customers/${ids[0]}`);
    assert.match(after.body, /data-testid="erased-at"/);
    assert.match(after.body, new RegExp(`erased\\+${ids[0]}@invalid`));
  });

  it('carries out a customer\'s erasure request', async () => {
    const page = await owner.get('/admin/customers/erasure-requests');
    assert.match(page.body, /Hapus data saya/);
    const request = /\/admin\/customers\/erasure-requests\/(\d+)\/complete/.exec(page.body)![1];
    assert.equal((await support.post(`/admin/customers/erasure-requests/${request}/complete`, {})).statusCode, 403);
    const done = await owner.post(`/admin/customers/erasure-requests/${request}/complete`, {});
    assert.equal(done.statusCode, 303);
    assert.match((await owner.get('/admin/customers/erasure-requests')).body, /No pending requests/);
    const again = await owner.post(`/admin/customers/erasure-requests/${request}/complete`, {});
    assert.equal(again.statusCode, 409);
    assert.equal((await owner.post('/admin/customers/erasure-requests/99999/complete', {})).statusCode, 404);
  });
});
