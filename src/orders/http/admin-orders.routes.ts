// Admin API for orders: list and search, read one with its timeline, and move it through its states.
import { Type } from 'typebox';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/errors.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { ORDER_STATUSES } from '../migrations/2026_11_25_0050_orders.ts';
import { applyOrderAction, ORDER_ACTIONS, type OrderAction } from '../order-transitions.ts';
import { getOrder, listOrders } from '../orders.service.ts';
import { ordersCsv } from '../orders-csv.ts';
import type { OrderStatus } from '../orders.table.ts';
import { auditChange } from '../../audit/index.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
const OrderSchema = Type.Object({ id: Type.Integer(), number: Type.String(), status: Type.String() }, { additionalProperties: true });

export function registerAdminOrderRoutes(app: App, ctx: AppContext): void {
  const admin = { tags: ['admin'], security: adminSecurity };

  app.get(
    '/api/admin/orders',
    {
      preHandler: requirePermission(ctx, 'orders:read'),
      schema: {
        ...admin,
        summary: 'List orders, newest first, by status or searched by number, email or name',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
            per_page: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), status: Type.String(), email: Type.String(), name: Type.String(), total: Type.Integer(), currency: Type.String(), payment_method: Type.String(), created_at: Type.String() })), total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer() }), ...errors },
      },
    },
    async (request) => listOrders(ctx, request.query as { status?: string; q?: string; page: number; per_page: number }),
  );

  app.get(
    '/api/admin/orders/export.csv',
    {
      preHandler: requirePermission(ctx, 'orders:read'),
      schema: {
        ...admin,
        summary: 'Orders as CSV for accounting (amounts in minor units)',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
            from: Type.Optional(Type.String({ format: 'date' })),
            to: Type.Optional(Type.String({ format: 'date' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query as { status?: OrderStatus; from?: string; to?: string };
      const csv = await ordersCsv(ctx, { status: q.status, from: q.from, to: q.to });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="orders.csv"').send(csv);
    },
  );

  app.get(
    '/api/admin/orders/:id',
    { preHandler: requirePermission(ctx, 'orders:read'), schema: { ...admin, summary: 'An order with its lines, totals and timeline', params: IdParams, response: { 200: OrderSchema, ...errors } } },
    async (request) => {
      const order = await getOrder(ctx, (request.params as { id: number }).id);
      if (!order) throw notFound('Order');
      return order;
    },
  );

  app.post(
    '/api/admin/orders/:id/actions/:action',
    {
      preHandler: requirePermission(ctx, 'orders:write'),
      schema: {
        ...admin,
        summary: 'Move an order on: confirm_payment, pack, ship, deliver, cancel, accept_return, refund',
        description: 'An action the order\'s state does not allow answers 409 `invalid_transition`. `ship` needs `tracking_number`.',
        params: Type.Object({ id: IdParams.properties.id, action: Type.Union(ORDER_ACTIONS.map((a) => Type.Literal(a))) }, { additionalProperties: false }),
        body: Type.Object(
          {
            note: Type.Optional(Type.String({ maxLength: 1000 })),
            carrier_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            carrier_name: Type.Optional(Type.String({ maxLength: 100 })),
            tracking_number: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9 ./_-]+$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrderSchema, ...errors },
      },
    },
    async (request) => {
      const { id, action } = request.params as { id: number; action: OrderAction };
      const before = await getOrder(ctx, id);
      if (before) auditChange(request, { target_type: 'orders', target_id: id, before: { status: before.status } });
      await applyOrderAction(ctx, id, action, { ...(request.body as object), actor: request.principal?.name ?? 'staff' });
      const after = (await getOrder(ctx, id))!;
      auditChange(request, { target_type: 'orders', target_id: id, before: { status: before?.status ?? null }, after: { status: after.status, timeline_event: after.timeline.at(-1) ?? null } });
      return after;
    },
  );
}
