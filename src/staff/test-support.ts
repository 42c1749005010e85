// For tests: staff members created directly (password set, two-factor enrolled), and the codes their app would show.
import type { Role } from '../platform/auth/roles.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import type { AppContext } from '../platform/context.ts';
import { regenerateRecoveryCodes } from './credentials.ts';
import { findStaffById, insertStaff, updateStaff } from './staff.repository.ts';
import { encryptTotpSecret, newTotpSecret, totpCode } from './totp.ts';

export const TEST_STAFF_PASSWORD = 'tamarind-kettle-Orbit-42';

// argon2 is deliberately slow: hash the shared test password once per process.
let passwordHash: Promise<string> | null = null;

export interface TestStaff {
  id: number;
  email: string;
  name: string;
  role: Role;
  password: string;
  totpSecret: string;
  recoveryCodes: string[];
}

let counter = 0;

/** An enrolled, active member of `role` with TEST_STAFF_PASSWORD (or `password`), two-factor and recovery codes. */
export async function createTestStaff(ctx: AppContext, role: Role = 'owner', options: { email?: string; name?: string; password?: string } = {}): Promise<TestStaff> {
  counter += 1;
  const email = options.email ?? `${role}.${process.pid}.${counter}.${Date.now()}@staff.example`;
  const name = options.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} Tester ${counter}`;
  const password = options.password ?? TEST_STAFF_PASSWORD;
  const hash = options.password ? await hashPassword(password) : await (passwordHash ??= hashPassword(TEST_STAFF_PASSWORD));
  const id = await insertStaff(ctx.db.kysely, { email, name, role, invite_kind: null, invite_nonce: null, invite_token_hash: null, invite_expires_at: null });
  const totpSecret = newTotpSecret();
  const now = new Date().toISOString();
  await updateStaff(ctx.db.kysely, id, {
    password_hash: hash, password_changed_at: now, totp_secret_enc: encryptTotpSecret(loadSecret(ctx.config.dataDir), id, totpSecret), totp_enabled_at: now,
  });
  const recoveryCodes = await regenerateRecoveryCodes(ctx, id);
  return { id, email, name, role, password, totpSecret, recoveryCodes };
}

const STEP_MS = 30_000;

/**
 * A code the server will accept now: the current one, or the next one when the current time step was already used
 * (waiting for the step after that when both were).
 */
export async function freshTotpCode(ctx: AppContext, staffId: number, secret: string): Promise<string> {
  for (;;) {
    const row = await findStaffById(ctx.db.kysely, staffId);
    const last = row?.totp_last_step ?? -1;
    const now = Date.now();
    const step = Math.floor(now / STEP_MS);
    if (last < step) return totpCode(secret, now);
    if (last < step + 1) return totpCode(secret, now + STEP_MS);
    await new Promise((r) => setTimeout(r, (step + 1) * STEP_MS - now + 50));
  }
}

export interface Mailbox {
  url: string;
  mails: import('mailparser').ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on a free port that keeps what it receives (set SMTP_URL to its url). */
export async function startMailbox(): Promise<Mailbox> {
  const { SMTPServer } = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  const mails: Mailbox['mails'] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => { mails.push(m); callback(); }).catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as import('node:net').AddressInfo).port}`,
    mails,
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}

/** Runs the queued staff emails now. */
export async function sendStaffMail(ctx: AppContext): Promise<void> {
  const { runJobsUntilIdle } = await import('../platform/jobs/index.ts');
  const { STAFF_MAIL_JOB, staffMailJobHandler } = await import('./invite-mail.tsx');
  await runJobsUntilIdle(ctx, { [STAFF_MAIL_JOB]: staffMailJobHandler(ctx) }, { retryBaseMs: 10 });
}

/** The set-up link in the newest email to `address`. */
export function setupLinkFor(mails: Mailbox['mails'], address: string): { url: string; token: string; subject: string } {
  const mail = [...mails].reverse().find((m) => [m.to].flat().some((a) => a?.text.toLowerCase().includes(address.toLowerCase())));
  if (!mail) throw new Error(`no email to ${address} (got ${mails.length})`);
  const url = /https?:\/\/\S+\/admin\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
  if (!url) throw new Error('no set-up link in the email');
  return { url, token: url.slice(url.lastIndexOf('/') + 1), subject: mail.subject ?? '' };
}
