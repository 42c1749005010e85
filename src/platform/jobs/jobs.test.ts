import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { AppContext } from '../context.ts';
import { openDatabase } from '../db/database.ts';
import { enqueueJob, PermanentJobError, retryDelayMs, runJobsUntilIdle, startJobWorker, type JobRun } from './index.ts';

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job queue', () => {
  let ctx: TestContext;
  let second: AppContext; // another connection (pool) on the same database: what a second process would have

  before(async () => {
    ctx = await createTestContext();
    second = { ...ctx, db: openDatabase(ctx.config.database, { poolSize: 10 }) };
  });
  after(async () => {
    await second.db.destroy();
    await ctx.close();
  });

  const job = (id: number) => ctx.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const clear = () => ctx.db.kysely.deleteFrom('jobs').execute();

  it('enqueues inside the caller transaction: nothing on rollback, the job on commit', async () => {
    await clear();
    await assert.rejects(
      ctx.db.kysely.transaction().execute(async (trx) => {
        await enqueueJob(trx, 'test.tx', { n: 1 });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal((await ctx.db.kysely.selectFrom('jobs').selectAll().execute()).length, 0);
    const { id } = await ctx.db.kysely.transaction().execute((trx) => enqueueJob(trx, 'test.tx', { n: 2 }, { maxAttempts: 7 }));
    const row = await job(id);
    assert.equal(row.status, 'queued');
    assert.equal(row.max_attempts, 7);
    assert.deepEqual(JSON.parse(row.payload), { n: 2 });
  });

  it('enqueues once per unique key', async () => {
    const a = await enqueueJob(ctx, 'test.unique', { v: 1 }, { uniqueKey: 'k-1', runAt: new Date(Date.now() + 3600_000) });
    const b = await enqueueJob(ctx, 'test.unique', { v: 2 }, { uniqueKey: 'k-1' });
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(b.id, a.id);
    assert.deepEqual(JSON.parse((await job(a.id)).payload), { v: 1 });
    await assert.rejects(enqueueJob(ctx, 'Bad Kind', {}), /invalid job kind/);
    await assert.rejects(enqueueJob(ctx, 'test.x', {}, { maxAttempts: 0 }), /maxAttempts/);
  });

  it('runs a due job with its payload and marks it done; a job scheduled later waits', async () => {
    await clear();
    const seen: Array<[unknown, JobRun]> = [];
    const now = await enqueueJob(ctx, 'test.run', { hello: 'world' });
    const later = await enqueueJob(ctx, 'test.run', { hello: 'later' }, { runAt: new Date(Date.now() + 3600_000) });
    await runJobsUntilIdle(ctx, { 'test.run': async (payload, run) => void seen.push([payload, run]) });
    assert.deepEqual(seen.map(([p]) => p), [{ hello: 'world' }]);
    assert.equal(seen[0][1].attempt, 1);
    const done = await job(now.id);
    assert.equal(done.status, 'done');
    assert.equal(done.locked_until, null);
    assert.ok(done.finished_at);
    assert.equal((await job(later.id)).status, 'queued');
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    await clear();
    const attempts: number[] = [];
    const times: number[] = [];
    const { id } = await enqueueJob(ctx, 'test.flaky', {}, { maxAttempts: 5 });
    const worker = startJobWorker(ctx, {
      'test.flaky': async (_p, run) => {
        attempts.push(run.attempt);
        times.push(Date.now());
        if (run.attempt < 3) throw new Error(`boom ${run.attempt}`);
      },
    }, { pollMs: 10, retryBaseMs: 100, retryMaxMs: 1000 });
    await waitFor(async () => (await job(id)).status === 'done', 10_000, 'the flaky job');
    await worker.stop();
    assert.deepEqual(attempts, [1, 2, 3]);
    // Equal jitter: retry n waits between half and all of base * 2^(n-1).
    assert.ok(times[1] - times[0] >= 50, `first retry after ${times[1] - times[0]} ms`);
    assert.ok(times[2] - times[1] >= 100, `second retry after ${times[2] - times[1]} ms`);
    assert.equal((await job(id)).attempts, 3);
  });

  it('marks a job failed after max attempts, and at once on a permanent error', async () => {
    await clear();
    const always = await enqueueJob(ctx, 'test.always', {}, { maxAttempts: 3 });
    const permanent = await enqueueJob(ctx, 'test.permanent', {}, { maxAttempts: 5 });
    let runs = 0;
    const worker = startJobWorker(ctx, {
      'test.always': async () => {
        runs++;
        throw new Error('the receiver is down');
      },
      'test.permanent': async () => {
        throw new PermanentJobError('order 42 no longer exists');
      },
    }, { pollMs: 10, retryBaseMs: 5, retryMaxMs: 20 });
    await waitFor(async () => (await job(always.id)).status === 'failed' && (await job(permanent.id)).status === 'failed', 10_000, 'dead jobs');
    await worker.stop();
    assert.equal(runs, 3);
    const dead = await job(always.id);
    assert.equal(dead.attempts, 3);
    assert.match(dead.last_error ?? '', /the receiver is down/);
    assert.ok(dead.finished_at);
    const perm = await job(permanent.id);
    assert.equal(perm.attempts, 1);
    assert.match(perm.last_error ?? '', /PermanentJobError: order 42/);
  });

  it('picks up a job whose worker died mid-run once its lease expires, and fails one that had no attempts left', async () => {
    await clear();
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    const insert = (locked_until: string, attempts: number) =>
      ctx.db.kysely
        .insertInto('jobs')
        .values({ kind: 'test.crash', payload: '{"order":7}', status: 'running', run_at: past, attempts, max_attempts: 3, locked_by: 'dead-worker', locked_until, last_error: null, unique_key: null, finished_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
    const orphan = await insert(past, 1);
    const alive = await insert(future, 1); // another worker still holds this lease: not to be touched
    const exhausted = await insert(past, 3);
    const ran: number[] = [];
    await runJobsUntilIdle(second, { 'test.crash': async (_p, run) => void ran.push(run.id) }, { timeoutMs: 500 }).catch(() => {});
    assert.deepEqual(ran, [orphan.id]);
    const picked = await job(orphan.id);
    assert.equal(picked.status, 'done');
    assert.equal(picked.attempts, 2);
    assert.equal((await job(alive.id)).status, 'running');
    assert.equal((await job(alive.id)).locked_by, 'dead-worker');
    const dead = await job(exhausted.id);
    assert.equal(dead.status, 'failed');
    assert.match(dead.last_error ?? '', /lease expired/);
  });

  it('keeps a long job leased through heartbeats: another worker does not run it again', async () => {
    await clear();
    let runs = 0;
    const handlers = { 'test.slow': async () => { runs++; await sleep(1500); } };
    const { id } = await enqueueJob(ctx, 'test.slow', {});
    const a = startJobWorker(ctx, handlers, { pollMs: 20, leaseMs: 450 });
    const b = startJobWorker(second, handlers, { pollMs: 20, leaseMs: 450 });
    await waitFor(async () => (await job(id)).status === 'done', 10_000, 'the slow job');
    await Promise.all([a.stop(), b.stop()]);
    assert.equal(runs, 1);
  });

  it('two workers on two connections run 200 jobs exactly once each', async () => {
    await clear();
    const runs = new Map<number, number>();
    let total = 0;
    const handler = async (_p: unknown, run: JobRun) => {
      total++;
      runs.set(run.id, (runs.get(run.id) ?? 0) + 1);
      await sleep(Math.random() * 3);
    };
    for (let i = 0; i < 200; i += 50) {
      await ctx.db.kysely.transaction().execute(async (trx) => {
        for (let j = i; j < i + 50; j++) await enqueueJob(trx, 'test.count', { j });
      });
    }
    const a = startJobWorker(ctx, { 'test.count': handler }, { pollMs: 5, concurrency: 4, workerId: 'worker-a' });
    const b = startJobWorker(second, { 'test.count': handler }, { pollMs: 5, concurrency: 4, workerId: 'worker-b' });
    await waitFor(async () => {
      const r = await ctx.db.kysely.selectFrom('jobs').select('id').where('status', '!=', 'done').limit(1).executeTakeFirst();
      return !r;
    }, 60_000, '200 jobs');
    await Promise.all([a.stop(), b.stop()]);
    assert.equal(total, 200);
    assert.equal(runs.size, 200);
    assert.ok([...runs.values()].every((n) => n === 1));
    const byWorker = await ctx.db.kysely.selectFrom('jobs').select(['locked_by', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('locked_by').execute();
    assert.equal(byWorker.reduce((s, r) => s + Number(r.n), 0), 200);
    assert.ok(byWorker.every((r) => r.locked_by === 'worker-a' || r.locked_by === 'worker-b'));
  });

  it('runs a recurring job once per time slot across two workers', async () => {
    await clear();
    const runs: number[] = [];
    const handlers = { 'test.tick': async (_p: unknown, run: JobRun) => void runs.push(run.id) };
    const a = startJobWorker(ctx, handlers, { pollMs: 10 });
    const b = startJobWorker(second, handlers, { pollMs: 10 });
    a.scheduleEvery('test.tick', 200);
    b.scheduleEvery('test.tick', 200);
    await sleep(1100);
    await Promise.all([a.stop(), b.stop()]);
    const rows = await ctx.db.kysely.selectFrom('jobs').selectAll().where('kind', '=', 'test.tick').execute();
    assert.ok(rows.length >= 4 && rows.length <= 7, `${rows.length} slots`);
    assert.equal(new Set(rows.map((r) => r.unique_key)).size, rows.length);
    assert.equal(runs.length, rows.filter((r) => r.status === 'done').length);
    assert.equal(new Set(runs).size, runs.length, 'no slot ran twice');
    assert.throws(() => a.scheduleEvery('test.unknown', 100), /no handler/);
  });

  it('computes an exponential, capped, jittered delay', () => {
    assert.equal(retryDelayMs(1, 1000, 60_000, () => 0), 500);
    assert.equal(retryDelayMs(1, 1000, 60_000, () => 1), 1000);
    assert.equal(retryDelayMs(4, 1000, 60_000, () => 1), 8000);
    assert.equal(retryDelayMs(20, 1000, 60_000, () => 1), 60_000);
  });
});
