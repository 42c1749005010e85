// The audit log's service and its guarantee: rows are written (alone or in a caller's transaction), found by every
// filter, and never changed or removed — the database itself refuses UPDATE, DELETE and (PostgreSQL) TRUNCATE.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { actorOf, recordAudit, searchAudit, SYSTEM_ACTOR, type AuditFilters } from './index.ts';

describe('audit log', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => {
    await ctx.close();
  });

  const search = (filters: Partial<AuditFilters>) => searchAudit(ctx, { page: 1, per_page: 50, ...filters });
  const count = async () => Number((await ctx.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('records an entry with its actor, target, snapshots and redacted details', async () => {
    const id = await recordAudit(ctx, {
      actor: actorOf({ kind: 'api_key', keyId: 7, name: 'ERP sync', role: 'manager' }),
      action: 'order.refund', target_type: 'orders', target_id: 42, ip: '203.0.113.9', user_agent: 'curl/8',
      before: { status: 'paid' }, after: { status: 'refunded', password_hash: 'never' },
      details: { amount: 1000, card: { token: 'tok_1', last4: '4242' }, password: 'x' },
    });
    const row = await ctx.db.kysely.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.actor_kind, 'api_key');
    assert.equal(row.actor_id, 7);
    assert.equal(row.actor_name, 'ERP sync');
    assert.equal(row.actor_role, 'manager');
    assert.equal(row.action, 'order.refund');
    assert.equal(row.target_type, 'orders');
    assert.equal(row.target_id, '42');
    assert.equal(row.status, 'ok');
    assert.deepEqual(JSON.parse(row.before!), { status: 'paid' });
    assert.deepEqual(JSON.parse(row.after!), { status: 'refunded' });
    assert.deepEqual(JSON.parse(row.details), { amount: 1000, card: { last4: '4242' } });
    assert.match(row.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it('commits an entry with the caller\'s transaction and rolls it back with it', async () => {
    const n = await count();
    await assert.rejects(ctx.db.kysely.transaction().execute(async (trx) => {
      await recordAudit(ctx, { actor: SYSTEM_ACTOR, action: 'job.rolled_back' }, trx);
      throw new Error('the business write failed');
    }), /business write failed/);
    assert.equal(await count(), n);
    await ctx.db.kysely.transaction().execute((trx) => recordAudit(ctx, { actor: SYSTEM_ACTOR, action: 'job.committed' }, trx));
    assert.equal(await count(), n + 1);
  });

  it('refuses UPDATE and DELETE in the database, whoever asks', async () => {
    const id = await recordAudit(ctx, { actor: SYSTEM_ACTOR, action: 'tamper.target', status: 200 });
    await assert.rejects(ctx.db.kysely.updateTable('audit_log').set({ status: '500' }).where('id', '=', id).execute(), /append-only/);
    await assert.rejects(ctx.db.kysely.deleteFrom('audit_log').where('id', '=', id).execute(), /append-only/);
    await assert.rejects(sql`update audit_log set actor_name = 'someone else'`.execute(ctx.db.kysely), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(ctx.db.kysely), /append-only/);
    if (ctx.db.dialect === 'postgres') await assert.rejects(sql`truncate audit_log`.execute(ctx.db.kysely), /append-only/);
    const row = await ctx.db.kysely.selectFrom('audit_log').select(['status', 'actor_name']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: '200', actor_name: 'system' });
    assert.ok((await count()) > 1, 'nothing was deleted');
  });

  it('cuts overlong text instead of failing', async () => {
    const id = await recordAudit(ctx, { actor: { kind: 'customer', id: 1, name: 'n'.repeat(1000) }, action: 'a'.repeat(1000), user_agent: 'u'.repeat(5000), target_id: 't'.repeat(900) });
    const row = await ctx.db.kysely.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.actor_name!.length, 200);
    assert.equal(row.action.length, 300);
    assert.equal(row.user_agent!.length, 300);
    assert.equal(row.target_id!.length, 200);
  });

  describe('search', () => {
    before(async () => {
      const rows = [
        { at: '2026-01-05T10:00:00.000Z', actor_kind: 'staff' as const, actor_id: 3, actor_name: 'Ana Lim', actor_role: 'manager', action: 'PUT /api/admin/products/:id', target_type: 'products', target_id: '12', status: '200' },
        { at: '2026-01-06T23:59:59.000Z', actor_kind: 'api_key' as const, actor_id: 9, actor_name: 'Warehouse 100%_scanner', actor_role: 'warehouse', action: 'PUT /api/admin/inventory/:sku', target_type: 'inventory', target_id: 'SARONG-1', status: '403' },
        { at: '2026-01-07T00:00:00.000Z', actor_kind: 'api_key' as const, actor_id: 9, actor_name: 'Warehouse 100%_scanner', actor_role: 'warehouse', action: 'POST /api/admin/orders/:id/actions/:action', target_type: 'orders', target_id: '12', status: '409' },
        { at: '2026-01-08T08:00:00.000Z', actor_kind: 'system' as const, actor_id: null, actor_name: 'system', actor_role: null, action: 'order.expire', target_type: 'orders', target_id: '13', status: 'ok' },
      ];
      for (const r of rows) await ctx.db.kysely.insertInto('audit_log').values({ ...r, ip: null, user_agent: null, before: null, after: null, details: '{}' }).execute();
    });
    const dated = { from: '2026-01-01', to: '2026-01-31' };
    const actions = async (f: Partial<AuditFilters>) => (await search({ ...dated, ...f })).items.map((i) => i.action);

    it('lists newest first with a total, in pages', async () => {
      const all = await search(dated);
      assert.equal(all.total, 4);
      assert.deepEqual(all.items.map((i) => i.action), ['order.expire', 'POST /api/admin/orders/:id/actions/:action', 'PUT /api/admin/inventory/:sku', 'PUT /api/admin/products/:id']);
      const second = await search({ ...dated, page: 2, per_page: 3 });
      assert.deepEqual(second.items.map((i) => i.action), ['PUT /api/admin/products/:id']);
      assert.equal(second.total, 4);
      assert.deepEqual(all.items[0]!.details, {});
    });

    it('filters by actor kind, kind:id and part of a name, with LIKE wildcards taken literally', async () => {
      assert.equal((await actions({ actor: 'api_key' })).length, 2);
      assert.deepEqual(await actions({ actor: 'staff:3' }), ['PUT /api/admin/products/:id']);
      assert.deepEqual(await actions({ actor: 'staff:4' }), []);
      assert.deepEqual(await actions({ actor: 'ana' }), ['PUT /api/admin/products/:id']);
      assert.equal((await actions({ actor: '100%_' })).length, 2);
      assert.deepEqual(await actions({ actor: '%' }), ['POST /api/admin/orders/:id/actions/:action', 'PUT /api/admin/inventory/:sku']);
      assert.deepEqual(await actions({ actor: '_' }), ['POST /api/admin/orders/:id/actions/:action', 'PUT /api/admin/inventory/:sku']);
    });

    it('filters by action text, target, status and status class', async () => {
      assert.deepEqual(await actions({ action: 'INVENTORY' }), ['PUT /api/admin/inventory/:sku']);
      assert.deepEqual(await actions({ action: 'order.' }), ['order.expire']);
      assert.deepEqual(await actions({ target: 'orders:12' }), ['POST /api/admin/orders/:id/actions/:action']);
      assert.equal((await actions({ target: 'orders' })).length, 2);
      assert.deepEqual(await actions({ target: 'SARONG-1' }), ['PUT /api/admin/inventory/:sku']);
      assert.deepEqual(await actions({ status: '403' }), ['PUT /api/admin/inventory/:sku']);
      assert.equal((await actions({ status: '4xx' })).length, 2);
      assert.deepEqual(await actions({ status: 'ok' }), ['order.expire']);
      assert.deepEqual(await actions({ status: '5xx' }), []);
    });

    it('takes whole UTC days for from and to', async () => {
      assert.deepEqual(await actions({ from: '2026-01-06', to: '2026-01-06' }), ['PUT /api/admin/inventory/:sku']);
      assert.deepEqual(await actions({ from: '2026-01-07', to: '2026-01-07' }), ['POST /api/admin/orders/:id/actions/:action']);
      assert.equal((await actions({ from: '2026-01-06', to: '2026-01-07' })).length, 2);
      assert.deepEqual((await search({ from: '2026-01-09', to: '2026-01-31' })).items, []);
    });

    it('treats hostile filter text as plain text', async () => {
      for (const text of [`' or 1=1 --`, '"; delete from audit_log; --', '<script>alert(1)</script>', '\\', 'staff:99999999999', 'staff:9999999999']) {
        const result = await search({ actor: text, action: text, target: text });
        assert.equal(result.total, 0, text);
      }
      assert.ok((await count()) > 4);
    });
  });
});
