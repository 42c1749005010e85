// Admin API for webhook endpoints and their delivery log.
import { Type } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { listDeliveries } from '../deliveries.service.ts';
import { createEndpoint, deleteEndpoint, getEndpoint, getEndpointWithSecret, listEndpoints, updateEndpoint } from '../endpoints.service.ts';
import { WEBHOOK_EVENTS } from '../webhook-events.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

const EventType = Type.Union(WEBHOOK_EVENTS.map((e) => Type.Literal(e)));
const Events = Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true });
const Url = Type.String({ minLength: 1, maxLength: 2048, description: 'http(s) URL without credentials' });
const Description = Type.Union([Type.String({ maxLength: 500 }), Type.Null()]);
const Secret = Type.String({ minLength: 16, maxLength: 256, pattern: '^[\\x21-\\x7e]+$', description: 'Printable ASCII; generated when omitted' });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });

const Endpoint = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Description,
  active: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
});
const EndpointWithSecret = Type.Object({ ...Endpoint.properties, secret: Type.String({ description: 'HMAC-SHA256 key of the Pasar-Signature header' }) });
const Attempt = Type.Object({
  attempt: Type.Integer(),
  status_code: Type.Union([Type.Integer(), Type.Null()]),
  duration_ms: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  response_body: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});
const Delivery = Type.Object({
  id: Type.String({ description: 'Sent as the Pasar-Delivery header' }),
  event_id: Type.String(),
  event_type: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  last_status_code: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
  finished_at: Type.Union([Type.String(), Type.Null()]),
  body: Type.String({ description: 'The exact JSON body sent on every attempt' }),
  log: Type.Array(Attempt),
});

export function registerWebhookRoutes(app: App, ctx: AppContext): void {
  const manage = requirePermission(ctx, 'webhooks:manage');
  const admin = { tags: ['admin'], security: adminSecurity };

  app.get(
    '/api/admin/webhooks',
    { preHandler: manage, schema: { ...admin, summary: 'List webhook endpoints', response: { 200: Type.Object({ items: Type.Array(Endpoint) }), ...errors } } },
    async () => ({ items: await listEndpoints(ctx) }),
  );

  app.post(
    '/api/admin/webhooks',
    {
      preHandler: manage,
      schema: {
        ...admin,
        summary: 'Create a webhook endpoint',
        description: `Events: ${WEBHOOK_EVENTS.join(', ')}. Each is POSTed as JSON { id, type, created_at, data } with Pasar-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">. The answer carries the secret.`,
        body: Type.Object(
          { url: Url, events: Events, description: Type.Optional(Description), active: Type.Optional(Type.Boolean()), secret: Type.Optional(Secret) },
          { additionalProperties: false },
        ),
        response: { 201: EndpointWithSecret, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body as { url: string; events: string[]; description?: string | null; active?: boolean; secret?: string };
      return reply.status(201).send(await createEndpoint(ctx, body));
    },
  );

  app.get(
    '/api/admin/webhooks/:id',
    { preHandler: manage, schema: { ...admin, summary: 'A webhook endpoint with its signing secret', params: IdParams, response: { 200: EndpointWithSecret, ...errors } } },
    async (request) => getEndpointWithSecret(ctx, (request.params as { id: number }).id),
  );

  app.patch(
    '/api/admin/webhooks/:id',
    {
      preHandler: manage,
      schema: {
        ...admin,
        summary: 'Change a webhook endpoint (URL, events, description, active), or rotate its secret',
        params: IdParams,
        body: Type.Object(
          {
            url: Type.Optional(Url),
            events: Type.Optional(Events),
            description: Type.Optional(Description),
            active: Type.Optional(Type.Boolean()),
            secret: Type.Optional(Secret),
            rotate_secret: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: EndpointWithSecret, ...errors },
      },
    },
    async (request) => {
      const body = request.body as { url?: string; events?: string[]; description?: string | null; active?: boolean; secret?: string; rotate_secret?: boolean };
      const { rotate_secret, ...rest } = body;
      return updateEndpoint(ctx, (request.params as { id: number }).id, { ...rest, rotateSecret: rotate_secret });
    },
  );

  app.delete(
    '/api/admin/webhooks/:id',
    {
      preHandler: manage,
      schema: { ...admin, summary: 'Delete a webhook endpoint and its delivery log', params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await deleteEndpoint(ctx, (request.params as { id: number }).id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      preHandler: manage,
      schema: {
        ...admin,
        summary: 'Delivery log of a webhook endpoint, newest first, with every attempt',
        params: IdParams,
        querystring: Type.Object(
          { page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }), per_page: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Delivery), total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { page, per_page } = request.query as { page: number; per_page: number };
      await getEndpoint(ctx, id); // 404 for an unknown endpoint rather than an empty log
      const { items, total } = await listDeliveries(ctx, id, page, per_page);
      return { items, total, page, per_page };
    },
  );
}
