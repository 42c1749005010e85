// Orders: written once at checkout (inside its transaction), read by staff and by the customer who placed them.
import type { Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import type { OrdersTable, OrderStatus } from './orders.table.ts';
import { queueConfirmationMail } from './order-transitions.ts';

export interface OrderAddress { name: string; line1: string; line2?: string | null; city: string; region: string; postal_code: string; country: string; phone: string }
export interface NewOrderLine { variant_id: number; product_id: number; sku: string; name: string; options: string; quantity: number; unit_price: number; line_total: number; tax_class: string; weight_grams: number }
export interface OrderShipping { option_id: string; name: string; carrier_id: number | null; price: number; delivery_earliest: string; delivery_latest: string }
export interface OrderTotals { subtotal: number; discount: number; shipping: number; tax: number; tax_included: boolean; total: number }
export interface OrderAdjustment { stage: string; code: string; label: string; amount: number; included: boolean; line_id: number | null }

export interface NewOrder {
  cart_id: string | null;
  email: string;
  locale: string;
  currency: string;
  customer_id: number | null;
  shipping_address: OrderAddress;
  shipping: OrderShipping;
  payment_method: 'cod' | 'bank_transfer' | 'qr' | 'card';
  lines: NewOrderLine[];
  adjustments: OrderAdjustment[];
  totals: OrderTotals;
}

export interface OrderView {
  id: number;
  number: string;
  status: OrderStatus;
  payment_method: string;
  email: string;
  locale: string;
  currency: string;
  shipping_address: OrderAddress;
  shipping: OrderShipping;
  lines: Array<Omit<NewOrderLine, 'tax_class' | 'weight_grams'>>;
  adjustments: OrderAdjustment[];
  totals: OrderTotals;
  timeline: Array<{ type: string; from_status: string | null; to_status: string | null; note: string | null; created_at: string }>;
  created_at: string;
}

/**
 * Every order starts unpaid. Cash on delivery is paid at the door, so staff may pack a COD order while it is still
 * pending payment (the state machine, with the admin actions, comes next); the others wait for the money first.
 */
export function initialStatus(_method: NewOrder['payment_method']): OrderStatus {
  return 'pending_payment';
}

/**
 * Inserts the order, its lines and its first timeline event inside the caller's transaction. The number comes from
 * a counter row bumped with one UPDATE … RETURNING: unique and gap-free per committed order on both databases.
 */
export async function insertOrder(trx: Transaction<Database>, input: NewOrder): Promise<OrderView> {
  const counter = await trx.updateTable('order_counters').set({ value: sql`value + 1` }).where('name', '=', 'order_number').returning('value').executeTakeFirstOrThrow();
  const number = `PSR-${counter.value}`;
  const status = initialStatus(input.payment_method);
  const order = await trx.insertInto('orders').values({
    number, status, payment_method: input.payment_method, cart_id: input.cart_id, customer_id: input.customer_id,
    email: input.email, locale: input.locale, currency: input.currency,
    shipping_address: JSON.stringify(input.shipping_address), shipping: JSON.stringify(input.shipping), adjustments: JSON.stringify(input.adjustments),
    subtotal: input.totals.subtotal, discount_total: input.totals.discount, shipping_total: input.totals.shipping,
    tax_total: input.totals.tax, tax_included: input.totals.tax_included ? 1 : 0, total: input.totals.total,
  }).returning(['id', 'created_at']).executeTakeFirstOrThrow();
  await trx.insertInto('order_lines').values(input.lines.map((l) => ({ order_id: order.id, ...l }))).execute();
  const placed = { type: 'placed', from_status: null, to_status: status, note: null };
  const event = await trx.insertInto('order_events').values({ order_id: order.id, ...placed, actor: 'customer' }).returning('created_at').executeTakeFirstOrThrow();
  await queueConfirmationMail(trx, number, input);
  // What getOrder would read back, made from what was just written (the checkout answers with it).
  return {
    id: order.id, number, status, payment_method: input.payment_method, email: input.email, locale: input.locale, currency: input.currency,
    shipping_address: input.shipping_address, shipping: input.shipping,
    lines: input.lines.map(({ tax_class: _t, weight_grams: _w, ...line }) => line),
    adjustments: input.adjustments, totals: input.totals,
    timeline: [{ ...placed, created_at: event.created_at }],
    created_at: order.created_at,
  };
}

/** After the checkout transaction commits: tells the rest of the shop (webhooks, emails, analytics). */
export async function announceOrderCreated(ctx: AppContext, order: { id: number; number: string }): Promise<void> {
  await ctx.events.publish('order.created', { orderId: order.id, number: order.number });
}

type StoredTotals = Pick<Selectable<OrdersTable>, 'subtotal' | 'discount_total' | 'shipping_total' | 'tax_total' | 'tax_included' | 'total'>;

/** An order row's totals as the services show them (PostgreSQL may hand back numeric columns as strings). */
export function storedTotals(row: StoredTotals): OrderTotals {
  return {
    subtotal: Number(row.subtotal), discount: Number(row.discount_total), shipping: Number(row.shipping_total),
    tax: Number(row.tax_total), tax_included: row.tax_included === 1, total: Number(row.total),
  };
}

async function view(ctx: AppContext, where: { id: number } | { number: string }): Promise<OrderView | null> {
  const db = ctx.db.kysely;
  const row = 'id' in where
    ? await db.selectFrom('orders').selectAll().where('id', '=', where.id).executeTakeFirst()
    : await db.selectFrom('orders').selectAll().where('number', '=', where.number).executeTakeFirst();
  if (!row) return null;
  const [lines, events] = await Promise.all([
    db.selectFrom('order_lines').select(['variant_id', 'product_id', 'sku', 'name', 'options', 'quantity', 'unit_price', 'line_total']).where('order_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('order_events').select(['type', 'from_status', 'to_status', 'note', 'created_at']).where('order_id', '=', row.id).orderBy('id').execute(),
  ]);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    payment_method: row.payment_method,
    email: row.email,
    locale: row.locale,
    currency: row.currency,
    shipping_address: JSON.parse(row.shipping_address),
    shipping: JSON.parse(row.shipping),
    lines: lines.map((l) => ({ ...l, unit_price: Number(l.unit_price), line_total: Number(l.line_total) })),
    adjustments: JSON.parse(row.adjustments),
    totals: storedTotals(row),
    timeline: events,
    created_at: row.created_at,
  };
}

export function getOrder(ctx: AppContext, id: number): Promise<OrderView | null> {
  return view(ctx, { id });
}

/** The order only when the email matches (case-insensitive): a number alone reveals nothing. */
export async function getOrderByNumber(ctx: AppContext, number: string, email: string): Promise<OrderView | null> {
  const order = await view(ctx, { number });
  return order && order.email.toLowerCase() === email.trim().toLowerCase() ? order : null;
}

export interface OrderListItem { id: number; number: string; status: string; email: string; name: string; total: number; currency: string; payment_method: string; created_at: string }

/** Orders for the back office, newest first; `q` matches the number, the email or the customer's name. */
export async function listOrders(ctx: AppContext, query: { status?: string; q?: string; page: number; per_page: number }) {
  let base = ctx.db.kysely.selectFrom('orders');
  if (query.status) base = base.where('status', '=', query.status as OrderStatus);
  if (query.q) {
    const like = `%${query.q.trim().toLowerCase()}%`;
    base = base.where((eb) => eb.or([
      eb(eb.fn('lower', ['number']), 'like', like),
      eb('email', 'like', like),
      eb(eb.fn('lower', ['shipping_address']), 'like', like),
    ]));
  }
  const [rows, count] = await Promise.all([
    base.select(['id', 'number', 'status', 'email', 'shipping_address', 'total', 'currency', 'payment_method', 'created_at'])
      .orderBy('id', 'desc').limit(query.per_page).offset((query.page - 1) * query.per_page).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items: OrderListItem[] = rows.map((r) => ({
    id: r.id, number: r.number, status: r.status, email: r.email, name: (JSON.parse(r.shipping_address) as { name: string }).name,
    total: Number(r.total), currency: r.currency, payment_method: r.payment_method, created_at: r.created_at,
  }));
  return { items, total: Number(count.n), page: query.page, per_page: query.per_page };
}
