// Accepting a set-up link: choose a password (new members), enrol the authenticator app (confirming one code), receive
// the recovery codes. After a two-factor reset the member confirms their existing password instead of choosing one.
import type { FastifyRequest } from 'fastify';
import { hashPassword } from '../platform/auth/password.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import type { AppContext } from '../platform/context.ts';
import { confirmPassword, newPasswordProblems, regenerateRecoveryCodes } from './credentials.ts';
import { CLEARED_INVITE, hashInviteToken, isInviteToken } from './invites.ts';
import { claimTotpStep, findStaffById, findStaffByInviteHash, updateStaff, type StaffRow } from './staff.repository.ts';
import { inviteValid, type FieldProblem } from './staff-rules.ts';
import { decryptTotpSecret, encryptTotpSecret, newTotpSecret, verifyTotp } from './totp.ts';

export type SetupStep = 'password' | 'two_factor';

/** The member a set-up link belongs to while it works (well-formed, current, unexpired, member not disabled). */
export async function findSetup(ctx: AppContext, token: string): Promise<{ staff: StaffRow; step: SetupStep } | null> {
  if (!isInviteToken(token)) return null;
  const row = await findStaffByInviteHash(ctx.db.kysely, hashInviteToken(token));
  if (!row || !row.invite_kind || !inviteValid(row)) return null;
  return { staff: row, step: row.invite_kind === 'invite' && !row.password_hash ? 'password' : 'two_factor' };
}

/** Step one of an invitation: the password, under the policy. Returns the problems, empty when it was set. */
export async function chooseInitialPassword(ctx: AppContext, staff: StaffRow, password: string, confirm: string): Promise<FieldProblem[]> {
  if (staff.invite_kind !== 'invite' || staff.password_hash) return [{ path: '', message: 'A password is already set for this account.' }];
  const problems = await newPasswordProblems(ctx, staff, password, confirm);
  if (problems.length) return problems;
  await updateStaff(ctx.db.kysely, staff.id, { password_hash: await hashPassword(password), password_changed_at: new Date().toISOString(), must_change_password: 0 });
  return [];
}

/**
 * The secret being enrolled: the pending one when the page is shown again (so a code from an app that already
 * scanned it still works), otherwise a new one, stored encrypted but not enabled until a code confirms it.
 */
export async function enrolmentSecret(ctx: AppContext, staff: StaffRow): Promise<string> {
  const serverSecret = loadSecret(ctx.config.dataDir);
  const pending = staff.totp_enabled_at ? null : decryptTotpSecret(serverSecret, staff.id, staff.totp_secret_enc);
  if (pending) return pending;
  const secret = newTotpSecret();
  await updateStaff(ctx.db.kysely, staff.id, { totp_secret_enc: encryptTotpSecret(serverSecret, staff.id, secret), totp_enabled_at: null, totp_last_step: null });
  return secret;
}

/**
 * Last step: one code from the app proves it holds the secret; two-factor is enabled, the link is spent (once, even
 * when submitted twice at the same time) and ten recovery codes are returned to be shown once.
 */
export async function completeEnrolment(
  ctx: AppContext,
  request: FastifyRequest,
  token: string,
  input: { code: string; password?: string },
): Promise<{ ok: true; staff: StaffRow; recoveryCodes: string[] } | { ok: false; problems: FieldProblem[] }> {
  const found = await findSetup(ctx, token);
  if (!found || found.step !== 'two_factor') return { ok: false, problems: [{ path: '', message: 'This set-up link no longer works.' }] };
  const staff = found.staff;
  if (staff.invite_kind === 'reset_2fa' && !(await confirmPassword(ctx, request, staff, input.password ?? ''))) {
    return { ok: false, problems: [{ path: '/password', message: 'Your password is not right.' }] };
  }
  const secret = decryptTotpSecret(loadSecret(ctx.config.dataDir), staff.id, staff.totp_secret_enc);
  const step = secret ? verifyTotp(secret, input.code) : null;
  if (step === null) {
    return { ok: false, problems: [{ path: '/code', message: 'This code is not right. Type the 6-digit code your app shows now.' }] };
  }
  const recoveryCodes = await ctx.db.kysely.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('staff_users')
      .set({ ...CLEARED_INVITE, totp_enabled_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .where('id', '=', staff.id)
      .where('invite_token_hash', '=', hashInviteToken(token))
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return null;
    return regenerateRecoveryCodes(ctx, staff.id, trx);
  });
  if (!recoveryCodes) return { ok: false, problems: [{ path: '', message: 'This set-up link no longer works.' }] };
  await claimTotpStep(ctx.db.kysely, staff.id, step);
  ctx.log.info({ staffId: staff.id, kind: staff.invite_kind }, 'staff two-factor enrolled');
  return { ok: true, staff: (await findStaffById(ctx.db.kysely, staff.id))!, recoveryCodes };
}
