// Staff services: secrets at rest, TOTP, recovery codes, invitations and the rules owners work under.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import { createSession, readSession } from '../platform/auth/sessions.ts';
import { AppError } from '../platform/http/errors.ts';
import { authenticateStaff, checkCredentials, regenerateRecoveryCodes } from './credentials.ts';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.ts';
import { completeEnrolment, chooseInitialPassword, enrolmentSecret, findSetup } from './setup.ts';
import { changeRole, disableStaff, enableStaff, inviteStaff, resendInvite, resetTwoFactor } from './staff.service.ts';
import { passwordExpired } from './staff-rules.ts';
import { createTestStaff, freshTotpCode, sendStaffMail, setupLinkFor, startMailbox, type Mailbox } from './test-support.ts';
import { decryptTotpSecret, encryptTotpSecret, newTotpSecret, totpCode, verifyTotp } from './totp.ts';

const request = (ip = '192.0.2.10') => ({ ip, headers: {}, log: { info() {}, warn() {} } }) as unknown as FastifyRequest;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    return err;
  }
  assert.fail('expected an AppError');
}

describe('TOTP', () => {
  it('accepts the current code and one step either side, nothing further, and refuses an used step', () => {
    const secret = newTotpSecret();
    const now = Date.parse('2026-11-25T10:00:10Z');
    const step = Math.floor(now / 30_000);
    assert.equal(verifyTotp(secret, totpCode(secret, now), { now }), step);
    assert.equal(verifyTotp(secret, totpCode(secret, now - 30_000), { now }), step - 1);
    assert.equal(verifyTotp(secret, totpCode(secret, now + 30_000), { now }), step + 1);
    assert.equal(verifyTotp(secret, totpCode(secret, now - 60_000), { now }), null);
    assert.equal(verifyTotp(secret, totpCode(secret, now + 60_000), { now }), null);
    assert.equal(verifyTotp(secret, totpCode(secret, now), { now, afterStep: step }), null, 'replay of the same step');
    assert.equal(verifyTotp(secret, totpCode(secret, now + 30_000), { now, afterStep: step }), step + 1);
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 34 5x', "'; --", '9'.repeat(1000)]) assert.equal(verifyTotp(secret, bad, { now }), null, bad);
    assert.equal(verifyTotp(newTotpSecret(), totpCode(secret, now), { now }), null, 'another secret');
  });

  it('keeps the secret encrypted: the stored value is not the secret, and only decrypts for its own row and server secret', () => {
    const serverSecret = Buffer.from('s'.repeat(40));
    const secret = newTotpSecret();
    const stored = encryptTotpSecret(serverSecret, 7, secret);
    assert.ok(!stored.includes(secret));
    assert.notEqual(encryptTotpSecret(serverSecret, 7, secret), stored, 'a fresh IV every time');
    assert.equal(decryptTotpSecret(serverSecret, 7, stored), secret);
    assert.equal(decryptTotpSecret(serverSecret, 8, stored), null, 'copied onto another row');
    assert.equal(decryptTotpSecret(Buffer.from('t'.repeat(40)), 7, stored), null, 'another server secret');
    const parts = stored.split('.');
    parts[2] = parts[2]!.slice(0, -2) + (parts[2]!.endsWith('AA') ? 'BB' : 'AA');
    assert.equal(decryptTotpSecret(serverSecret, 7, parts.join('.')), null, 'tampered');
    assert.equal(decryptTotpSecret(serverSecret, 7, 'garbage'), null);
    assert.equal(decryptTotpSecret(serverSecret, 7, null), null);
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes, typed in any case with or without the dash', () => {
    const codes = newRecoveryCodes();
    assert.equal(new Set(codes).size, 10);
    for (const c of codes) assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
    assert.equal(normaliseRecoveryCode(codes[0]!.toUpperCase()), codes[0]!.replace('-', ''));
    assert.equal(normaliseRecoveryCode(` ${codes[0]!.replace('-', ' ')} `), codes[0]!.replace('-', ''));
    assert.equal(normaliseRecoveryCode('abc'), null);
    assert.equal(normaliseRecoveryCode('0000000000'), null, 'look-alike characters are not in the alphabet');
    const key = Buffer.from('k'.repeat(40));
    assert.notEqual(hashRecoveryCode(key, 'abcdefghjk'), 'abcdefghjk');
    assert.notEqual(hashRecoveryCode(key, 'abcdefghjk'), hashRecoveryCode(Buffer.from('j'.repeat(40)), 'abcdefghjk'), 'keyed by the server secret');
  });
});

describe('staff services', () => {
  let ctx: TestContext;
  let mailbox: Mailbox;
  before(async () => {
    mailbox = await startMailbox();
    ctx = await createTestContext({ SMTP_URL: mailbox.url, SHOP_NAME: 'Toko Kopi' });
  });
  after(async () => {
    await ctx.close();
    await mailbox.close();
  });

  it('stores an argon2id hash, an encrypted TOTP secret and hashed recovery codes, nothing in the clear', async () => {
    const staff = await createTestStaff(ctx, 'owner');
    const row = await ctx.db.kysely.selectFrom('staff_users').selectAll().where('id', '=', staff.id).executeTakeFirstOrThrow();
    assert.match(row.password_hash!, /^\$argon2id\$/);
    assert.ok(!row.totp_secret_enc!.includes(staff.totpSecret), 'the column is not the secret');
    assert.equal(decryptTotpSecret(loadSecret(ctx.dataDir), staff.id, row.totp_secret_enc), staff.totpSecret);
    const codes = await ctx.db.kysely.selectFrom('staff_recovery_codes').selectAll().where('staff_id', '=', staff.id).execute();
    assert.equal(codes.length, 10);
    const dump = JSON.stringify({ row, codes });
    for (const c of staff.recoveryCodes) {
      assert.ok(!dump.includes(c) && !dump.includes(c.replace('-', '')));
    }
    assert.ok(!dump.includes(staff.password));
  });

  it('recovery codes work once each, and new ones replace the old', async () => {
    const staff = await createTestStaff(ctx, 'support');
    const code = staff.recoveryCodes[0]!;
    assert.ok(await checkCredentials(ctx, { email: staff.email, password: staff.password, code }));
    assert.equal(await checkCredentials(ctx, { email: staff.email, password: staff.password, code }), null, 'spent');
    assert.equal(await checkCredentials(ctx, { email: staff.email, password: 'wrong password here', code: staff.recoveryCodes[1]! }), null);
    assert.ok(await checkCredentials(ctx, { email: staff.email, password: staff.password, code: staff.recoveryCodes[1]! }), 'a wrong password did not spend the code');
    const fresh = await regenerateRecoveryCodes(ctx, staff.id);
    assert.equal(await checkCredentials(ctx, { email: staff.email, password: staff.password, code: staff.recoveryCodes[2]! }), null, 'old codes stop working');
    assert.ok(await checkCredentials(ctx, { email: staff.email, password: staff.password, code: fresh[0]! }));
  });

  it('invites by email: the link leads through password, two-factor and recovery codes, then works no more', async () => {
    const { staff, url } = await inviteStaff(ctx, { email: '  Siti.Rahma@Toko.example ', name: 'Siti Rahma', role: 'manager' });
    assert.equal(staff.email, 'siti.rahma@toko.example');
    assert.equal(staff.status, 'invited');
    await sendStaffMail(ctx);
    const mail = setupLinkFor(mailbox.mails, 'siti.rahma@toko.example');
    assert.equal(mail.url, url);
    assert.match(mail.subject, /You are invited to the Toko Kopi back office/);
    const row = await ctx.db.kysely.selectFrom('staff_users').selectAll().where('id', '=', staff.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes(mail.token), 'the link is not stored');

    const setup = (await findSetup(ctx, mail.token))!;
    assert.equal(setup.step, 'password');
    assert.match((await chooseInitialPassword(ctx, setup.staff, 'siti.rahma1990', 'siti.rahma1990'))[0]!.message, /name or email/);
    assert.match((await chooseInitialPassword(ctx, setup.staff, 'mangga harum jatuh di kali', 'different'))[0]!.message, /not the same/);
    assert.deepEqual(await chooseInitialPassword(ctx, setup.staff, 'mangga harum jatuh di kali', 'mangga harum jatuh di kali'), []);
    const step2 = (await findSetup(ctx, mail.token))!;
    assert.equal(step2.step, 'two_factor');
    const secret = await enrolmentSecret(ctx, step2.staff);
    assert.equal(await enrolmentSecret(ctx, (await findSetup(ctx, mail.token))!.staff), secret, 'shown again, the same secret');
    const wrong = await completeEnrolment(ctx, request(), mail.token, { code: '000000' === totpCode(secret) ? '111111' : '000000' });
    assert.equal(wrong.ok, false);
    const done = await completeEnrolment(ctx, request(), mail.token, { code: totpCode(secret) });
    assert.ok(done.ok);
    assert.equal(done.recoveryCodes.length, 10);
    assert.equal(await findSetup(ctx, mail.token), null, 'single use');
    assert.equal((await completeEnrolment(ctx, request(), mail.token, { code: totpCode(secret) })).ok, false);
    assert.equal(await checkCredentials(ctx, { email: 'siti.rahma@toko.example', password: 'mangga harum jatuh di kali', code: totpCode(secret) }), null, 'the enrolment code was used');
    assert.ok(await checkCredentials(ctx, { email: 'SITI.RAHMA@toko.example', password: 'mangga harum jatuh di kali', code: await freshTotpCode(ctx, staff.id, secret) }));
  });

  it('refuses bad invitations: duplicate, malformed, hostile, unknown role', async () => {
    await inviteStaff(ctx, { email: 'dup@toko.example', name: 'Dup', role: 'support' }, { mail: false });
    const dup = await rejection(inviteStaff(ctx, { email: 'DUP@toko.example', name: 'Dup 2', role: 'support' }));
    assert.equal(dup.status, 409);
    assert.equal(dup.code, 'email_taken');
    for (const input of [
      { email: 'not-an-email', name: 'X', role: 'support' },
      { email: 'a@b.example', name: '', role: 'support' },
      { email: 'a@b.example', name: 'X', role: 'admin' },
      { email: 'a@b.example', name: 'Evil\u202Egnp.exe', role: 'support' },
      { email: 'a@b.example', name: 'x'.repeat(101), role: 'support' },
      { email: `${'a'.repeat(250)}@b.example`, name: 'X', role: 'support' },
      { email: 'a@b.example\r\nBcc: all@x.example', name: 'X', role: 'support' },
    ]) {
      const err = await rejection(inviteStaff(ctx, input));
      assert.equal(err.status, 400, JSON.stringify(input));
    }
    assert.equal(await ctx.db.kysely.selectFrom('staff_users').select('id').where('email', '=', 'a@b.example').executeTakeFirst(), undefined);
  });

  it('resending replaces the link; an expired or replaced link does not work', async () => {
    const first = await inviteStaff(ctx, { email: 'late@toko.example', name: 'Late', role: 'support' }, { mail: false });
    const second = await resendInvite(ctx, first.staff.id);
    const token = (u: string) => u.slice(u.lastIndexOf('/') + 1);
    assert.equal(await findSetup(ctx, token(first.url)), null);
    assert.ok(await findSetup(ctx, token(second.url)));
    await ctx.db.kysely.updateTable('staff_users').set({ invite_expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', first.staff.id).execute();
    assert.equal(await findSetup(ctx, token(second.url)), null);
    for (const bad of ['', 'x', 'A'.repeat(43), '../../etc/passwd']) assert.equal(await findSetup(ctx, bad), null);
    // The job of a replaced link sends nothing.
    await sendStaffMail(ctx);
    assert.equal(mailbox.mails.filter((m) => m.to && JSON.stringify(m.to).includes('late@toko.example')).length, 0);
  });

  it('disabling signs out at once and blocks sign-in; the last owner stays', async () => {
    const owner = await createTestStaff(ctx, 'owner');
    const support = await createTestStaff(ctx, 'support');
    const { token } = await createSession(ctx, { subject: 'staff', subjectId: support.id, ttlMs: 3600_000 });
    const actor = { kind: 'staff' as const, staffId: owner.id, name: 'o', email: owner.email, role: 'owner' as const };
    assert.equal((await rejection(disableStaff(ctx, owner.id, actor))).code, 'cannot_disable_self');
    await disableStaff(ctx, support.id, actor);
    assert.equal(await readSession(ctx, 'staff', token), null);
    assert.equal(await checkCredentials(ctx, { email: support.email, password: support.password, code: totpCode(support.totpSecret) }), null);
    await enableStaff(ctx, support.id);
    assert.ok(await checkCredentials(ctx, { email: support.email, password: support.password, code: await freshTotpCode(ctx, support.id, support.totpSecret) }));

    // Make this owner the only usable one: everyone else's owner role goes.
    await ctx.db.kysely.updateTable('staff_users').set({ role: 'manager' }).where('id', '!=', owner.id).where('role', '=', 'owner').execute();
    assert.equal((await rejection(changeRole(ctx, owner.id, 'manager', actor))).code, 'last_owner');
    assert.equal((await rejection(disableStaff(ctx, owner.id))).code, 'last_owner');
    assert.equal((await rejection(resetTwoFactor(ctx, owner.id))).code, 'last_owner');
    await changeRole(ctx, support.id, 'owner', actor);
    assert.equal((await changeRole(ctx, owner.id, 'manager', actor)).role, 'manager');
    assert.equal((await rejection(changeRole(ctx, owner.id, 'superuser'))).status, 400);
    assert.equal((await rejection(changeRole(ctx, 999_999, 'manager'))).status, 404);
  });

  it('resetting two-factor ends sessions and codes; the member enrols again after confirming the password', async () => {
    const staff = await createTestStaff(ctx, 'warehouse');
    const { token } = await createSession(ctx, { subject: 'staff', subjectId: staff.id, ttlMs: 3600_000 });
    const { url } = await resetTwoFactor(ctx, staff.id);
    assert.equal(await readSession(ctx, 'staff', token), null);
    assert.equal(await checkCredentials(ctx, { email: staff.email, password: staff.password, code: staff.recoveryCodes[0]! }), null);
    const link = url.slice(url.lastIndexOf('/') + 1);
    const setup = (await findSetup(ctx, link))!;
    assert.equal(setup.step, 'two_factor');
    const secret = await enrolmentSecret(ctx, setup.staff);
    assert.notEqual(secret, staff.totpSecret);
    const noPassword = await completeEnrolment(ctx, request('192.0.2.77'), link, { code: totpCode(secret), password: 'wrong password here' });
    assert.equal(noPassword.ok, false);
    const done = await completeEnrolment(ctx, request('192.0.2.77'), link, { code: totpCode(secret), password: staff.password });
    assert.ok(done.ok);
    assert.ok(await checkCredentials(ctx, { email: staff.email, password: staff.password, code: await freshTotpCode(ctx, staff.id, secret) }));
  });

  it('authenticateStaff locks an account after five failures, even for the right password, and gives 401 the same for unknown emails', async () => {
    const staff = await createTestStaff(ctx, 'owner');
    const unknown = await rejection(authenticateStaff(ctx, request('192.0.2.50'), { email: 'nobody@toko.example', password: 'x', code: '123456' }));
    const wrong = await rejection(authenticateStaff(ctx, request('192.0.2.50'), { email: staff.email, password: 'x', code: '123456' }));
    assert.deepEqual([unknown.status, unknown.code, unknown.message], [wrong.status, wrong.code, wrong.message]);
    for (let i = 0; i < 4; i++) await rejection(authenticateStaff(ctx, request('192.0.2.51'), { email: staff.email, password: 'x', code: '123456' }));
    const locked = await rejection(authenticateStaff(ctx, request('192.0.2.52'), { email: staff.email, password: staff.password, code: totpCode(staff.totpSecret) }));
    assert.equal(locked.status, 423);
    assert.equal(locked.code, 'account_locked');
    assert.ok((locked.details as { retry_after_seconds: number }).retry_after_seconds > 800);
  });

  it('a password expires after STAFF_PASSWORD_MAX_AGE_DAYS, or when flagged', () => {
    const now = Date.parse('2026-11-25T00:00:00Z');
    const days = (n: number) => new Date(now - n * 86_400_000).toISOString();
    assert.equal(passwordExpired({ must_change_password: 0, password_changed_at: days(89) }, 90, now), false);
    assert.equal(passwordExpired({ must_change_password: 0, password_changed_at: days(91) }, 90, now), true);
    assert.equal(passwordExpired({ must_change_password: 1, password_changed_at: days(1) }, 90, now), true);
    assert.equal(passwordExpired({ must_change_password: 0, password_changed_at: days(1000) }, 0, now), false, '0 = never');
  });
});
