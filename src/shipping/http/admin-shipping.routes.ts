// Admin API for the shipping set-up: carriers, zones, methods and the shop calendar. Reads need settings:read,
// changes settings:write. Codes in the URL are the stable identifiers checkout and orders refer to.
import { Type, type TSchema } from 'typebox';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import * as admin from '../shipping-admin.service.ts';
import {
  Calendar, CalendarBody, Carrier, CarrierBody, Code, CodeParams, Method, MethodBody, NewCarrierBody, NewMethodBody, NewZoneBody, Zone, ZoneBody,
} from './shipping.schemas.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
const NoContent = Type.Null({ description: 'Deleted' });

type Handler = (request: { params: unknown; body: unknown; query: unknown }) => Promise<unknown>;

/**
 * The five routes of one kind of record: list, create, replace and delete (and read for methods), all with the
 * same permissions and error answers.
 */
function crud(app: App, ctx: AppContext, spec: {
  path: string; what: string; view: TSchema; newBody: TSchema; body: TSchema; listQuery?: TSchema;
  list: Handler; create: Handler; replace: Handler; remove: (code: string) => Promise<void>; read?: (code: string) => Promise<unknown>;
}) {
  const read = { preHandler: requirePermission(ctx, 'settings:read') };
  const write = { preHandler: requirePermission(ctx, 'settings:write') };
  const base = { tags: ['admin', 'shipping'], security: adminSecurity };
  const item = `${spec.path}/:code`;

  app.get(spec.path, { ...read, schema: { ...base, summary: `List shipping ${spec.what}s`, ...(spec.listQuery ? { querystring: spec.listQuery } : {}), response: { 200: Items(spec.view), ...errors } } }, spec.list);
  app.post(spec.path, { ...write, schema: { ...base, summary: `Create a shipping ${spec.what}`, body: spec.newBody, response: { 201: spec.view, ...errors } } },
    async (request, reply) => reply.code(201).send(await spec.create(request)));
  if (spec.read) {
    const readOne = spec.read;
    app.get(item, { ...read, schema: { ...base, summary: `Read a shipping ${spec.what}`, params: CodeParams, response: { 200: spec.view, ...errors } } },
      async (request) => readOne((request.params as { code: string }).code));
  }
  app.put(item, { ...write, schema: { ...base, summary: `Replace a shipping ${spec.what} (its code stays)`, params: CodeParams, body: spec.body, response: { 200: spec.view, ...errors } } }, spec.replace);
  app.delete(item, { ...write, schema: { ...base, summary: `Delete a shipping ${spec.what}`, params: CodeParams, response: { 204: NoContent, ...errors } } },
    async (request, reply) => {
      await spec.remove((request.params as { code: string }).code);
      return reply.code(204).send();
    });
}

export function registerAdminShippingRoutes(app: App, ctx: AppContext): void {
  const code = (r: { params: unknown }) => (r.params as { code: string }).code;

  crud(app, ctx, {
    path: '/api/admin/shipping/carriers', what: 'carrier', view: Carrier, newBody: NewCarrierBody, body: CarrierBody,
    list: async () => ({ items: await admin.listCarriers(ctx) }),
    create: (r) => admin.createCarrier(ctx, r.body as Parameters<typeof admin.createCarrier>[1]),
    replace: (r) => admin.replaceCarrier(ctx, code(r), r.body as Parameters<typeof admin.replaceCarrier>[2]),
    remove: (c) => admin.deleteCarrier(ctx, c),
  });

  crud(app, ctx, {
    path: '/api/admin/shipping/zones', what: 'zone', view: Zone, newBody: NewZoneBody, body: ZoneBody,
    list: async () => ({ items: await admin.listZones(ctx) }),
    create: (r) => admin.createZone(ctx, r.body as Parameters<typeof admin.createZone>[1]),
    replace: (r) => admin.replaceZone(ctx, code(r), r.body as Parameters<typeof admin.replaceZone>[2]),
    remove: (c) => admin.deleteZone(ctx, c),
  });

  crud(app, ctx, {
    path: '/api/admin/shipping/methods', what: 'method', view: Method, newBody: NewMethodBody, body: MethodBody,
    listQuery: Type.Object({ zone: Type.Optional(Code) }, { additionalProperties: false }),
    list: async (r) => ({ items: await admin.listMethods(ctx, r.query as { zone?: string }) }),
    create: (r) => admin.createMethod(ctx, r.body as admin.MethodWrite),
    replace: (r) => admin.replaceMethod(ctx, code(r), r.body as Omit<admin.MethodWrite, 'code'>),
    remove: (c) => admin.deleteMethod(ctx, c),
    read: (c) => admin.getMethod(ctx, c),
  });

  const base = { tags: ['admin', 'shipping'], security: adminSecurity };
  app.get('/api/admin/shipping/calendar', {
    preHandler: requirePermission(ctx, 'settings:read'),
    schema: { ...base, summary: 'Read the shop calendar (time zone, cut-off, processing days, working days, holidays)', response: { 200: Calendar, ...errors } },
  }, () => admin.getCalendar(ctx));
  app.put('/api/admin/shipping/calendar', {
    preHandler: requirePermission(ctx, 'settings:write'),
    schema: { ...base, summary: 'Replace the shop calendar that dates every delivery', body: CalendarBody, response: { 200: Calendar, ...errors } },
  }, (request) => admin.putCalendar(ctx, request.body as admin.CalendarView));
}
