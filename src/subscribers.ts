// Who follows which domain events. Each module exposes a subscribe(ctx) that registers its handlers.
import type { AppContext } from './platform/context.ts';
import { subscribeSearch } from './search/index.ts';
import { subscribeWebhooks } from './webhooks/index.ts';

export const subscribers: Array<(ctx: AppContext) => void> = [subscribeSearch, subscribeWebhooks];
