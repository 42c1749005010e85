// Server-side sign-in sessions for staff and customers, kept in the database so every app process sees the same
// ones (a sign-out or a revocation in one process is effective in all of them at the next request).
//
// The browser (or API client) holds a 32-byte random token; the table keeps only its SHA-256, so a copy of the table
// signs nobody in. Each session also has a public random id, which is what lists and "revoke" buttons use.
import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { AuthSessionsTable } from './sessions.table.ts';

export type SessionSubject = 'staff' | 'customer';

export interface SessionRecord {
  id: string;
  subject: SessionSubject;
  subjectId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** last_seen_at is written at most this often, so reading a session is usually a single SELECT. */
const TOUCH_INTERVAL_MS = 60_000;
/** Tokens are base64url of 32 bytes (43 characters); anything else is refused before touching the database. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;
const MAX_USER_AGENT = 500;
const MAX_IP = 100;

// A token is 256 random bits, so a fast hash is enough (no password stretching needed).
export const hashSessionToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

type Row = Pick<AuthSessionsTable, 'id' | 'subject' | 'subject_id' | 'created_at' | 'last_seen_at' | 'expires_at' | 'ip' | 'user_agent'>;
const COLUMNS = ['id', 'subject', 'subject_id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'] as const;

const toRecord = (row: Row): SessionRecord => ({
  id: row.id,
  subject: row.subject,
  subjectId: Number(row.subject_id),
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
  ip: row.ip,
  userAgent: row.user_agent,
});

/** Starts a session and returns its token (shown to the client once, never stored) with the session. */
export async function createSession(
  ctx: AppContext,
  input: { subject: SessionSubject; subjectId: number; ttlMs: number; ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; session: SessionRecord }> {
  if (!Number.isSafeInteger(input.subjectId) || input.subjectId <= 0) throw new Error(`createSession: bad subjectId ${input.subjectId}`);
  if (!(input.ttlMs > 0)) throw new Error(`createSession: bad ttlMs ${input.ttlMs}`);
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  const row: Row = {
    id: crypto.randomBytes(16).toString('base64url'),
    subject: input.subject,
    subject_id: input.subjectId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.ttlMs).toISOString(),
    ip: input.ip ? input.ip.slice(0, MAX_IP) : null,
    user_agent: input.userAgent ? input.userAgent.slice(0, MAX_USER_AGENT) : null,
  };
  await ctx.db.kysely.insertInto('auth_sessions').values({ ...row, token_hash: hashSessionToken(token), revoked_at: null }).execute();
  return { token, session: toRecord(row) };
}

/**
 * The session a token opens: null when the token is missing, malformed, unknown, of the other subject, expired or
 * revoked. Refreshes last_seen_at when it is more than a minute old.
 */
export async function readSession(ctx: AppContext, subject: SessionSubject, token: string | undefined): Promise<SessionRecord | null> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null;
  const now = new Date();
  const row = await ctx.db.kysely
    .selectFrom('auth_sessions')
    .select(COLUMNS)
    .where('token_hash', '=', hashSessionToken(token))
    .where('subject', '=', subject)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) return null;
  const record = toRecord(row);
  if (now.getTime() - new Date(record.lastSeenAt).getTime() >= TOUCH_INTERVAL_MS) {
    record.lastSeenAt = now.toISOString();
    await ctx.db.kysely.updateTable('auth_sessions').set({ last_seen_at: record.lastSeenAt }).where('id', '=', record.id).execute();
  }
  return record;
}

/** The subject's live sessions (unexpired, unrevoked), most recently used first. */
export async function listSessions(ctx: AppContext, subject: SessionSubject, subjectId: number): Promise<SessionRecord[]> {
  const rows = await ctx.db.kysely
    .selectFrom('auth_sessions')
    .select(COLUMNS)
    .where('subject', '=', subject)
    .where('subject_id', '=', subjectId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date().toISOString())
    .orderBy('last_seen_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toRecord);
}

/** Ends one of the subject's sessions; false when that id is not a live session of this subject. */
export async function revokeSession(ctx: AppContext, subject: SessionSubject, subjectId: number, id: string): Promise<boolean> {
  if (typeof id !== 'string' || !ID_SHAPE.test(id)) return false;
  const result = await ctx.db.kysely
    .updateTable('auth_sessions')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('subject', '=', subject)
    .where('subject_id', '=', subjectId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every live session of the subject (except `exceptId`, the one in use); returns how many were ended. */
export async function revokeAllSessions(ctx: AppContext, subject: SessionSubject, subjectId: number, exceptId?: string): Promise<number> {
  let query = ctx.db.kysely
    .updateTable('auth_sessions')
    .set({ revoked_at: new Date().toISOString() })
    .where('subject', '=', subject)
    .where('subject_id', '=', subjectId)
    .where('revoked_at', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes sessions that ended (expired or revoked) more than `keepMs` ago; returns how many. */
export async function purgeEndedSessions(ctx: AppContext, keepMs = 30 * 24 * 3600_000): Promise<number> {
  const cutoff = new Date(Date.now() - keepMs).toISOString();
  const result = await ctx.db.kysely
    .deleteFrom('auth_sessions')
    .where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
