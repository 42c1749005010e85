import type { FastifyBaseLogger } from 'fastify';

/**
 * Domain events, published by a service after its transaction commits. Other modules follow them
 * (search re-indexes on catalogue changes) instead of being called by the publisher.
 * Add an event here with the module that publishes it.
 */
export interface DomainEvents {
  /** Products whose searchable or listable data changed (text, prices, attributes, status, reviews, stock). */
  'catalog.products_changed': { productIds: number[] };
  /** Products deleted from the catalogue. */
  'catalog.products_deleted': { productIds: number[] };
  /** Categories, brands or attributes changed: names and facets may need rebuilding. */
  'catalog.taxonomy_changed': Record<string, never>;
  /** Variants whose available stock just fell to or under their low-stock threshold (published by inventory). */
  'inventory.low': { items: Array<{ variantId: number; available: number; status: 'low_stock' | 'out_of_stock' }> };
  /** An order was placed (published by orders after its transaction commits; webhooks follow the order.* events). */
  'order.created': { orderId: number; number: string };
  /** An order's payment was confirmed. */
  'order.paid': { orderId: number; number: string };
  /** An order (or part of it) left the warehouse. */
  'order.shipped': { orderId: number; number: string };
  /** An order reached the customer. */
  'order.delivered': { orderId: number; number: string };
  /** An order was cancelled (its held stock is released). */
  'order.cancelled': { orderId: number; number: string };
  /** An order was refunded. */
  'order.refunded': { orderId: number; number: string };
}

type Handler<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => Promise<void> | void;

export class EventBus {
  private handlers = new Map<keyof DomainEvents, Handler<any>[]>();

  constructor(private readonly log?: FastifyBaseLogger) {}

  on<K extends keyof DomainEvents>(name: K, handler: Handler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler);
    this.handlers.set(name, list);
  }

  /**
   * Runs every handler in order and waits for them, so a write's effects (such as the search index) are
   * visible when the request that made it returns. A failing handler is logged and does not stop the others.
   */
  async publish<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        await handler(payload);
      } catch (err) {
        this.log?.error({ err, event: name }, 'event handler failed');
      }
    }
  }
}
