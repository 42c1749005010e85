// The back-office audit page: search form, results, paging, CSV export, field errors, who may see it, and that a
// page's own form posts land in the log under the signed-in staff member.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { adminBrowser, type AdminBrowser } from '../../admin/admin-test-helpers.ts';
import { importProducts } from '../../catalog/index.ts';
import type { App } from '../../platform/http/app.ts';
import { recordAudit, SYSTEM_ACTOR } from '../index.ts';

describe('audit log page', () => {
  let ctx: TestContext;
  let app: App;
  let owner: AdminBrowser;

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    await importProducts(ctx, [{ status: 'draft', translations: { en: { name: 'Kain' } }, variants: [{ sku: 'KAIN-1', prices: [{ currency: 'IDR', amount: 90_000 }] }] }]);
    owner = await adminBrowser(app, ctx, 'owner');
    await recordAudit(ctx, { actor: { kind: 'api_key', id: 99, name: '<script>alert(1)</script>', role: 'manager' }, action: 'PUT /api/admin/products/:id', target_type: 'products', target_id: 1, status: 200 });
    for (let i = 0; i < 55; i++) await recordAudit(ctx, { actor: SYSTEM_ACTOR, action: 'order.expire', target_type: 'orders', target_id: 1000 + i });
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('shows the newest entries with a search form, paging and an export link', async () => {
    const res = await owner.get('/admin/audit');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Audit log<\/h1>/);
    for (const name of ['actor', 'action', 'target', 'status', 'from', 'to']) assert.match(res.body, new RegExp(`<label for="f-${name}">`));
    assert.match(res.body, /<a href="\/admin\/audit" aria-current="page">Audit log<\/a>/);
    assert.match(res.body, /href="\/admin\/audit\/export.csv"/);
    assert.match(res.body, /rel="next"/);
    assert.match(res.body, /<td>orders 1054<\/td>/);
    assert.doesNotMatch(res.body, /<script>alert/);
    const page2 = await owner.get('/admin/audit?page=2');
    assert.match(page2.body, /&lt;script>alert\(1\)&lt;\/script>/, 'text from the log is escaped');
  });

  it('filters, and exports the same search as CSV', async () => {
    const res = await owner.get('/admin/audit?actor=%3Cscript&action=products&status=2xx');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /1 entry/);
    assert.match(res.body, /href="\/admin\/audit\/export.csv\?actor=%3Cscript&amp;action=products&amp;status=2xx"/);
    const csv = await owner.get('/admin/audit/export.csv?actor=%3Cscript&action=products&status=2xx');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /<script>alert\(1\)<\/script>,manager,PUT \/api\/admin\/products\/:id/);
  });

  it('shows what is wrong with a search next to its field, with 400', async () => {
    const res = await owner.get('/admin/audit?status=teapot&from=2026-13-01&to=2026-01-01&page=x');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary" role="alert"/);
    assert.match(res.body, /href="#f-status">status: must be a status like 403/);
    assert.match(res.body, /href="#f-from">from: must be a date/);
    assert.match(res.body, /The page must be a whole number/);
    assert.match(res.body, /id="f-status-error"/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.equal((await owner.get('/admin/audit?from=2026-02-01&to=2026-01-01')).statusCode, 400);
    assert.equal((await owner.get('/admin/audit?from=2026-02-30')).statusCode, 400);
    assert.equal((await owner.get('/admin/audit/export.csv?status=teapot')).statusCode, 400);
    assert.equal((await owner.get(`/admin/audit?actor=${'x'.repeat(300)}`)).statusCode, 400);
    assert.equal((await owner.get('/admin/audit?unknown=1')).statusCode, 400);
  });

  it('records a back-office form post under the signed-in staff member', async () => {
    await owner.get('/admin/products/1');
    const posted = await owner.post('/admin/products/1/delete', {});
    assert.ok(posted.statusCode < 500, posted.body);
    const row = await ctx.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'POST /admin/products/:id/delete').executeTakeFirstOrThrow();
    assert.equal(row.actor_kind, 'staff');
    assert.equal(row.actor_id, owner.staffId);
    assert.equal(row.actor_role, 'owner');
    assert.equal(row.target_type, 'products');
    assert.equal(row.target_id, '1');
    assert.equal(row.status, String(posted.statusCode));
    assert.equal('_csrf' in JSON.parse(row.details).body, false, 'the CSRF token is not kept');
  });

  it('is for owners and managers: others get 403 and no link', async () => {
    const manager = await adminBrowser(app, ctx, 'manager');
    assert.equal((await manager.get('/admin/audit')).statusCode, 200);
    for (const role of ['support', 'warehouse', 'marketing'] as const) {
      const staff = await adminBrowser(app, ctx, role);
      const page = await staff.get('/admin/audit');
      assert.equal(page.statusCode, 403, role);
      assert.equal((await staff.get('/admin/audit/export.csv')).statusCode, 403, role);
      assert.doesNotMatch((await staff.get('/admin')).body, /href="\/admin\/audit"/, role);
    }
    const anonymous = await app.inject({ url: '/admin/audit' });
    assert.equal(anonymous.statusCode, 302);
    assert.equal(anonymous.headers.location, '/admin/login');
  });
});
