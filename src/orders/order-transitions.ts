/**
 * The order state machine. Each action moves an order from one of its allowed states to the next with a conditional
 * UPDATE (two staff clicking at once change it once), adds a timeline event and queues the customer's email in the
 * same transaction; after the commit, stock follows (released on cancel, taken out on shipment) and the domain event
 * is published for webhooks.
 *
 *   pending_payment → paid → packed → shipped → delivered → returned → refunded
 *   cash on delivery: pending_payment → packed (paid at the door)
 *   cancelled from pending_payment, paid or packed; refunded from paid, packed, delivered or returned
 */
import type { Transaction } from 'kysely';
import { commitReservations, releaseReservations } from '../inventory/index.ts';
import type { CurrencyCode, Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import type { DomainEvents } from '../platform/events/event-bus.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { enqueueMail, type OrderMailInput, type OrderMailTemplate } from '../platform/mail/index.ts';
import { trackingUrl } from '../shipping/index.ts';
import { storedTotals, type NewOrder, type NewOrderLine, type OrderAddress, type OrderShipping } from './orders.service.ts';
import type { OrderStatus } from './orders.table.ts';

export const ORDER_ACTIONS = ['confirm_payment', 'pack', 'ship', 'deliver', 'cancel', 'accept_return', 'refund'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

interface Rule { from: OrderStatus[]; codFrom?: OrderStatus[]; to: OrderStatus; mail?: OrderMailTemplate; event?: keyof DomainEvents }

const RULES: Record<OrderAction, Rule> = {
  confirm_payment: { from: ['pending_payment'], to: 'paid', mail: 'payment_received', event: 'order.paid' },
  pack: { from: ['paid'], codFrom: ['pending_payment', 'paid'], to: 'packed' },
  ship: { from: ['packed'], to: 'shipped', mail: 'order_shipped', event: 'order.shipped' },
  deliver: { from: ['shipped'], to: 'delivered', mail: 'order_delivered', event: 'order.delivered' },
  cancel: { from: ['pending_payment', 'paid', 'packed'], to: 'cancelled', mail: 'order_cancelled', event: 'order.cancelled' },
  accept_return: { from: ['delivered'], to: 'returned' },
  refund: { from: ['paid', 'packed', 'delivered', 'returned'], to: 'refunded', mail: 'order_refunded', event: 'order.refunded' },
};

export interface ActionInput {
  actor: string;
  note?: string | null;
  /** For ship: the carrier (from the shipping set-up) or a name, and the tracking number. */
  carrier_id?: number | null;
  carrier_name?: string | null;
  tracking_number?: string | null;
}

/** What an order's emails show, from the order as it was placed (NewOrder) or as it is stored. */
type MailSource = Pick<NewOrder, 'email' | 'locale' | 'currency' | 'totals'> & {
  number: string;
  lines: Array<Pick<NewOrderLine, 'name' | 'options' | 'quantity' | 'unit_price' | 'line_total'>>;
  shipping_address: Pick<OrderAddress, 'name'>;
  shipping: Pick<OrderShipping, 'delivery_earliest' | 'delivery_latest'>;
};

function mailFor(order: MailSource): OrderMailInput {
  const t = order.totals;
  return {
    orderNumber: order.number,
    customerName: order.shipping_address.name,
    email: order.email,
    locale: order.locale as Locale,
    currency: order.currency as CurrencyCode,
    lines: order.lines.map((l) => ({ name: l.name, variant: l.options || undefined, quantity: l.quantity, unitPrice: l.unit_price, total: l.line_total })),
    totals: { subtotal: t.subtotal, shipping: t.shipping, tax: t.tax, discount: t.discount, total: t.total, taxIncluded: t.tax_included },
    delivery: { earliest: order.shipping.delivery_earliest, latest: order.shipping.delivery_latest },
  };
}

async function mailInput(trx: Transaction<Database>, orderId: number): Promise<OrderMailInput> {
  const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  const lines = await trx.selectFrom('order_lines').select(['name', 'options', 'quantity', 'unit_price', 'line_total']).where('order_id', '=', orderId).orderBy('id').execute();
  return mailFor({
    ...order,
    shipping_address: JSON.parse(order.shipping_address),
    shipping: JSON.parse(order.shipping),
    lines: lines.map((l) => ({ ...l, unit_price: Number(l.unit_price), line_total: Number(l.line_total) })),
    totals: storedTotals(order),
  });
}

/**
 * Queues the order confirmation inside the checkout transaction: the order and its email commit together. Made from
 * the order being placed, which is what was just written, so the transaction does not read it back.
 */
export async function queueConfirmationMail(trx: Transaction<Database>, number: string, order: NewOrder): Promise<void> {
  await enqueueMail(trx, 'order_confirmation', mailFor({ ...order, number }), { uniqueKey: `mail:order_confirmation:${number}` });
}

export async function applyOrderAction(ctx: AppContext, orderId: number, action: OrderAction, input: ActionInput): Promise<OrderStatus> {
  const rule = RULES[action];
  const order = await ctx.db.kysely.selectFrom('orders').select(['id', 'number', 'status', 'payment_method']).where('id', '=', orderId).executeTakeFirst();
  if (!order) throw notFound('Order', { order_id: orderId });
  const from = order.payment_method === 'cod' && rule.codFrom ? rule.codFrom : rule.from;
  if (action === 'ship' && !input.tracking_number) throw new AppError(400, 'tracking_required', 'Shipping needs a tracking number');

  let shipment: OrderMailInput['shipment'];
  if (action === 'ship') {
    const carrier = input.carrier_id
      ? await ctx.db.kysely.selectFrom('shipping_carriers').select(['id', 'name']).where('id', '=', input.carrier_id).executeTakeFirst()
      : undefined;
    if (input.carrier_id && !carrier) throw new AppError(400, 'unknown_carrier', 'No such carrier');
    shipment = {
      carrier: carrier?.name ?? input.carrier_name ?? '',
      trackingNumber: input.tracking_number!,
      trackingUrl: carrier ? await trackingUrl(ctx, carrier.id, input.tracking_number!) : null,
    };
  }

  await ctx.db.kysely.transaction().execute(async (trx) => {
    const changed = await trx.updateTable('orders').set({ status: rule.to, updated_at: new Date().toISOString() })
      .where('id', '=', orderId).where('status', 'in', from)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) {
      throw new AppError(409, 'invalid_transition', `An order that is ${order.status.replace('_', ' ')} cannot be ${action.replace('_', ' ')}ed`, { status: order.status, action });
    }
    const note = shipment ? JSON.stringify({ ...shipment, note: input.note ?? null }) : input.note ?? null;
    await trx.insertInto('order_events').values({ order_id: orderId, type: action, from_status: order.status, to_status: rule.to, note, actor: input.actor }).execute();
    if (rule.mail) {
      const mail = await mailInput(trx, orderId);
      await enqueueMail(trx, rule.mail, { ...mail, shipment, reason: action === 'cancel' ? input.note ?? undefined : undefined, refundAmount: action === 'refund' ? mail.totals.total : undefined }, { uniqueKey: `mail:${rule.mail}:${order.number}` });
    }
  });

  const reference = `order:${order.number}`;
  if (action === 'cancel') await releaseReservations(ctx, reference);
  if (action === 'ship') await commitReservations(ctx, reference);
  if (rule.event) await ctx.events.publish(rule.event as 'order.paid', { orderId, number: order.number });
  return rule.to;
}
