// Back-office pages for orders: the list with status filter and search, an order with its action buttons and
// timeline, and a printable packing slip. Every action is a small form post (CSRF-checked by the guard).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { adminPage, CSRF_FIELD, FormBodySchema, noticeFrom, redirectAfterPost, renderAdminPage, renderNotFoundPage } from '../../admin/index.ts';
import { CURRENCIES } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ORDER_STATUSES } from '../migrations/2026_11_25_0050_orders.ts';
import { applyOrderAction, ORDER_ACTIONS, type OrderAction } from '../order-transitions.ts';
import { getOrder, listOrders, type OrderView } from '../orders.service.ts';
import { auditChange } from '../../audit/index.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const money = (amount: number, currency: string) => {
  const digits = (CURRENCIES as Record<string, number>)[currency] ?? 2;
  return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits);
};
const ACTION_LABELS: Record<OrderAction, string> = {
  confirm_payment: 'Confirm payment', pack: 'Mark packed', ship: 'Ship', deliver: 'Mark delivered', cancel: 'Cancel order', accept_return: 'Accept return', refund: 'Refund',
};
/** Which buttons an order shows in each state (the state machine decides in the end). */
const ACTIONS_BY_STATUS: Record<string, OrderAction[]> = {
  pending_payment: ['confirm_payment', 'pack', 'cancel'],
  paid: ['pack', 'cancel', 'refund'],
  packed: ['ship', 'cancel', 'refund'],
  shipped: ['deliver'],
  delivered: ['accept_return', 'refund'],
  returned: ['refund'],
};

function OrderDetail({ order, csrf, carriers, error }: { order: OrderView; csrf: string; carriers: Array<{ id: number; name: string }>; error: string | null }) {
  const actions = (ACTIONS_BY_STATUS[order.status] ?? []).filter((a) => a !== 'pack' || order.payment_method === 'cod' || order.status === 'paid');
  const a = order.shipping_address;
  return (
    <>
      <h1>Order {order.number}</h1>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <p>Status: <strong data-testid="order-status">{order.status.replace('_', ' ')}</strong> · Payment: {order.payment_method.replace('_', ' ')} · <a href={`/admin/orders/${order.id}/packing-slip`}>Packing slip</a></p>
      <section aria-labelledby="actions">
        <h2 id="actions">Actions</h2>
        {actions.map((action) => (
          <form method="post" action={`/admin/orders/${order.id}/actions/${action}`} class="inline-form">
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            {action === 'ship' ? (
              <>
                <label for="carrier_id">Carrier</label>
                <select id="carrier_id" name="carrier_id">{carriers.map((c) => <option value={String(c.id)} selected={c.id === order.shipping.carrier_id}>{c.name}</option>)}</select>
                <label for="tracking_number">Tracking number</label>
                <input id="tracking_number" name="tracking_number" required maxLength={100} pattern="[A-Za-z0-9 ./_-]+" />
              </>
            ) : null}
            {action === 'cancel' ? <><label for="note">Reason</label><input id="note" name="note" maxLength={1000} /></> : null}
            <button type="submit">{ACTION_LABELS[action]}</button>
          </form>
        ))}
      </section>
      <section aria-labelledby="lines">
        <h2 id="lines">Items</h2>
        <table>
          <thead><tr><th scope="col">SKU</th><th scope="col">Item</th><th scope="col">Qty</th><th scope="col">Total</th></tr></thead>
          <tbody>{order.lines.map((l) => <tr><td>{l.sku}</td><td>{l.name}{l.options ? ` (${l.options})` : ''}</td><td>{l.quantity}</td><td>{money(l.line_total, order.currency)}</td></tr>)}</tbody>
        </table>
        <p>Delivery: {order.shipping.name} {money(order.totals.shipping, order.currency)} · Total <strong>{money(order.totals.total, order.currency)}</strong></p>
      </section>
      <section aria-labelledby="ship-to">
        <h2 id="ship-to">Ship to</h2>
        <p>{a.name}<br />{a.line1}{a.line2 ? <><br />{a.line2}</> : null}<br />{a.city}, {a.region} {a.postal_code}, {a.country}<br />{a.phone} · {order.email}</p>
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <ol data-testid="timeline">{order.timeline.map((e) => <li>{e.created_at.replace('T', ' ').slice(0, 16)} — {e.type.replace('_', ' ')}{e.to_status ? ` → ${e.to_status.replace('_', ' ')}` : ''}</li>)}</ol>
      </section>
    </>
  );
}

export function registerOrderPages(app: App, ctx: AppContext): void {
  const carriers = () => ctx.db.kysely.selectFrom('shipping_carriers').select(['id', 'name']).orderBy('name').execute();

  app.get('/admin/orders', adminPage(ctx, 'orders:read', {
    querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 30 })), q: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }),
  }), async (request, reply) => {
    const query = request.query as { status?: string; q?: string; page?: number };
    const status = query.status && (ORDER_STATUSES as readonly string[]).includes(query.status) ? query.status : undefined;
    const list = await listOrders(ctx, { status, q: query.q, page: query.page ?? 1, per_page: 50 });
    return renderAdminPage(ctx, request, reply, { title: 'Orders', active: 'orders' }, (
      <>
        <h1>Orders</h1>
        <form method="get" action="/admin/orders" class="filters" role="search">
          <label for="q">Search</label>
          <input id="q" name="q" type="search" value={query.q ?? ''} placeholder="Number, email or name" />
          <label for="status">Status</label>
          <select id="status" name="status">
            <option value="">Any</option>
            {ORDER_STATUSES.map((s) => <option value={s} selected={s === status}>{s.replace('_', ' ')}</option>)}
          </select>
          <button type="submit">Filter</button>
        </form>
        <p>{list.total} order(s)</p>
        <table data-testid="orders">
          <thead><tr><th scope="col">Number</th><th scope="col">Status</th><th scope="col">Customer</th><th scope="col">Total</th><th scope="col">Placed</th></tr></thead>
          <tbody>
            {list.items.map((o) => (
              <tr><td><a href={`/admin/orders/${o.id}`}>{o.number}</a></td><td>{o.status.replace('_', ' ')}</td><td>{o.name} &lt;{o.email}&gt;</td><td>{money(o.total, o.currency)}</td><td>{o.created_at.slice(0, 10)}</td></tr>
            ))}
          </tbody>
        </table>
      </>
    ));
  });

  const showOrder = async (request: FastifyRequest, reply: FastifyReply, id: number, error: string | null = null, status = 200) => {
    const order = await getOrder(ctx, id);
    if (!order) return renderNotFoundPage(ctx, request, reply, 'Order');
    return renderAdminPage(ctx, request, reply, { title: `Order ${order.number}`, active: 'orders', notice: noticeFrom(request.query), status },
      <OrderDetail order={order} csrf={request.admin!.csrf} carriers={await carriers()} error={error} />);
  };

  app.get('/admin/orders/:id', adminPage(ctx, 'orders:read', { params: IdParams }), (request, reply) => showOrder(request, reply, (request.params as { id: number }).id));

  app.post('/admin/orders/:id/actions/:action', adminPage(ctx, 'orders:write', {
    params: Type.Object({ id: IdParams.properties.id, action: Type.Union(ORDER_ACTIONS.map((a) => Type.Literal(a))) }),
    body: FormBodySchema,
  }), async (request, reply) => {
    const { id, action } = request.params as { id: number; action: OrderAction };
    const body = request.body as Record<string, string>;
    const before = await getOrder(ctx, id);
    if (before) auditChange(request, { target_type: 'orders', target_id: id, before: { status: before.status } });
    try {
      await applyOrderAction(ctx, id, action, {
        actor: request.admin!.principal.name,
        note: body.note || null,
        carrier_id: body.carrier_id && /^\d{1,9}$/.test(body.carrier_id) ? Number(body.carrier_id) : null,
        tracking_number: body.tracking_number?.trim() || null,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return showOrder(request, reply, id, err.message, err.status);
    }
    const after = await getOrder(ctx, id);
    auditChange(request, { target_type: 'orders', target_id: id, before: { status: before?.status ?? null }, after: { status: after?.status ?? null, timeline_event: after?.timeline.at(-1) ?? null } });
    return redirectAfterPost(reply, `/admin/orders/${id}`, 'order-updated');
  });

  app.get('/admin/orders/:id/packing-slip', adminPage(ctx, 'orders:read', { params: IdParams }), async (request, reply) => {
    const order = await getOrder(ctx, (request.params as { id: number }).id);
    if (!order) return renderNotFoundPage(ctx, request, reply, 'Order');
    const a = order.shipping_address;
    return renderAdminPage(ctx, request, reply, { title: `Packing slip ${order.number}`, active: 'orders' }, (
      <article class="packing-slip">
        <h1>Packing slip — {order.number}</h1>
        <p><strong>{a.name}</strong><br />{a.line1}{a.line2 ? <><br />{a.line2}</> : null}<br />{a.city}, {a.region} {a.postal_code}<br />{a.country} · {a.phone}</p>
        <p>Delivery: {order.shipping.name}</p>
        <table>
          <thead><tr><th scope="col">SKU</th><th scope="col">Item</th><th scope="col">Qty</th><th scope="col">Packed</th></tr></thead>
          <tbody>{order.lines.map((l) => <tr><td>{l.sku}</td><td>{l.name}{l.options ? ` (${l.options})` : ''}</td><td>{l.quantity}</td><td>☐</td></tr>)}</tbody>
        </table>
      </article>
    ));
  });
}
