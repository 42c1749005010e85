// Managing staff accounts (owners only): invite, resend the link, change role, disable and enable, reset two-factor.
// Every change that takes access away also ends the member's sessions, so it applies at their next request.
import type { Principal } from '../platform/auth/principal.ts';
import type { Role } from '../platform/auth/roles.ts';
import { revokeAllSessions } from '../platform/auth/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, badRequest, conflict, notFound } from '../platform/http/errors.ts';
import { queueStaffMail } from './invite-mail.tsx';
import { inviteUrl, newInvite } from './invites.ts';
import { countUsableOwners, findStaffByEmail, findStaffById, insertStaff, listStaffRows, type StaffRow } from './staff.repository.ts';
import { emailProblem, nameProblem, normaliseEmail, roleProblem, toStaffView, type FieldProblem, type StaffView } from './staff-rules.ts';

export interface InviteInput {
  email: string;
  name: string;
  role: string;
}

export interface InviteResult {
  staff: StaffView;
  /** The one-time set-up link; also emailed unless `mail: false`. */
  url: string;
}

function invalid(problems: FieldProblem[]): AppError {
  return badRequest(problems.map((p) => p.message).join(' '), problems);
}

async function requireStaff(ctx: AppContext, id: number): Promise<StaffRow> {
  const row = await findStaffById(ctx.db.kysely, id);
  if (!row) throw notFound('Staff member');
  return row;
}

const isSelf = (actor: Principal | undefined, id: number) => actor?.kind === 'staff' && actor.staffId === id;

/** Refuses a change that would leave nobody able to sign in as owner. */
async function keepAnOwner(ctx: AppContext, row: StaffRow): Promise<void> {
  if (row.role !== 'owner' || row.disabled_at || !row.totp_enabled_at) return;
  if ((await countUsableOwners(ctx.db.kysely, row.id)) === 0) {
    throw conflict('last_owner', 'This is the only owner who can sign in: make someone else owner first.');
  }
}

export async function listStaffMembers(ctx: AppContext): Promise<StaffView[]> {
  return (await listStaffRows(ctx.db.kysely)).map((row) => toStaffView(row));
}

export async function getStaffMember(ctx: AppContext, id: number): Promise<StaffView> {
  return toStaffView(await requireStaff(ctx, id));
}

/** Creates a member with a set-up link (72 hours, single use), queued by email unless `mail` is false (CLI). */
export async function inviteStaff(ctx: AppContext, input: InviteInput, options: { mail?: boolean } = {}): Promise<InviteResult> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const role = input.role.trim();
  const problems: FieldProblem[] = [];
  const e = emailProblem(email);
  if (e) problems.push({ path: '/email', message: e });
  const n = nameProblem(name);
  if (n) problems.push({ path: '/name', message: n });
  const r = roleProblem(role);
  if (r) problems.push({ path: '/role', message: r });
  if (problems.length) throw invalid(problems);
  if (await findStaffByEmail(ctx.db.kysely, email)) {
    throw conflict('email_taken', 'A staff member with this email address already exists.', [{ path: '/email', message: 'A staff member with this email address already exists.' }]);
  }
  const invite = newInvite(ctx, 'invite');
  let id: number;
  try {
    id = await ctx.db.kysely.transaction().execute(async (trx) => {
      const newId = await insertStaff(trx, { email, name, role, ...invite.columns });
      if (options.mail !== false) await queueStaffMail(trx, newId, invite.nonce);
      return newId;
    });
  } catch (err) {
    // Two invitations of the same address at once: the unique index decides, the loser gets the same 409.
    if (/unique/i.test((err as Error).message)) throw conflict('email_taken', 'A staff member with this email address already exists.');
    throw err;
  }
  ctx.log.info({ staffId: id, role }, 'staff member invited');
  return { staff: await getStaffMember(ctx, id), url: inviteUrl(ctx, invite.token) };
}

/** A new set-up link for a member whose set-up is not complete (the old link stops working). */
export async function resendInvite(ctx: AppContext, id: number): Promise<InviteResult> {
  const row = await requireStaff(ctx, id);
  if (row.disabled_at) throw conflict('staff_disabled', 'This staff member is disabled: enable them first.');
  if (!row.invite_kind) throw conflict('not_pending', 'This staff member has finished setting up; there is no invitation to resend.');
  const invite = newInvite(ctx, row.invite_kind);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('staff_users').set({ ...invite.columns, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await queueStaffMail(trx, id, invite.nonce);
  });
  return { staff: await getStaffMember(ctx, id), url: inviteUrl(ctx, invite.token) };
}

export async function changeRole(ctx: AppContext, id: number, role: string, actor?: Principal): Promise<StaffView> {
  const r = roleProblem(role);
  if (r) throw invalid([{ path: '/role', message: r }]);
  const row = await requireStaff(ctx, id);
  if (row.role === role) return toStaffView(row);
  await keepAnOwner(ctx, row);
  await ctx.db.kysely.updateTable('staff_users').set({ role: role as Role, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  ctx.log.info({ staffId: id, from: row.role, to: role, self: isSelf(actor, id) }, 'staff role changed');
  return getStaffMember(ctx, id);
}

/** Disables a member: no sign-in, sessions ended now, pending link dead. */
export async function disableStaff(ctx: AppContext, id: number, actor?: Principal): Promise<StaffView> {
  const row = await requireStaff(ctx, id);
  if (isSelf(actor, id)) throw conflict('cannot_disable_self', 'You cannot disable your own account.');
  if (row.disabled_at) return toStaffView(row);
  await keepAnOwner(ctx, row);
  await ctx.db.kysely.updateTable('staff_users').set({ disabled_at: new Date().toISOString(), updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  await revokeAllSessions(ctx, 'staff', id);
  ctx.log.info({ staffId: id }, 'staff member disabled');
  return getStaffMember(ctx, id);
}

export async function enableStaff(ctx: AppContext, id: number): Promise<StaffView> {
  const row = await requireStaff(ctx, id);
  if (!row.disabled_at) return toStaffView(row);
  await ctx.db.kysely.updateTable('staff_users').set({ disabled_at: null, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  ctx.log.info({ staffId: id }, 'staff member enabled');
  return getStaffMember(ctx, id);
}

/**
 * For a lost phone: two-factor and recovery codes are removed, sessions ended, and the member gets a link to enrol a
 * new authenticator (confirming their password). Until then they cannot sign in.
 */
export async function resetTwoFactor(ctx: AppContext, id: number): Promise<InviteResult> {
  const row = await requireStaff(ctx, id);
  if (row.disabled_at) throw conflict('staff_disabled', 'This staff member is disabled: enable them first.');
  if (!row.password_hash || row.invite_kind === 'invite') {
    throw conflict('not_set_up', 'This staff member has not finished setting up yet: resend the invitation instead.');
  }
  await keepAnOwner(ctx, row);
  const invite = newInvite(ctx, 'reset_2fa');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff_users')
      .set({ ...invite.columns, totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('staff_recovery_codes').where('staff_id', '=', id).execute();
    await queueStaffMail(trx, id, invite.nonce);
  });
  await revokeAllSessions(ctx, 'staff', id);
  ctx.log.info({ staffId: id }, 'staff two-factor reset');
  return { staff: await getStaffMember(ctx, id), url: inviteUrl(ctx, invite.token) };
}
