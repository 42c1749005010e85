// Admin API of the audit log: search it (GET /api/admin/audit) and export it (GET /api/admin/audit/export.csv).
import { Type, type Static } from 'typebox';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { auditCsvStream } from '../audit-csv.ts';
import { ACTOR_KINDS, EXPORT_LIMIT, searchAudit, STATUS_FILTER_PATTERN, type AuditFilters } from '../audit.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

const FilterFields = {
  actor: Type.Optional(Type.String({ maxLength: 200, description: 'An actor kind (`api_key`, `staff`, `system`, `customer`, `anonymous`), kind:id (`api_key:3`), or part of a name' })),
  action: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the action: `/api/admin/products`, `DELETE`, `order.refund`' })),
  target: Type.Optional(Type.String({ maxLength: 200, description: 'A target type (`products`), type:id (`products:12`), or an id alone (`SARONG-1`)' })),
  status: Type.Optional(Type.String({ pattern: STATUS_FILTER_PATTERN, description: 'An HTTP status (`403`), a class (`4xx`), or `ok`' })),
  from: Type.Optional(Type.String({ format: 'date', description: 'First day (UTC), inclusive' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day (UTC), inclusive' })),
};
export const AuditQuery = Type.Object(
  { ...FilterFields, page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }), per_page: Type.Integer({ minimum: 1, maximum: 100, default: 50 }) },
  { additionalProperties: false },
);
const ExportQuery = Type.Object(FilterFields, { additionalProperties: false });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const AuditRecordSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor_kind: Type.Union(ACTOR_KINDS.map((k) => Type.Literal(k))),
  actor_id: Nullable(Type.Integer()),
  actor_name: Nullable(Type.String()),
  actor_role: Nullable(Type.String()),
  action: Type.String(),
  target_type: Nullable(Type.String()),
  target_id: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  user_agent: Nullable(Type.String()),
  status: Type.String(),
  before: Type.Unknown({ description: 'The record before the change (JSON), when the route recorded it' }),
  after: Type.Unknown({ description: 'The record after the change (JSON), when the route recorded it' }),
  details: Type.Unknown({ description: 'Route params, the error of a refused request, and the request body without secrets' }),
});

/** from after to is a mistake worth saying, not an empty result. */
export function checkRange(filters: { from?: string; to?: string }): void {
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new AppError(400, 'invalid_range', '`from` is after `to`', [{ path: '/from', message: 'must be on or before `to`' }]);
  }
}

export function registerAuditRoutes(app: App, ctx: AppContext): void {
  const read = requirePermission(ctx, 'audit:read');
  const admin = { tags: ['admin'], security: adminSecurity };

  app.get(
    '/api/admin/audit',
    {
      preHandler: read,
      schema: {
        ...admin,
        summary: 'Search the audit log, newest first',
        description: 'Every admin API write and back-office form post (refused ones included) and named actions such as sign-ins. Bodies are stored without secrets.',
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditRecordSchema), total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const query = request.query as AuditFilters;
      checkRange(query);
      return searchAudit(ctx, query);
    },
  );

  app.get(
    '/api/admin/audit/export.csv',
    {
      preHandler: read,
      schema: {
        ...admin,
        summary: 'The audit log as CSV',
        description: `The same filters as the search, newest first, at most ${EXPORT_LIMIT} rows. Cells that a spreadsheet would read as a formula are prefixed with a quote.`,
        querystring: ExportQuery,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const query = request.query as Static<typeof ExportQuery>;
      checkRange(query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .header('cache-control', 'no-store')
        .send(auditCsvStream(ctx, query));
    },
  );
}
