// Events → signed deliveries to a real HTTP server on loopback that fails before it succeeds.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { runJobsUntilIdle, startJobWorker } from '../platform/jobs/index.ts';
import { createEndpoint, listDeliveries, signWebhookBody, verifyWebhookSignature, webhookJobHandler, WEBHOOK_JOB } from './index.ts';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('webhook deliveries', () => {
  let ctx: TestContext;
  let server: http.Server;
  let base: string;
  const received: Received[] = [];
  /** Answers per path, consumed in order; when empty, 200. */
  const script = new Map<string, Array<number | 'hangup'>>();

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body });
        const next = script.get(req.url ?? '')?.shift() ?? 200;
        if (next === 'hangup') return req.socket.destroy();
        if (next === 302) {
          res.writeHead(302, { location: `${base}/elsewhere` });
          return res.end();
        }
        res.writeHead(next, { 'content-type': 'text/plain' });
        res.end(next >= 300 ? `failure ${next} `.repeat(200) : 'ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ctx = await createTestContext();
  });
  after(async () => {
    await ctx.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const handlers = () => ({ [WEBHOOK_JOB]: webhookJobHandler(ctx, { timeoutMs: 2000 }) });
  const at = (path: string) => received.filter((r) => r.path === path);

  it('signs and delivers order events, retrying with backoff until the endpoint answers 2xx', async () => {
    const endpoint = await createEndpoint(ctx, { url: `${base}/hooks/erp`, events: ['order.paid', 'order.shipped'] });
    script.set('/hooks/erp', [500, 'hangup']);
    await ctx.events.publish('order.paid', { orderId: 42, number: 'PSR-1042' });
    await ctx.events.publish('order.created', { orderId: 42, number: 'PSR-1042' }); // not subscribed

    const worker = startJobWorker(ctx, handlers(), { pollMs: 10, retryBaseMs: 50, retryMaxMs: 200 });
    await waitFor(async () => (await ctx.db.kysely.selectFrom('webhook_deliveries').select('status').executeTakeFirst())?.status === 'delivered');
    await worker.stop();

    const hits = at('/hooks/erp');
    assert.equal(hits.length, 3, 'two failures, then success');
    assert.equal(new Set(hits.map((h) => h.body)).size, 1, 'the same body on every attempt');
    assert.equal(new Set(hits.map((h) => h.headers['pasar-delivery'])).size, 1, 'the same delivery id on every attempt');
    const last = hits[2];
    assert.equal(last.headers['content-type'], 'application/json');
    assert.equal(last.headers['pasar-event'], 'order.paid');
    const signature = String(last.headers['pasar-signature']);
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.ok(verifyWebhookSignature(endpoint.secret, signature, last.body), 'valid with the endpoint secret');
    assert.equal(verifyWebhookSignature('whsec_wrong_secret_0000', signature, last.body), false);
    assert.equal(verifyWebhookSignature(endpoint.secret, signature, last.body.replace('PSR-1042', 'PSR-9999')), false, 'a changed body fails');
    const t = Number(/t=(\d+)/.exec(signature)![1]);
    assert.ok(Math.abs(t - Date.now() / 1000) < 60);
    assert.equal(verifyWebhookSignature(endpoint.secret, signWebhookBody(endpoint.secret, last.body, t - 3600), last.body), false, 'an old timestamp fails');

    const event = JSON.parse(last.body);
    assert.deepEqual(Object.keys(event).sort(), ['created_at', 'data', 'id', 'type']);
    assert.equal(event.type, 'order.paid');
    assert.match(event.id, /^evt_/);
    assert.deepEqual(event.data, { order_id: 42, number: 'PSR-1042' });

    const { items, total } = await listDeliveries(ctx, endpoint.id, 1, 20);
    assert.equal(total, 1);
    assert.equal(items[0].status, 'delivered');
    assert.equal(items[0].attempts, 3);
    assert.equal(items[0].id, last.headers['pasar-delivery']);
    assert.deepEqual(items[0].log.map((a) => a.status_code), [500, null, 200]);
    assert.match(items[0].log[0].response_body ?? '', /^failure 500/);
    assert.ok((items[0].log[0].response_body ?? '').length <= 1000, 'response bodies are truncated');
    assert.ok(items[0].log[1].error, 'the hang-up is logged as an error');
    assert.ok(items[0].log.every((a) => a.duration_ms >= 0));
  });

  it('sends inventory.low to its subscribers only, and nothing to inactive endpoints', async () => {
    await createEndpoint(ctx, { url: `${base}/hooks/warehouse`, events: ['inventory.low'] });
    await createEndpoint(ctx, { url: `${base}/hooks/off`, events: ['inventory.low'], active: false });
    await ctx.events.publish('inventory.low', { items: [{ variantId: 7, available: 2, status: 'low_stock' }] });
    await runJobsUntilIdle(ctx, handlers());
    const [hit] = at('/hooks/warehouse');
    assert.equal(hit.headers['pasar-event'], 'inventory.low');
    assert.deepEqual(JSON.parse(hit.body).data, { items: [{ variant_id: 7, available: 2, status: 'low_stock' }] });
    assert.equal(at('/hooks/off').length, 0);
    assert.equal(at('/hooks/erp').length, 3, 'the order endpoint did not get it');
  });

  it('marks a delivery failed after the last attempt, and does not follow redirects', async () => {
    const endpoint = await createEndpoint(ctx, { url: `${base}/hooks/down`, events: ['order.delivered'] });
    script.set('/hooks/down', [302, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503]);
    await ctx.events.publish('order.delivered', { orderId: 1, number: 'PSR-1' });
    // Ten attempts at tiny backoff.
    const worker = startJobWorker(ctx, handlers(), { pollMs: 5, retryBaseMs: 5, retryMaxMs: 20 });
    await waitFor(async () => (await listDeliveries(ctx, endpoint.id, 1, 1)).items[0]?.status === 'failed');
    await worker.stop();
    const { items } = await listDeliveries(ctx, endpoint.id, 1, 1);
    assert.equal(items[0].attempts, 10);
    assert.equal(items[0].log.length, 10);
    assert.equal(items[0].log[0].status_code, 302);
    assert.equal(at('/elsewhere').length, 0, 'the redirect was not followed');
    const job = await ctx.db.kysely.selectFrom('jobs').selectAll().where('kind', '=', WEBHOOK_JOB).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(job.status, 'failed');
    assert.match(job.last_error ?? '', /HTTP 503/);
  });

  it('queues deliveries inside a caller transaction: none if it rolls back', async () => {
    const { enqueueWebhookEvent } = await import('./index.ts');
    const before = (await ctx.db.kysely.selectFrom('webhook_deliveries').selectAll().execute()).length;
    await assert.rejects(
      ctx.db.kysely.transaction().execute(async (trx) => {
        assert.ok(await enqueueWebhookEvent(trx, 'order.paid', { orderId: 5, number: 'PSR-5' }));
        throw new Error('rollback');
      }),
    );
    assert.equal((await ctx.db.kysely.selectFrom('webhook_deliveries').selectAll().execute()).length, before);
  });
});
