// Who follows which domain events. Each module exposes a subscribe(ctx) that registers its handlers.
// Order matters: handlers run in turn, and the catalogue cache must empty only after the search index is up to date.
import type { AppContext } from './platform/context.ts';
import { subscribeCatalogCache } from './platform/cache/catalog-cache.ts';
import { subscribeSearch } from './search/index.ts';
import { subscribeWebhooks } from './webhooks/index.ts';

export const subscribers: Array<(ctx: AppContext) => void> = [subscribeSearch, subscribeCatalogCache, subscribeWebhooks];
