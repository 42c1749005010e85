// Signing in and proving who you are: password + two-factor code (or a recovery code), throttled; starting the
// session; changing the password; new recovery codes. Shared by the sign-in page and the admin auth API.
import type { FastifyRequest } from 'fastify';
import { loginThrottle } from '../platform/auth/login-throttle.ts';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from '../platform/auth/password.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import { createSession, revokeAllSessions, type SessionRecord } from '../platform/auth/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.ts';
import {
  claimTotpStep, consumeRecoveryCode, findStaffByEmail, findStaffById, replaceRecoveryCodes, updateStaff, type StaffRow,
} from './staff.repository.ts';
import { normaliseEmail, type FieldProblem } from './staff-rules.ts';
import { decryptTotpSecret, isTotpCode, verifyTotp } from './totp.ts';

export const INVALID_CREDENTIALS_MESSAGE = 'The email address, password or code is not right.';
export const invalidCredentials = () => new AppError(401, 'invalid_credentials', INVALID_CREDENTIALS_MESSAGE);

export interface Credentials {
  email: string;
  password: string;
  /** The 6-digit code of the authenticator app, or a recovery code. */
  code: string;
}

// An unknown email costs the same argon2 verification as a known one, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword(`no such account ${Math.random()}`));

const serverSecret = (ctx: AppContext) => loadSecret(ctx.config.dataDir);

/**
 * Checks a second factor: a TOTP code (each time step accepted once) or one of the unused recovery codes (then spent).
 * Returns which kind was used, or null.
 */
export async function checkSecondFactor(ctx: AppContext, row: StaffRow, code: string): Promise<'totp' | 'recovery' | null> {
  const trimmed = code.trim();
  if (isTotpCode(trimmed.replace(/\s+/g, ''))) {
    const secret = decryptTotpSecret(serverSecret(ctx), row.id, row.totp_secret_enc);
    if (!secret) return null;
    const step = verifyTotp(secret, trimmed, { afterStep: row.totp_last_step });
    if (step === null) return null;
    return (await claimTotpStep(ctx.db.kysely, row.id, step)) ? 'totp' : null;
  }
  const normalised = normaliseRecoveryCode(trimmed);
  if (!normalised) return null;
  return (await consumeRecoveryCode(ctx.db.kysely, row.id, hashRecoveryCode(serverSecret(ctx), normalised))) ? 'recovery' : null;
}

/**
 * The staff member these credentials prove, or null. The password is checked first and the code only when it is
 * right, so a wrong guess never spends a recovery code. Disabled and not yet enrolled accounts never pass.
 */
export async function checkCredentials(ctx: AppContext, input: Credentials): Promise<{ staff: StaffRow; factor: 'totp' | 'recovery' } | null> {
  const row = await findStaffByEmail(ctx.db.kysely, normaliseEmail(input.email));
  if (!row || !row.password_hash) {
    await verifyPassword(await dummy(), input.password);
    return null;
  }
  if (!(await verifyPassword(row.password_hash, input.password))) return null;
  if (row.disabled_at || !row.totp_enabled_at) return null;
  const factor = await checkSecondFactor(ctx, row, input.code);
  if (!factor) return null;
  if (needsRehash(row.password_hash)) await updateStaff(ctx.db.kysely, row.id, { password_hash: await hashPassword(input.password) });
  return { staff: row, factor };
}

/**
 * Sign-in with throttling: 429 for a flooding address, 423 while the account is locked (even with the right
 * password), 401 `invalid_credentials` with one message for every kind of wrong answer.
 */
export async function authenticateStaff(ctx: AppContext, request: FastifyRequest, input: Credentials) {
  const throttle = loginThrottle(ctx, 'staff');
  const account = normaliseEmail(input.email);
  await throttle.check(request, account);
  const result = await checkCredentials(ctx, input);
  if (!result) {
    await throttle.failure(request, account);
    request.log.info({ ip: request.ip }, 'back office sign-in refused');
    throw invalidCredentials();
  }
  await throttle.success(request, account);
  return result;
}

export const staffSessionTtlMs = (ctx: AppContext) => ctx.config.auth.staffSessionHours * 3600_000;

/** A new session for a member who just proved who they are. */
export async function startStaffSession(ctx: AppContext, request: FastifyRequest, staffId: number): Promise<{ token: string; session: SessionRecord }> {
  const started = await createSession(ctx, {
    subject: 'staff',
    subjectId: staffId,
    ttlMs: staffSessionTtlMs(ctx),
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? ''),
  });
  await updateStaff(ctx.db.kysely, staffId, { last_login_at: started.session.createdAt });
  request.log.info({ staffId }, 'back office sign-in');
  return started;
}

/**
 * Verifies a signed-in member's current password (for sensitive changes), throttled like sign-in so a borrowed
 * session cannot be used to guess it.
 */
export async function confirmPassword(ctx: AppContext, request: FastifyRequest, row: StaffRow, password: string): Promise<boolean> {
  const throttle = loginThrottle(ctx, 'staff');
  await throttle.check(request, row.email);
  if (row.password_hash && (await verifyPassword(row.password_hash, password))) return true;
  await throttle.failure(request, row.email);
  return false;
}

/** What is wrong with a new password for this member (policy, personal data, same as before); empty when fine. */
export async function newPasswordProblems(ctx: AppContext, row: StaffRow, password: string, confirm?: string): Promise<FieldProblem[]> {
  const problems = passwordProblems(password, [row.email, row.name, ctx.config.shopName]);
  if (problems.length) return [{ path: '/new_password', message: problems.join(' ') }];
  if (confirm !== undefined && confirm !== password) return [{ path: '/confirm_password', message: 'The two new passwords are not the same.' }];
  if (row.password_hash && (await verifyPassword(row.password_hash, password))) {
    return [{ path: '/new_password', message: 'Choose a password different from your current one.' }];
  }
  return [];
}

/**
 * Sets a new password (after the caller proved the current one) and ends the member's other sessions; the one in
 * use (`keepSessionId`) stays. Returns the problems with the new password, empty when it was changed.
 */
export async function setNewPassword(ctx: AppContext, staffId: number, password: string, options: { confirm?: string; keepSessionId?: string } = {}): Promise<FieldProblem[]> {
  const row = await findStaffById(ctx.db.kysely, staffId);
  if (!row) throw new AppError(404, 'not_found', 'Staff member not found');
  const problems = await newPasswordProblems(ctx, row, password, options.confirm);
  if (problems.length) return problems;
  await updateStaff(ctx.db.kysely, staffId, { password_hash: await hashPassword(password), password_changed_at: new Date().toISOString(), must_change_password: 0 });
  await revokeAllSessions(ctx, 'staff', staffId, options.keepSessionId);
  ctx.log.info({ staffId }, 'staff password changed');
  return [];
}

/** Ten new recovery codes (the old ones stop working); returned once, only their hashes are kept. */
export async function regenerateRecoveryCodes(ctx: AppContext, staffId: number, db = ctx.db.kysely): Promise<string[]> {
  const codes = newRecoveryCodes();
  const secret = serverSecret(ctx);
  await replaceRecoveryCodes(db, staffId, codes.map((c) => hashRecoveryCode(secret, normaliseRecoveryCode(c)!)));
  return codes;
}
