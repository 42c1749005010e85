import type { Generated } from 'kysely';

/** Who acted: a staff member, an API key, the shop itself (jobs, schedules), a customer, or nobody known. */
export type ActorKind = 'staff' | 'api_key' | 'system' | 'customer' | 'anonymous';

/**
 * One thing that happened, written once and never changed (the database refuses UPDATE and DELETE).
 * before, after and details are JSON text; status is an HTTP status ("403") or "ok" for a named action.
 */
export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<string>;
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
  before: string | null;
  after: string | null;
  details: string;
}

export interface AuditTables { audit_log: AuditLogTable }
