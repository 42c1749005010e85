// The one cache of catalogue reads (search results, product details) for a running shop. Every catalogue event
// — products changed or deleted (prices, text, reviews, stock), taxonomy changed — empties it, here and, through
// Redis, in every other process; see read-cache.ts for why that is exact.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { onAdminWrite } from '../http/admin-writes.ts';
import { redisClient, redisKey } from '../redis.ts';
import { ReadCache } from './read-cache.ts';

// One cache per open database (contexts are often copied with `{ ...ctx }`, so the context itself is no key).
const caches = new WeakMap<object, ReadCache>();

export function catalogCache(ctx: AppContext): ReadCache {
  let cache = caches.get(ctx.db);
  if (!cache) {
    const client = redisClient(ctx);
    // A subscribed connection can run no other command, so pub/sub gets its own, closed with the main one.
    const subscriber = client?.duplicate() ?? null;
    if (client && subscriber) {
      client.once('end', () => subscriber.disconnect());
      subscriber.on('error', () => undefined); // the main connection already logs Redis errors
    }
    cache = new ReadCache({
      maxEntries: 5000,
      ttlMs: 60_000,
      shared: client && subscriber ? { client, subscriber, prefix: redisKey(ctx, 'cache:') } : null,
    });
    caches.set(ctx.db, cache);
    void cache.start((err) => ctx.log.error({ err }, 'catalogue cache: cannot join Redis, caching off'));
  }
  return cache;
}

export function subscribeCatalogCache(ctx: AppContext): void {
  const invalidate = () => catalogCache(ctx).invalidate();
  ctx.events.on('catalog.products_changed', invalidate);
  ctx.events.on('catalog.products_deleted', invalidate);
  ctx.events.on('catalog.taxonomy_changed', invalidate);
}

/**
 * Pages also show what staff edit outside the catalogue (news and pages, delivery and payment settings), and those
 * services publish no events. So every successful staff write empties the cache before its answer is sent: a page
 * opened after saving shows the change. Must be called before the modules add their routes (see onAdminWrite).
 */
export function invalidateOnStaffWrites(app: FastifyInstance, ctx: AppContext): void {
  onAdminWrite(app, async (_request, reply, payload) => {
    if (reply.statusCode < 400) await catalogCache(ctx).invalidate();
    return payload;
  });
}

/** A cache key for a plain parameters object: the same parameters in any key order give the same key. */
export function cacheKey(kind: string, params: object): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]))
      : value;
  return `${kind}:${JSON.stringify(sorted(params))}`;
}
