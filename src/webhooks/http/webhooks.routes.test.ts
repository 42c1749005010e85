import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';

describe('webhooks admin API', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;
  let manager: Record<string, string>;

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    owner = await adminAuth(ctx, 'owner');
    manager = await adminAuth(ctx, 'manager');
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const endpoints = () => ctx.db.kysely.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();

  it('creates, lists, reads, changes and deletes an endpoint', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/admin/webhooks', headers: manager, payload: { url: 'https://erp.example.test/pasar', events: ['order.paid', 'order.created', 'order.paid'], description: 'ERP' } });
    assert.equal(created.statusCode, 400, 'duplicate event types are refused');
    const res = await app.inject({ method: 'POST', url: '/api/admin/webhooks', headers: manager, payload: { url: 'https://erp.example.test/pasar', events: ['order.paid', 'order.created'], description: 'ERP' } });
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.match(body.secret, /^whsec_[0-9a-f]{64}$/);
    assert.deepEqual(body.events, ['order.created', 'order.paid']);
    assert.equal(body.active, true);

    const list = await app.inject({ url: '/api/admin/webhooks', headers: owner });
    assert.equal(list.json().items.length, 1);
    assert.equal(list.json().items[0].secret, undefined, 'the list does not show secrets');
    const one = await app.inject({ url: `/api/admin/webhooks/${body.id}`, headers: owner });
    assert.equal(one.json().secret, body.secret);

    const patched = await app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${body.id}`, headers: owner, payload: { active: false, events: ['inventory.low'], rotate_secret: true } });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().active, false);
    assert.deepEqual(patched.json().events, ['inventory.low']);
    assert.notEqual(patched.json().secret, body.secret);

    const log = await app.inject({ url: `/api/admin/webhooks/${body.id}/deliveries`, headers: owner });
    assert.equal(log.statusCode, 200);
    assert.deepEqual(log.json(), { items: [], total: 0, page: 1, per_page: 20 });

    const del = await app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${body.id}`, headers: owner });
    assert.equal(del.statusCode, 204);
    assert.equal((await endpoints()).length, 0);
    assert.equal((await app.inject({ url: `/api/admin/webhooks/${body.id}`, headers: owner })).statusCode, 404);
  });

  it('refuses bad input with the error shape and writes nothing', async () => {
    const kept = (await app.inject({ method: 'POST', url: '/api/admin/webhooks', headers: owner, payload: { url: 'http://127.0.0.1:9/in', events: ['order.shipped'] } })).json();
    const before = JSON.stringify(await endpoints());
    const creates: unknown[] = [
      {},
      { url: 'https://x.test' },
      { events: ['order.paid'] },
      { url: 'https://x.test', events: [] },
      { url: 'https://x.test', events: ['order.exploded'] },
      { url: 'https://x.test', events: 'order.paid' },
      { url: 123, events: ['order.paid'] },
      { url: 'ftp://x.test/in', events: ['order.paid'] },
      { url: 'javascript:alert(1)', events: ['order.paid'] },
      { url: 'https://user:pass@x.test/in', events: ['order.paid'] },
      { url: 'https://token@x.test/in', events: ['order.paid'] },
      { url: 'not a url', events: ['order.paid'] },
      { url: "' OR 1=1 --", events: ['order.paid'] },
      { url: '<script>alert(1)</script>', events: ['order.paid'] },
      { url: `https://x.test/${'a'.repeat(2100)}`, events: ['order.paid'] },
      { url: 'https://x.test', events: ['order.paid'], description: 'd'.repeat(501) },
      { url: 'https://x.test', events: ['order.paid'], secret: 'short' },
      { url: 'https://x.test', events: ['order.paid'], active: 'yes' },
      { url: 'https://x.test', events: ['order.paid'], extra: 1 },
    ];
    for (const payload of creates) {
      const res = await app.inject({ method: 'POST', url: '/api/admin/webhooks', headers: owner, payload: payload as object });
      assert.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80));
      assert.equal(typeof res.json().error.code, 'string');
      assert.equal(typeof res.json().error.message, 'string');
    }
    const patches: Array<[string, unknown, number]> = [
      [String(kept.id), {}, 400],
      [String(kept.id), { url: 'https://a:b@x.test' }, 400],
      [String(kept.id), { events: ['nope'] }, 400],
      [String(kept.id), { active: 1 }, 400],
      [String(kept.id), { id: 5 }, 400],
      ['999999', { active: false }, 404],
      ['abc', { active: false }, 400],
      ['0', { active: false }, 400],
      ["1' OR 1=1 --", { active: false }, 400],
    ];
    for (const [id, payload, status] of patches) {
      const res = await app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${encodeURIComponent(id)}`, headers: owner, payload: payload as object });
      assert.equal(res.statusCode, status, `${id} ${JSON.stringify(payload)}`);
      assert.equal(typeof res.json().error.code, 'string');
    }
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/webhooks/999999', headers: owner })).statusCode, 404);
    assert.equal((await app.inject({ url: '/api/admin/webhooks/999999/deliveries', headers: owner })).statusCode, 404);
    assert.equal((await app.inject({ url: `/api/admin/webhooks/${kept.id}/deliveries?per_page=1000`, headers: owner })).statusCode, 400);
    assert.equal((await app.inject({ url: `/api/admin/webhooks/${kept.id}/deliveries?page=x`, headers: owner })).statusCode, 400);
    assert.equal(JSON.stringify(await endpoints()), before);
  });

  it('needs a key with webhooks:manage (owner, manager)', async () => {
    const payload = { url: 'https://x.test/in', events: ['order.paid'] };
    const count = (await endpoints()).length;
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/webhooks', payload })).statusCode, 401);
    for (const role of ['support', 'warehouse', 'marketing'] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/admin/webhooks', headers: await adminAuth(ctx, role), payload });
      assert.equal(res.statusCode, 403, role);
    }
    assert.equal((await app.inject({ url: '/api/admin/webhooks', headers: await adminAuth(ctx, 'support') })).statusCode, 403);
    assert.equal((await endpoints()).length, count);
  });
});
