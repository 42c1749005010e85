// Writing to and searching the audit log. Rows are only ever inserted: the database refuses UPDATE and DELETE.
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../platform/auth/principal.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import type { ActorKind, AuditLogTable } from './audit.table.ts';
import { clip, MAX_DETAILS_CHARS, redactedBody, snapshotJson } from './redact.ts';

export const ACTOR_KINDS = ['staff', 'api_key', 'system', 'customer', 'anonymous'] as const satisfies readonly ActorKind[];

export interface AuditActor {
  kind: ActorKind;
  id?: number | null;
  name?: string | null;
  role?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', name: 'system' };
export const ANONYMOUS_ACTOR: AuditActor = { kind: 'anonymous' };

/** The audit actor for a request's principal (an API key or a signed-in staff member), or anonymous. */
export function actorOf(principal: Principal | null | undefined): AuditActor {
  if (!principal) return ANONYMOUS_ACTOR;
  return principal.kind === 'staff'
    ? { kind: 'staff', id: principal.staffId, name: principal.name, role: principal.role }
    : { kind: 'api_key', id: principal.keyId, name: principal.name, role: principal.role };
}

export interface AuditEntry {
  actor: AuditActor;
  /** A route (`POST /api/admin/products/:id`) or a named action (`order.refund`, `staff.login_failed`). */
  action: string;
  target_type?: string | null;
  target_id?: string | number | null;
  ip?: string | null;
  user_agent?: string | null;
  /** An HTTP status, or 'ok' (the default) for a named action that succeeded. */
  status?: number | string;
  /** Copies of the record before and after the change; secrets are left out (see redact.ts). */
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping; redacted and capped like a request body. */
  details?: Record<string, unknown>;
}

/** Column values for an entry: every text cut to a sane length, JSON redacted and capped. */
export function auditRow(entry: AuditEntry): Omit<AuditLogTable, 'id' | 'at'> {
  return {
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id ?? null,
    actor_name: clip(entry.actor.name, 200),
    actor_role: clip(entry.actor.role, 50),
    action: clip(entry.action, 300) ?? '',
    target_type: clip(entry.target_type, 100),
    target_id: entry.target_id === undefined || entry.target_id === null ? null : clip(String(entry.target_id), 200),
    ip: clip(entry.ip, 100),
    user_agent: clip(entry.user_agent, 300),
    status: clip(String(entry.status ?? 'ok'), 20) ?? 'ok',
    before: snapshotJson(entry.before),
    after: snapshotJson(entry.after),
    details: JSON.stringify(redactedBody(entry.details ?? {}, MAX_DETAILS_CHARS)),
  };
}

/**
 * Appends one entry. Pass the caller's transaction as `db` to commit the entry with the change it describes (and
 * roll it back with it); without it the entry is written on its own.
 */
export async function recordAudit(ctx: AppContext, entry: AuditEntry, db: Kysely<Database> = ctx.db.kysely): Promise<number> {
  const row = await db.insertInto('audit_log').values(auditRow(entry)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface AuditFilters {
  /** `api_key`, `staff:12`, or part of a name (case-insensitive). */
  actor?: string;
  /** Part of the action (case-insensitive): `products`, `DELETE`, `order.refund`. */
  action?: string;
  /** `products`, `products:12`, or an id alone (`SARONG-1`). */
  target?: string;
  /** An exact status (`403`, `ok`) or a class (`4xx`). */
  status?: string;
  /** Inclusive UTC dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
  page: number;
  per_page: number;
}

export const STATUS_FILTER_PATTERN = '^([1-5][0-9][0-9]|[1-5]xx|ok)$';

export interface AuditRecord {
  id: number;
  at: string;
  actor_kind: ActorKind;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  status: string;
  before: unknown;
  after: unknown;
  details: unknown;
}

const likeText = (text: string) => `%${text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The day after a YYYY-MM-DD date, as the start of that day in UTC: `to` includes its whole day. */
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();

function filtered(db: Kysely<Database>, f: Omit<AuditFilters, 'page' | 'per_page'>) {
  let q = db.selectFrom('audit_log');
  const actor = f.actor?.trim();
  if (actor) {
    const m = /^(staff|api_key|system|customer|anonymous)(?::(\d{1,9}))?$/.exec(actor);
    if (m) {
      q = q.where('actor_kind', '=', m[1] as ActorKind);
      if (m[2]) q = q.where('actor_id', '=', Number(m[2]));
    } else {
      q = q.where(sql<boolean>`lower(actor_name) like ${likeText(actor)} escape '\\'`);
    }
  }
  if (f.action?.trim()) q = q.where(sql<boolean>`lower(action) like ${likeText(f.action)} escape '\\'`);
  const target = f.target?.trim();
  if (target) {
    const colon = target.indexOf(':');
    if (colon > 0) {
      q = q.where('target_type', '=', target.slice(0, colon)).where('target_id', '=', target.slice(colon + 1));
    } else {
      q = q.where((eb) => eb.or([eb('target_type', '=', target), eb('target_id', '=', target)]));
    }
  }
  if (f.status) {
    q = /^[1-5]xx$/.test(f.status)
      ? q.where('status', 'like', `${f.status[0]}__`)
      : q.where('status', '=', f.status);
  }
  if (f.from) q = q.where('at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('at', '<', dayAfter(f.to));
  return q;
}

const COLUMNS = ['id', 'at', 'actor_kind', 'actor_id', 'actor_name', 'actor_role', 'action', 'target_type', 'target_id', 'ip', 'user_agent', 'status', 'before', 'after', 'details'] as const;

const parse = (json: string | null): unknown => {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
};

function toRecord(r: Pick<AuditLogTable, Exclude<(typeof COLUMNS)[number], 'id' | 'at'>> & { id: number; at: string }): AuditRecord {
  return { ...r, at: String(r.at), before: parse(r.before), after: parse(r.after), details: parse(r.details) };
}

/** A page of entries, newest first. */
export async function searchAudit(ctx: AppContext, filters: AuditFilters): Promise<{ items: AuditRecord[]; total: number; page: number; per_page: number }> {
  const base = filtered(ctx.db.kysely, filters);
  const [rows, count] = await Promise.all([
    base.select(COLUMNS).orderBy('id', 'desc').limit(filters.per_page).offset((filters.page - 1) * filters.per_page).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRecord), total: Number(count.n), page: filters.page, per_page: filters.per_page };
}

/** The most rows one CSV export holds; narrow the dates for more. */
export const EXPORT_LIMIT = 20_000;

/** Entries for an export, newest first, at most EXPORT_LIMIT, read in batches. */
export async function* exportAudit(ctx: AppContext, filters: Omit<AuditFilters, 'page' | 'per_page'>): AsyncGenerator<AuditRecord[]> {
  const batch = 1000;
  let lastId: number | null = null;
  let left = EXPORT_LIMIT;
  while (left > 0) {
    let q = filtered(ctx.db.kysely, filters).select(COLUMNS).orderBy('id', 'desc').limit(Math.min(batch, left));
    if (lastId !== null) q = q.where('id', '<', lastId);
    const rows = await q.execute();
    if (rows.length === 0) return;
    yield rows.map(toRecord);
    left -= rows.length;
    lastId = rows[rows.length - 1]!.id;
    if (rows.length < batch) return;
  }
}
