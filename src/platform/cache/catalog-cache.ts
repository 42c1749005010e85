// The one cache of catalogue reads (search results, product details) for a running shop. Every catalogue event
// — products changed or deleted (prices, text, reviews, stock), taxonomy changed — empties it, here and, through
// Redis, in every other process; see read-cache.ts for why that is exact.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
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
 * opened after saving shows the change. Added to each admin route that writes, as it is registered (so this must be
 * called before the modules add their routes); the store's routes and pages do not pay for it.
 */
export function invalidateOnStaffWrites(app: FastifyInstance, ctx: AppContext): void {
  const invalidate = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) await catalogCache(ctx).invalidate();
    return payload;
  };
  app.addHook('onRoute', (route) => {
    if (!/^\/(api\/)?admin(\/|$)/.test(route.url) || [route.method].flat().every((m) => m === 'GET' || m === 'HEAD')) return;
    route.onSend = [...[route.onSend ?? []].flat(), invalidate] as typeof route.onSend;
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
