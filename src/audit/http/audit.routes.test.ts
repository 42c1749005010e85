// GET /api/admin/audit and /api/admin/audit/export.csv: filters, CSV that a spreadsheet cannot run, bad input, roles.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import type { App } from '../../platform/http/app.ts';
import { recordAudit, SYSTEM_ACTOR } from '../index.ts';

describe('audit API', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;
  let manager: Record<string, string>;
  let hostile: Record<string, string>;

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    owner = await adminAuth(ctx, 'owner');
    manager = await adminAuth(ctx, 'manager');
    // A key whose name a spreadsheet would run as a formula, used to write something refused.
    const { key } = await createApiKey(ctx.db.kysely, { name: '=HYPERLINK("http://evil.example","click")', role: 'marketing' });
    hostile = { authorization: `Bearer ${key}` };
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/webhooks/5', headers: hostile })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/brands', headers: owner, payload: { code: 'kopi', name: { en: 'Kopi' } } })).statusCode < 500, true);
    await recordAudit(ctx, { actor: SYSTEM_ACTOR, action: 'order.expire', target_type: 'orders', target_id: 77, details: { reason: '@SUM(A1:A9)' } });
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const get = (url: string, headers: Record<string, string> = owner) => app.inject({ url, headers });
  const count = async () => Number((await ctx.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('lists entries newest first, with the refused write named by its actor', async () => {
    const res = await get('/api/admin/audit');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.total, 3);
    assert.deepEqual(body.items.map((i: { action: string }) => i.action), ['order.expire', 'POST /api/admin/brands', 'DELETE /api/admin/webhooks/:id']);
    const refused = body.items[2];
    assert.equal(refused.status, '403');
    assert.equal(refused.actor_kind, 'api_key');
    assert.equal(refused.actor_role, 'marketing');
    assert.equal(refused.target_type, 'webhooks');
    assert.equal(refused.target_id, '5');
    assert.equal(refused.details.error, 'forbidden');
  });

  it('filters by actor, action, target, status and dates', async () => {
    const actions = async (query: string) => (await get(`/api/admin/audit?${query}`)).json().items.map((i: { action: string }) => i.action);
    assert.deepEqual(await actions('actor=system'), ['order.expire']);
    assert.deepEqual(await actions('actor=HYPERLINK'), ['DELETE /api/admin/webhooks/:id']);
    assert.deepEqual(await actions('action=brands'), ['POST /api/admin/brands']);
    assert.deepEqual(await actions('target=orders:77'), ['order.expire']);
    assert.deepEqual(await actions('status=403'), ['DELETE /api/admin/webhooks/:id']);
    assert.ok((await actions('status=4xx')).includes('DELETE /api/admin/webhooks/:id'));
    assert.deepEqual(await actions('status=5xx'), []);
    assert.deepEqual(await actions('status=ok'), ['order.expire']);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await actions(`from=${today}&to=${today}`)).length, 3);
    assert.deepEqual(await actions('from=2000-01-01&to=2000-01-02'), []);
    const paged = (await get('/api/admin/audit?per_page=1&page=2')).json();
    assert.deepEqual([paged.items.length, paged.total, paged.page, paged.per_page], [1, 3, 2, 1]);
  });

  it('exports CSV with the same filters, formulas quoted', async () => {
    const res = await get('/api/admin/audit/export.csv');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/csv/);
    assert.match(res.headers['content-disposition'] as string, /attachment; filename="audit-log.csv"/);
    const lines = res.body.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,at,actor_kind,actor_id,actor_name,actor_role,action,target_type,target_id,ip,user_agent,status,before,after,details');
    assert.equal(lines.length, 4);
    assert.ok(res.body.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`), 'a formula-looking name starts with a quote');
    for (const line of lines.slice(1)) for (const cell of line.split(',')) assert.doesNotMatch(cell, /^[=+\-@]/);
    const filtered = (await get('/api/admin/audit/export.csv?actor=system')).body.trimEnd().split('\r\n');
    assert.equal(filtered.length, 2);
    assert.match(filtered[1]!, /order\.expire/);
  });

  it('answers 400 to bad filters, writing nothing', async () => {
    const n = await count();
    for (const query of [
      'page=0', 'page=abc', 'per_page=101', 'per_page=-1', 'status=abc', 'status=4xxx', 'status=600', 'from=yesterday', 'to=2026-02-30',
      'from=2026-03-01&to=2026-02-01', 'unknown=1', `action=${'a'.repeat(201)}`, `actor=${'b'.repeat(201)}`,
    ]) {
      const res = await get(`/api/admin/audit?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.ok(res.json().error.code, query);
      assert.equal((await get(`/api/admin/audit/export.csv?${query.replace(/page=0|page=abc|per_page=101|per_page=-1/, 'bogus=1')}`)).statusCode, 400, `export ${query}`);
    }
    assert.equal(await count(), n, 'reading the log writes nothing');
  });

  it('is for owners and managers only', async () => {
    assert.equal((await get('/api/admin/audit', manager)).statusCode, 200);
    assert.equal((await get('/api/admin/audit/export.csv', manager)).statusCode, 200);
    assert.equal((await app.inject({ url: '/api/admin/audit' })).statusCode, 401);
    assert.equal((await get('/api/admin/audit', { authorization: 'Bearer pk_00000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' })).statusCode, 401);
    for (const role of ['support', 'warehouse', 'marketing'] as const) {
      const headers = await adminAuth(ctx, role);
      const res = await get('/api/admin/audit', headers);
      assert.equal(res.statusCode, 403, role);
      assert.equal(res.json().error.code, 'forbidden');
      assert.equal((await get('/api/admin/audit/export.csv', headers)).statusCode, 403, role);
    }
  });
});
