// The one cache of catalogue reads (search results, product details) for a running shop. Every catalogue event
// — products changed or deleted (prices, text, reviews, stock), taxonomy changed — empties it, here and, through
// Redis, in every other process; see read-cache.ts for why that is exact.
import type { AppContext } from '../context.ts';
import { ReadCache } from './read-cache.ts';

// One cache per open database (contexts are often copied with `{ ...ctx }`, so the context itself is no key).
const caches = new WeakMap<object, ReadCache>();

export function catalogCache(ctx: AppContext): ReadCache {
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new ReadCache({ maxEntries: 5000, ttlMs: 60_000 });
    caches.set(ctx.db, cache);
  }
  return cache;
}

export function subscribeCatalogCache(ctx: AppContext): void {
  const invalidate = () => catalogCache(ctx).invalidate();
  ctx.events.on('catalog.products_changed', invalidate);
  ctx.events.on('catalog.products_deleted', invalidate);
  ctx.events.on('catalog.taxonomy_changed', invalidate);
}

/** A cache key for a plain parameters object: the same parameters in any key order give the same key. */
export function cacheKey(kind: string, params: object): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]))
      : value;
  return `${kind}:${JSON.stringify(sorted(params))}`;
}
