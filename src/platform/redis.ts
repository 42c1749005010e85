// The shop's Redis connection, when REDIS_URL is set: what several app processes share (sign-in throttling, cache
// generations). Created on first use, one per context, and closed with the app (closeRedis).
import { Redis } from 'ioredis';
import type { AppContext } from './context.ts';

const clients = new WeakMap<AppContext['config'], Redis>();

/**
 * The Redis client for this shop, or null when REDIS_URL is not configured. Commands fail fast (one retry) while
 * Redis is unreachable instead of queueing for ever, so callers can fall back to their in-process state.
 */
export function redisClient(ctx: Pick<AppContext, 'config' | 'log'>): Redis | null {
  const url = ctx.config.redisUrl;
  if (!url) return null;
  let client = clients.get(ctx.config);
  if (!client) {
    client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: true, lazyConnect: false });
    // Without a listener an unreachable server would be an unhandled 'error' event; reconnects happen on their own.
    let lastWarned = 0;
    client.on('error', (err: Error) => {
      if (Date.now() - lastWarned > 60_000) {
        lastWarned = Date.now();
        ctx.log.warn({ err: err.message }, 'redis connection error');
      }
    });
    clients.set(ctx.config, client);
  }
  return client;
}

/** A key under this shop's REDIS_PREFIX. */
export const redisKey = (ctx: Pick<AppContext, 'config'>, ...parts: string[]) => `${ctx.config.redisPrefix}${parts.join(':')}`;

/** Closes this shop's Redis connection, if one was opened (the app's onClose hook calls it). */
export async function closeRedis(ctx: Pick<AppContext, 'config'>): Promise<void> {
  const client = clients.get(ctx.config);
  if (!client) return;
  clients.delete(ctx.config);
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
