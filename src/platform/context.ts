import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { EventBus } from './events/event-bus.ts';

/** What every module's service and routes receive: configuration, the database, the event bus, the logger. */
export interface AppContext {
  config: Config;
  db: Db;
  events: EventBus;
  log: FastifyBaseLogger;
}
