export type SessionSubjectColumn = 'staff' | 'customer';

/** Server-side sign-in sessions of staff and customers (see sessions.ts). */
export interface AuthSessionsTable {
  id: string; token_hash: string; subject: SessionSubjectColumn; subject_id: number;
  created_at: string; last_seen_at: string; expires_at: string; ip: string | null; user_agent: string | null; revoked_at: string | null;
}

export interface SessionTables { auth_sessions: AuthSessionsTable }
