// Admin API for customers: the list with search, one customer (profile, addresses, orders, sessions, requests), and
// erasure, directly or by carrying out a customer's request. Erasing needs customers:write.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import { principalLabel } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { getCustomerForAdmin, listCustomers } from '../admin.service.ts';
import { Profile } from '../customers.schemas.ts';
import { carryOutErasureRequest, eraseCustomer, listErasureRequests, type ErasureActor } from '../erasure.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const admin = { tags: ['admin'], security: adminSecurity };
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const ListItem = Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.String(), email_verified: Type.Boolean(), created_at: Type.String(), erased: Type.Boolean() });
const RequestSchema = Type.Object({
  id: Type.Integer(), customer_id: Type.Integer(), status: Type.String(), note: Nullable(Type.String()), created_at: Type.String(),
  processed_at: Nullable(Type.String()), processed_by: Nullable(Type.String()),
  customer: Type.Object({ name: Type.String(), email: Type.String(), erased: Type.Boolean() }),
});

/** The staff member or API key acting, as the erasure service records it. */
export function staffActor(request: FastifyRequest): ErasureActor {
  const p = request.principal ?? request.admin?.principal;
  if (!p) throw new AppError(401, 'unauthorized', 'A valid admin API key is required');
  return {
    actor: p.kind === 'staff' ? { kind: 'staff', id: p.staffId, name: p.name, role: p.role } : { kind: 'api_key', id: p.keyId, name: p.name, role: p.role },
    label: principalLabel(p),
    ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 500) || null,
  };
}

export function registerCustomerAdminRoutes(app: App, ctx: AppContext): void {
  const read = requirePermission(ctx, 'customers:read');
  const write = requirePermission(ctx, 'customers:write');

  app.get('/api/admin/customers', {
    preHandler: read,
    schema: {
      ...admin, summary: 'List customers, newest first; q searches email and name',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 200 })),
        page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
        per_page: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ListItem), total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer() }), ...errors },
    },
  }, async (request) => listCustomers(ctx, request.query as { q?: string; page: number; per_page: number }));

  app.get('/api/admin/customers/erasure-requests', {
    preHandler: read,
    schema: {
      ...admin, summary: 'Erasure requests from customers (pending ones by default, oldest first)',
      querystring: Type.Object({ status: Type.Optional(Type.Union(['pending', 'done', 'cancelled', 'all'].map((s) => Type.Literal(s)))) }, { additionalProperties: false }),
      response: { 200: Type.Array(RequestSchema), ...errors },
    },
  }, async (request) => listErasureRequests(ctx, ((request.query as { status?: string }).status ?? 'pending') as 'pending'));

  app.post('/api/admin/customers/erasure-requests/:id/complete', {
    preHandler: write,
    schema: {
      ...admin, summary: 'Carry out an erasure request: erase the customer\'s account',
      params: IdParams, body: Type.Object({}, { additionalProperties: false }),
      response: { 200: Type.Object({ customer_id: Type.Integer(), orders_anonymised: Type.Integer() }), ...errors },
    },
  }, async (request) => carryOutErasureRequest(ctx, (request.params as { id: number }).id, staffActor(request)));

  app.get('/api/admin/customers/:id', {
    preHandler: read,
    schema: {
      ...admin, summary: 'A customer: profile, addresses, orders, active sessions and erasure requests',
      params: IdParams,
      response: {
        200: Type.Object({
          profile: Profile, erased_at: Nullable(Type.String()), addresses: Type.Array(Type.Unknown()),
          orders: Type.Object({ items: Type.Array(Type.Unknown()), total: Type.Integer() }), sessions: Type.Array(Type.Unknown()), erasure_requests: Type.Array(Type.Unknown()),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const customer = await getCustomerForAdmin(ctx, (request.params as { id: number }).id);
    if (!customer) throw notFound('Customer');
    return customer;
  });

  app.post('/api/admin/customers/:id/erase', {
    preHandler: write,
    schema: {
      ...admin, summary: 'Erase a customer\'s account',
      description: 'Personal data removed, sessions ended, orders kept but anonymised; pending erasure requests are closed. Recorded in the audit log.',
      params: IdParams, body: Type.Object({}, { additionalProperties: false }),
      response: { 200: Type.Object({ orders_anonymised: Type.Integer() }), ...errors },
    },
  }, async (request) => eraseCustomer(ctx, (request.params as { id: number }).id, staffActor(request)));
}
