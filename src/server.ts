import type { Logger } from 'pino';
import { loadConfig, type Config } from './platform/config.ts';
import { openDatabase, type OpenOptions } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrations.ts';
import { closeRedis } from './platform/redis.ts';
import { EventBus } from './platform/events/event-bus.ts';
import { buildApp, type App } from './platform/http/app.ts';
import { createLogger } from './platform/logger.ts';
import type { AppContext } from './platform/context.ts';
import { modules } from './modules.ts';
import { subscribers } from './subscribers.ts';
import { renderNotFound } from './storefront/not-found.ts';

/** Opens the database and wires the event subscribers: everything a command or the server needs. */
export async function createContext(config: Config = loadConfig(), options: OpenOptions & { log?: Logger } = {}): Promise<AppContext> {
  const log = options.log ?? createLogger(config.logLevel);
  const opened = openDatabase(config.database, { onConnectionError: (err) => log.warn({ err }, 'database connection lost; the pool reconnects'), ...options });
  const events = new EventBus(log);
  // Closing the database ends the context: the Redis connections opened on its behalf (cache, throttling) close
  // too, so a command such as `pasar seed` exits when its work is done.
  const db = { ...opened, destroy: async () => { await opened.destroy(); await closeRedis({ config }); } };
  const ctx: AppContext = { config, db, events, log };
  for (const subscribe of subscribers) subscribe(ctx);
  return ctx;
}

export async function createServer(ctx: AppContext): Promise<App> {
  await migrateToLatest(ctx.db);
  return buildApp(ctx, { modules, renderNotFound });
}
