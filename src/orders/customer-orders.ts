// Orders seen from a customer account: attaching guest orders once the account owns their email, the order history
// and one order with its tracking, the data export, and anonymising orders when the account is erased.
import type { Transaction } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { getOrder, type OrderAddress, type OrderView } from './orders.service.ts';
import type { OrderStatus } from './orders.table.ts';

export interface CustomerOrderSummary {
  number: string;
  status: OrderStatus;
  total: number;
  currency: string;
  item_count: number;
  created_at: string;
}

export interface OrderTracking { carrier: string; tracking_number: string; tracking_url: string | null; shipped_at: string }
export type CustomerOrderView = Omit<OrderView, 'id'> & { tracking: OrderTracking[] };

/**
 * Gives the customer the orders that are theirs but not yet attached: orders placed with `email` (only pass it once
 * the customer has proved they own it) and orders from carts the customer held (`cartIds`). Orders of another
 * customer are never moved. Returns how many were attached.
 */
export async function attachOrdersToCustomer(ctx: AppContext, customerId: number, from: { email?: string | null; cartIds?: string[] }): Promise<number> {
  const email = from.email?.trim().toLowerCase() || null;
  const cartIds = (from.cartIds ?? []).slice(0, 500);
  if (!email && cartIds.length === 0) return 0;
  const result = await ctx.db.kysely.updateTable('orders')
    .set({ customer_id: customerId, updated_at: new Date().toISOString() })
    .where('customer_id', 'is', null)
    .where((eb) => eb.or([
      ...(email ? [eb('email', '=', email)] : []),
      ...(cartIds.length > 0 ? [eb('cart_id', 'in', cartIds)] : []),
    ]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The customer's orders, newest first. Two queries whatever the page size. */
export async function listCustomerOrders(ctx: AppContext, customerId: number, query: { page: number; per_page: number }) {
  const db = ctx.db.kysely;
  const [rows, count] = await Promise.all([
    db.selectFrom('orders').select(['id', 'number', 'status', 'total', 'currency', 'created_at'])
      .where('customer_id', '=', customerId).orderBy('id', 'desc').limit(query.per_page).offset((query.page - 1) * query.per_page).execute(),
    db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const counts = ids.length === 0 ? [] : await db.selectFrom('order_lines').select(['order_id', (eb) => eb.fn.sum<number>('quantity').as('n')])
    .where('order_id', 'in', ids).groupBy('order_id').execute();
  const countOf = new Map(counts.map((c) => [c.order_id, Number(c.n)]));
  const items: CustomerOrderSummary[] = rows.map((r) => ({
    number: r.number, status: r.status, total: Number(r.total), currency: r.currency, item_count: countOf.get(r.id) ?? 0, created_at: r.created_at,
  }));
  return { items, total: Number(count.n), page: query.page, per_page: query.per_page };
}

/** Shipments recorded on the timeline ('ship' events carry carrier, tracking number and link as JSON). */
function trackingOf(timeline: OrderView['timeline']): OrderTracking[] {
  const out: OrderTracking[] = [];
  for (const e of timeline) {
    if (e.type !== 'ship' || !e.note) continue;
    try {
      const s = JSON.parse(e.note) as { carrier?: string; trackingNumber?: string; trackingUrl?: string | null };
      if (s.trackingNumber) out.push({ carrier: s.carrier ?? '', tracking_number: s.trackingNumber, tracking_url: s.trackingUrl ?? null, shipped_at: e.created_at });
    } catch {
      // a note that is not a shipment record
    }
  }
  return out;
}

/** One of the customer's orders by number, with its tracking; null when it is not theirs (or does not exist). */
export async function getCustomerOrder(ctx: AppContext, customerId: number, number: string): Promise<CustomerOrderView | null> {
  const row = await ctx.db.kysely.selectFrom('orders').select('id').where('number', '=', number).where('customer_id', '=', customerId).executeTakeFirst();
  if (!row) return null;
  const order = await getOrder(ctx, row.id);
  if (!order) return null;
  const { id: _id, ...visible } = order;
  // Staff notes on the timeline (a cancellation reason, a shipment record) are shown as what they are, not raw.
  return { ...visible, timeline: visible.timeline.map((e) => ({ ...e, note: e.type === 'ship' ? null : e.note })), tracking: trackingOf(order.timeline) };
}

export interface ExportedOrder {
  number: string; status: string; payment_method: string; email: string; locale: string; currency: string;
  shipping_address: OrderAddress; shipping: unknown; totals: { subtotal: number; discount: number; shipping: number; tax: number; total: number };
  lines: Array<{ sku: string; name: string; options: string; quantity: number; unit_price: number; line_total: number }>;
  created_at: string;
}

/** Every order of the customer with its lines, for the data export. Two queries. */
export async function exportCustomerOrders(ctx: AppContext, customerId: number): Promise<ExportedOrder[]> {
  const db = ctx.db.kysely;
  const orders = await db.selectFrom('orders').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();
  if (orders.length === 0) return [];
  const lines = await db.selectFrom('order_lines').select(['order_id', 'sku', 'name', 'options', 'quantity', 'unit_price', 'line_total'])
    .where('order_id', 'in', orders.map((o) => o.id)).orderBy('id').execute();
  return orders.map((o) => ({
    number: o.number, status: o.status, payment_method: o.payment_method, email: o.email, locale: o.locale, currency: o.currency,
    shipping_address: JSON.parse(o.shipping_address), shipping: JSON.parse(o.shipping),
    totals: { subtotal: Number(o.subtotal), discount: Number(o.discount_total), shipping: Number(o.shipping_total), tax: Number(o.tax_total), total: Number(o.total) },
    lines: lines.filter((l) => l.order_id === o.id).map(({ order_id: _o, ...l }) => ({ ...l, unit_price: Number(l.unit_price), line_total: Number(l.line_total) })),
    created_at: o.created_at,
  }));
}

export const ERASED_NAME = 'Erased customer';

/** Orders rewritten by one UPDATE on erasure (three bound values each, well under SQLite's and PostgreSQL's limits). */
const ANONYMISE_CHUNK = 1000;

/** An order's shipping address (JSON) with the person taken out; region and country stay. */
function anonymisedAddress(shippingAddress: string): string {
  const old = JSON.parse(shippingAddress) as Partial<OrderAddress>;
  const address: OrderAddress = { name: ERASED_NAME, line1: '-', line2: null, city: '-', region: old.region ?? '-', postal_code: '-', country: old.country ?? '-', phone: '-' };
  return JSON.stringify(address);
}

/**
 * Erasure: the customer's orders stay (the shop must keep them for its accounts) but lose what identifies the
 * person: name, street, phone, postal code and email are replaced. Country and region stay, as tax reports need
 * them. Runs inside the erasure's transaction; returns the carts those orders came from, so they can be cleared too.
 */
export async function anonymiseCustomerOrders(trx: Transaction<Database>, customerId: number, replacementEmail: string): Promise<{ count: number; cartIds: string[] }> {
  const orders = await trx.selectFrom('orders').select(['id', 'cart_id', 'shipping_address']).where('customer_id', '=', customerId).execute();
  const now = new Date().toISOString();
  // One UPDATE per chunk of orders (one for any customer with up to ANONYMISE_CHUNK orders): the address, which
  // keeps each order's own region and country, is chosen per order id with a CASE.
  for (let i = 0; i < orders.length; i += ANONYMISE_CHUNK) {
    const chunk = orders.slice(i, i + ANONYMISE_CHUNK);
    await trx.updateTable('orders')
      .set((eb) => {
        let address = eb.case('id').when(chunk[0].id).then(anonymisedAddress(chunk[0].shipping_address));
        for (const o of chunk.slice(1)) address = address.when(o.id).then(anonymisedAddress(o.shipping_address));
        return { email: replacementEmail, shipping_address: address.else(eb.ref('shipping_address')).end(), updated_at: now };
      })
      .where('id', 'in', chunk.map((o) => o.id))
      .execute();
  }
  return { count: orders.length, cartIds: orders.map((o) => o.cart_id).filter((c): c is string => c !== null) };
}
