// Automatic capture: every state-changing request to the admin API (/api/admin/…) and the back office (/admin/…),
// refused ones included, becomes one audit row: who, which route, which record, from where, the outcome, and a
// redacted copy of the body. Routes that know the record before and after the change attach it with auditChange().
//
// The row is written in an onSend hook, i.e. before the answer leaves: a client that got its answer can rely on the
// row being there, and no write is lost when the process stops right after answering. Writing it must never fail
// the request, so an error here is logged and the answer goes out unchanged.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalForBearer } from '../platform/auth/require-permission.ts';
import type { Principal } from '../platform/auth/principal.ts';
import type { AppContext } from '../platform/context.ts';
import type { App } from '../platform/http/app.ts';
import { onAdminWrite } from '../platform/http/admin-writes.ts';
import { actorOf, recordAudit, type AuditEntry } from './audit.service.ts';
import { SNAPSHOT_SECRET_PATTERN } from './redact.ts';

export interface AuditChange {
  target_type: string;
  target_id: string | number;
  before?: unknown;
  after?: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by auditChange(): the record a route changed, merged into the request's audit row. */
    auditChange?: AuditChange;
    /** Set by auditUploadedFile(): names of the files of a multipart request (the body itself is not kept). */
    auditFiles?: string[];
  }
}

/**
 * Tells the audit log which record this request changed and what it looked like before and after. Call it from a
 * route once the change is made (or once it is known to have failed, with before only). A later call replaces an
 * earlier one.
 *
 * @example
 *   const before = await getProductForAdmin(ctx, id);
 *   const after = await replaceProduct(ctx, id, body);
 *   auditChange(request, { target_type: 'products', target_id: id, before, after });
 */
export function auditChange(request: FastifyRequest, change: AuditChange): void {
  request.auditChange = change;
}

/** Notes the name of a file uploaded in a multipart request: the audit log keeps names, never the content. */
export function auditUploadedFile(request: FastifyRequest, filename: string): void {
  (request.auditFiles ??= []).push(filename.slice(0, 200));
}

export { isAdminRoute } from '../platform/http/admin-writes.ts';

/**
 * The record a route pattern addresses: `/api/admin/shipping/zones/:code` with {code: 'java'} → shipping/zones, java.
 * A parameter that is a secret (`/admin/invite/:token`) gives no id: the log must not keep it.
 */
export function targetOf(url: string, params: Record<string, unknown>): { type: string | null; id: string | null } {
  const segments = url.replace(/^\/(api\/)?admin\/?/, '').split('/').filter(Boolean);
  const first = segments.findIndex((s) => s.startsWith(':'));
  const typeSegments = first === -1 ? segments : segments.slice(0, first);
  const name = first === -1 ? null : segments[first]!.slice(1);
  const value = name === null || SNAPSHOT_SECRET_PATTERN.test(name) ? undefined : params[name];
  return {
    type: typeSegments.length ? typeSegments.join('/') : null,
    id: value === undefined || value === null ? null : String(value),
  };
}

/** The id of a record a request created: from a 201 JSON answer's `id`, or a page's redirect to /admin/<type>/<id>. */
function createdId(reply: FastifyReply, payload: unknown, type: string | null): string | null {
  if (reply.statusCode === 201 && typeof payload === 'string' && payload.length < 2_000_000 && payload.startsWith('{')) {
    try {
      const id = (JSON.parse(payload) as { id?: unknown }).id;
      if (typeof id === 'number' || typeof id === 'string') return String(id);
    } catch {
      return null;
    }
  }
  const location = reply.getHeader('location');
  if (type && reply.statusCode >= 300 && reply.statusCode < 400 && typeof location === 'string') {
    const m = /^\/admin\/([^?#]+)/.exec(location);
    if (m && m[1]!.startsWith(`${type}/`)) {
      const id = m[1]!.slice(type.length + 1).split('/')[0];
      if (id && /^\d{1,12}$/.test(id)) return id;
    }
  }
  return null;
}

/** `{ error: { code, message } }` of an error answer, without its details. */
function errorOf(reply: FastifyReply, payload: unknown): { error?: string; message?: string } {
  if (reply.statusCode < 400 || typeof payload !== 'string' || payload.length > 100_000 || !payload.startsWith('{')) return {};
  try {
    const error = (JSON.parse(payload) as { error?: { code?: unknown; message?: unknown } }).error;
    return {
      error: typeof error?.code === 'string' ? error.code : undefined,
      message: typeof error?.message === 'string' ? error.message.slice(0, 300) : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * Who made the request. The permission check sets request.principal (API) or request.admin (pages); a request refused
 * before it ran (a body that fails validation) still names the API key or staff session it presented, when valid.
 */
async function principalOf(ctx: AppContext, request: FastifyRequest): Promise<Principal | null> {
  const known = request.principal ?? request.admin?.principal;
  if (known) return known;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!bearer) return null;
  try {
    return await principalForBearer(ctx, bearer[1]!);
  } catch {
    return null; // e.g. a staff session whose password has expired: the request was refused for that
  }
}

/** The audit row for a finished admin write. */
export async function entryFor(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<AuditEntry> {
  const url = request.routeOptions.url ?? request.url.split('?')[0]!;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const change = request.auditChange;
  const route = targetOf(url, params);
  const type = change?.target_type ?? route.type;
  const id = change ? String(change.target_id) : route.id ?? createdId(reply, payload, route.type);
  const multipart = request.headers['content-type']?.toLowerCase().startsWith('multipart/') ?? false;
  return {
    actor: actorOf(await principalOf(ctx, request)),
    action: `${request.method} ${url}`,
    target_type: type,
    target_id: id,
    ip: request.ip,
    user_agent: request.headers['user-agent'] ?? null,
    status: reply.statusCode,
    before: change?.before,
    after: change?.after,
    details: {
      ...errorOf(reply, payload),
      params,
      ...(multipart ? { files: request.auditFiles ?? [] } : { body: request.body ?? null }),
    },
  };
}

/** Records every admin write; the audit module registers it first, before any admin route. */
export function registerAuditCapture(app: App, ctx: AppContext): void {
  onAdminWrite(app, async (request, reply, payload) => {
    try {
      await recordAudit(ctx, await entryFor(ctx, request, reply, payload));
    } catch (err) {
      request.log.error({ err, route: request.routeOptions.url, method: request.method }, 'audit: could not record an admin request');
    }
    return payload;
  });
}
