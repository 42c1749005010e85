// Who a staff session token belongs to, re-checked on every request: the session must be live and the member enabled
// and enrolled, so disabling someone or revoking a session signs them out at once. Used by the back-office guard
// (cookie) and by requirePermission (Bearer token on the admin API).
import type { StaffPrincipal } from '../platform/auth/principal.ts';
import { isRole } from '../platform/auth/roles.ts';
import { readSession, type SessionRecord } from '../platform/auth/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { findStaffById } from './staff.repository.ts';
import { passwordExpired } from './staff-rules.ts';

export interface StaffSession {
  principal: StaffPrincipal;
  session: SessionRecord;
  /** The password must be changed before anything else (too old, or flagged). */
  passwordExpired: boolean;
}

export async function staffSessionFor(ctx: AppContext, token: string | undefined): Promise<StaffSession | null> {
  const session = await readSession(ctx, 'staff', token);
  if (!session) return null;
  const row = await findStaffById(ctx.db.kysely, session.subjectId);
  if (!row || row.disabled_at || !row.totp_enabled_at || !row.password_hash || !isRole(row.role)) return null;
  return {
    principal: { kind: 'staff', staffId: row.id, name: row.name, email: row.email, role: row.role },
    session,
    passwordExpired: passwordExpired(row, ctx.config.auth.staffPasswordMaxAgeDays),
  };
}
