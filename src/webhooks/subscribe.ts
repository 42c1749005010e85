import type { AppContext } from '../platform/context.ts';
import { enqueueWebhookEvent } from './deliveries.service.ts';
import { WEBHOOK_EVENTS } from './webhook-events.ts';

/**
 * Follows the events endpoints can subscribe to and queues their deliveries. Events are published after the
 * publisher's commit, so this runs in its own transaction; the HTTP calls happen later, in jobs.
 */
export function subscribeWebhooks(ctx: AppContext): void {
  for (const type of WEBHOOK_EVENTS) {
    ctx.events.on(type, async (payload) => {
      await enqueueWebhookEvent(ctx, type, payload);
    });
  }
}
