import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { AppError } from '../http/errors.ts';
import { once } from './idempotency.ts';

describe('idempotent requests', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it('runs the work once for concurrent requests with one key, and gives all of them its response', async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 150));
      return { status: 201, body: { number: `PSR-${runs}` } };
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => once(ctx, 'checkout', 'key-concurrent-1', { a: 1 }, work, { pollMs: 10 })));
    assert.equal(runs, 1);
    for (const r of results) assert.deepEqual(r, { status: 201, body: { number: 'PSR-1' } });
    const later = await once(ctx, 'checkout', 'key-concurrent-1', { a: 1 }, work);
    assert.deepEqual(later.body, { number: 'PSR-1' });
    assert.equal(runs, 1);
  });

  it('replays a client error, but lets a retry run again after a server error', async () => {
    let runs = 0;
    const bad = async (): Promise<never> => {
      runs += 1;
      throw new AppError(409, 'out_of_stock', 'Gone', { items: [1] });
    };
    await assert.rejects(once(ctx, 'checkout', 'key-client-error', {}, bad), (e: AppError) => e.code === 'out_of_stock');
    const replay = await once(ctx, 'checkout', 'key-client-error', {}, bad);
    assert.deepEqual(replay, { status: 409, body: { error: { code: 'out_of_stock', message: 'Gone', details: { items: [1] } } } });
    assert.equal(runs, 1);

    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('database went away');
      return { status: 201, body: { ok: true } };
    };
    await assert.rejects(once(ctx, 'checkout', 'key-server-error', {}, flaky), /went away/);
    assert.deepEqual(await once(ctx, 'checkout', 'key-server-error', {}, flaky), { status: 201, body: { ok: true } });
    assert.equal(attempts, 2);
  });

  it('refuses a key reused with another body, and malformed keys', async () => {
    const work = async () => ({ status: 201, body: {} });
    await once(ctx, 'checkout', 'key-reused-1', { cart: 'a' }, work);
    await assert.rejects(once(ctx, 'checkout', 'key-reused-1', { cart: 'b' }, work), (e: AppError) => e.status === 422);
    await assert.rejects(once(ctx, 'checkout', 'short', {}, work), (e: AppError) => e.status === 400);
    await assert.rejects(once(ctx, 'checkout', "x' OR 1=1 --", {}, work), (e: AppError) => e.status === 400);
  });

  it('takes over a claim left running by a process that died, once its lease is over', async () => {
    const abandoned = new Date(Date.now() - 120_000).toISOString();
    await ctx.db.kysely.insertInto('idempotency_keys').values({ scope: 'checkout', key: 'key-abandoned', request_hash: (await import('./idempotency.ts')).requestHash({ a: 1 }), status: 'running', response_status: null, response_body: null, created_at: abandoned }).execute();
    let runs = 0;
    const work = async () => ({ status: 201, body: { run: ++runs } });
    const [a, b] = await Promise.all([once(ctx, 'checkout', 'key-abandoned', { a: 1 }, work, { pollMs: 10 }), once(ctx, 'checkout', 'key-abandoned', { a: 1 }, work, { pollMs: 10 })]);
    assert.equal(runs, 1, 'one retry takes over, the other waits for its answer');
    assert.deepEqual(a, b);
    const fresh = new Date().toISOString();
    const { requestHash } = await import('./idempotency.ts');
    await ctx.db.kysely.insertInto('idempotency_keys').values({ scope: 'checkout', key: 'key-still-running', request_hash: requestHash({}), status: 'running', response_status: null, response_body: null, created_at: fresh }).execute();
    await assert.rejects(once(ctx, 'checkout', 'key-still-running', {}, work, { waitMs: 100, pollMs: 10 }), (e: AppError) => e.code === 'request_in_progress');
    assert.equal(runs, 1, 'a live claim is never taken over');
  });

  it('keeps keys apart per scope', async () => {
    const a = await once(ctx, 'scope-a', 'shared-key-1', {}, async () => ({ status: 201, body: 'a' }));
    const b = await once(ctx, 'scope-b', 'shared-key-1', {}, async () => ({ status: 201, body: 'b' }));
    assert.deepEqual([a.body, b.body], ['a', 'b']);
  });
});
