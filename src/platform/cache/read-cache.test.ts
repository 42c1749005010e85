import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { ReadCache } from './read-cache.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('read cache', () => {
  it('loads once for concurrent misses and serves hits without loading', async () => {
    const cache = new ReadCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { n: 1 };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', load)));
    assert.equal(loads, 1);
    assert.ok(answers.every((a) => a.n === 1));
    await cache.get('k', load);
    assert.equal(loads, 1);
  });

  it('never serves an answer from before an invalidation, even one still loading when it happened', async () => {
    const cache = new ReadCache();
    const slow = deferred<string>();
    const pending = cache.get('price', () => slow.promise);
    await cache.invalidate(); // a write lands while the old read is in flight
    slow.resolve('old price');
    assert.equal(await pending, 'old price'); // its own caller gets what it read…
    assert.equal(await cache.get('price', async () => 'new price'), 'new price'); // …but nobody after it
    assert.equal(await cache.get('price', async () => 'newer'), 'new price');
    await cache.invalidate();
    assert.equal(await cache.get('price', async () => 'newest'), 'newest');
  });

  it('drops the least recently used entry past its size, and expires entries after the TTL', async () => {
    let now = 0;
    const cache = new ReadCache({ maxEntries: 2, ttlMs: 1000, now: () => now });
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    await cache.get('a', async () => -1); // touch a: b is now the oldest
    await cache.get('c', async () => 3);
    assert.equal(cache.size, 2);
    assert.equal(await cache.get('a', async () => -1), 1);
    assert.equal(await cache.get('b', async () => 22), 22);
    now = 5000;
    assert.equal(await cache.get('b', async () => 222), 222);
  });

  it('does not cache a failed load', async () => {
    const cache = new ReadCache();
    await assert.rejects(cache.get('x', async () => { throw new Error('db down'); }));
    assert.equal(await cache.get('x', async () => 'ok'), 'ok');
  });

  it('steps aside when Redis cannot be joined: every read loads, nothing stale is served', async () => {
    const down = () => {
      const r = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
      r.on('error', () => undefined);
      return r;
    };
    const errors: unknown[] = [];
    const cache = new ReadCache({ shared: { client: down(), subscriber: down() } });
    await cache.start((err) => errors.push(err));
    assert.equal(errors.length, 1);
    let loads = 0;
    await cache.get('k', async () => ++loads);
    assert.equal(await cache.get('k', async () => ++loads), 2);
    await cache.invalidate(); // must not throw
  });

  describe('shared through Redis', () => {
    const connections: Redis[] = [];
    const connect = () => {
      const r = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
      connections.push(r);
      return r;
    };
    after(async () => {
      await Promise.all(connections.map((c) => c.quit()));
    });

    it('an invalidation in one process reaches the other within a second, and entries are shared', async () => {
      const prefix = `pasar:test:${crypto.randomBytes(4).toString('hex')}:`;
      const one = new ReadCache({ shared: { client: connect(), subscriber: connect(), prefix } });
      const two = new ReadCache({ shared: { client: connect(), subscriber: connect(), prefix } });
      await one.start();
      await two.start();

      let loads = 0;
      const load = async () => `v${++loads}`;
      assert.equal(await one.get('product:1', load), 'v1');
      assert.equal(await two.get('product:1', load), 'v1', 'the second process takes the first one’s entry from Redis');
      assert.equal(loads, 1);

      await one.invalidate();
      const deadline = Date.now() + 1000;
      let seen = await two.get('product:1', load);
      while (seen === 'v1' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
        seen = await two.get('product:1', load);
      }
      assert.equal(seen, 'v2', 'the other process stopped serving the old entry within a second');

      const cleanup = connections[0]!;
      const keys = await cleanup.keys(`${prefix}*`);
      if (keys.length) await cleanup.del(...keys);
    });
  });
});
