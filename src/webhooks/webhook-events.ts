import type { DomainEvents } from '../platform/events/event-bus.ts';

/** The domain events a webhook endpoint can subscribe to. */
export const WEBHOOK_EVENTS = ['order.created', 'order.paid', 'order.shipped', 'order.delivered', 'inventory.low'] as const satisfies readonly (keyof DomainEvents)[];
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** Domain payloads use camelCase; the public JSON (like the rest of the API) uses snake_case. */
export function toWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), toWire(v)]));
  }
  return value;
}
