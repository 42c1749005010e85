import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import { createSession, hashSessionToken, listSessions } from '../platform/auth/sessions.ts';
import type { App } from '../platform/http/app.ts';
import { createTestStaff, freshTotpCode, TEST_STAFF_PASSWORD } from '../staff/test-support.ts';
import { totpCode } from '../staff/totp.ts';
import { adminBrowser, cookieFrom, csrfIn, formBody, signIn, signInAs } from './admin-test-helpers.ts';

let ctx: TestContext;
let app: App;

before(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
});
after(async () => {
  await app.close();
  await ctx.close();
});

const GENERIC = /The email address, password or code is not right\./;
let address = 0;
/** A different client address per test, so one test's failures do not throttle another. */
const nextAddress = () => `198.51.100.${++address}`;

describe('back-office sign-in', () => {
  test('email, password and code set an HttpOnly, SameSite=Strict session cookie scoped to /admin, and pages open', async () => {
    const staff = await createTestStaff(ctx, 'owner', { name: 'Ana Owner' });
    const res = await signIn(app, { email: staff.email.toUpperCase(), password: staff.password, code: totpCode(staff.totpSecret) });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/admin');
    const setCookie = cookieFrom(res.headers['set-cookie'], 'pasar_admin')!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\/admin/);
    assert.match(setCookie, /Max-Age=43200/);
    assert.doesNotMatch(setCookie, /Secure/, 'plain http BASE_URL');
    const token = decodeURIComponent(setCookie.split(';')[0]!.split('=')[1]!);
    const stored = await ctx.db.kysely.selectFrom('auth_sessions').selectAll().where('subject_id', '=', staff.id).where('subject', '=', 'staff').execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.token_hash, hashSessionToken(token), 'only the hash of the token is stored');

    const cookie = setCookie.split(';')[0]!;
    const page = await app.inject({ url: '/admin', headers: { cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ana Owner/);
    assert.match(page.body, /<meta name="robots" content="noindex, nofollow"/);
    for (const label of ['Dashboard', 'Products', 'Reviews', 'News', 'Pages']) assert.match(page.body, new RegExp(`>${label}<`));
    assert.equal(page.headers['cache-control'], 'no-store');
    // Signed-in visitors skip the sign-in form.
    assert.equal((await app.inject({ url: '/admin/login', headers: { cookie } })).statusCode, 302);
    const row = await ctx.db.kysely.selectFrom('staff_users').select('last_login_at').where('id', '=', staff.id).executeTakeFirstOrThrow();
    assert.ok(row.last_login_at);
  });

  test('every wrong answer gets the same message and no session: unknown email, wrong password, wrong code, disabled, not set up', async () => {
    const staff = await createTestStaff(ctx, 'support');
    const disabled = await createTestStaff(ctx, 'support');
    await ctx.db.kysely.updateTable('staff_users').set({ disabled_at: new Date().toISOString() }).where('id', '=', disabled.id).execute();
    const pending = await createTestStaff(ctx, 'support');
    await ctx.db.kysely.updateTable('staff_users').set({ totp_enabled_at: null }).where('id', '=', pending.id).execute();
    const remoteAddress = nextAddress();
    const attempts = [
      { email: 'nobody@staff.example', password: TEST_STAFF_PASSWORD, code: '123456' },
      { email: staff.email, password: 'wrong-password-entirely', code: totpCode(staff.totpSecret) },
      { email: staff.email, password: staff.password, code: totpCode(staff.totpSecret) === '000000' ? '111111' : '000000' },
      { email: staff.email, password: staff.password, code: 'aaaaa-bbbbb' },
      { email: disabled.email, password: disabled.password, code: totpCode(disabled.totpSecret) },
      { email: pending.email, password: pending.password, code: totpCode(pending.totpSecret) },
      { email: "' OR 1=1 --", password: '<script>alert(1)</script>', code: '<b>1</b>' },
    ];
    for (const fields of attempts) {
      const res = await signIn(app, fields, {}, { remoteAddress });
      assert.equal(res.statusCode, 401, JSON.stringify(fields));
      assert.match(res.body, GENERIC);
      assert.equal(cookieFrom(res.headers['set-cookie'], 'pasar_admin'), undefined);
      assert.ok(!res.body.includes('<script>alert(1)</script>'));
      assert.ok(!res.body.includes('<b>1</b>'));
    }
    assert.equal(await ctx.db.kysely.selectFrom('auth_sessions').select('id').where('subject_id', 'in', [staff.id, disabled.id, pending.id]).executeTakeFirst(), undefined);
  });

  test('missing fields are named, the email is kept, the password is not', async () => {
    const res = await signIn(app, { email: 'ana@staff.example', password: '', code: '' }, {}, { remoteAddress: nextAddress() });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter your password/);
    assert.match(res.body, /Enter the code/);
    assert.match(res.body, /value="ana@staff.example"/);
  });

  test('a code is accepted once; a recovery code signs in once and says so', async () => {
    const staff = await createTestStaff(ctx, 'manager');
    const code = totpCode(staff.totpSecret);
    const remoteAddress = nextAddress();
    assert.equal((await signIn(app, { email: staff.email, password: staff.password, code }, {}, { remoteAddress })).statusCode, 303);
    const replay = await signIn(app, { email: staff.email, password: staff.password, code }, {}, { remoteAddress });
    assert.equal(replay.statusCode, 401, 'the same code cannot be used twice');

    const recovery = staff.recoveryCodes[3]!;
    const withCode = await signIn(app, { email: staff.email, password: staff.password, code: recovery.toUpperCase().replace('-', ' ') }, {}, { remoteAddress });
    assert.equal(withCode.statusCode, 303);
    assert.equal(withCode.headers.location, '/admin/account?recovery=used');
    const cookie = cookieFrom(withCode.headers['set-cookie'], 'pasar_admin')!.split(';')[0]!;
    const account = await app.inject({ url: '/admin/account?recovery=used', headers: { cookie } });
    assert.match(account.body, /recovery code, which now no longer works\. 9 unused codes left/);
    assert.equal((await signIn(app, { email: staff.email, password: staff.password, code: recovery }, {}, { remoteAddress })).statusCode, 401);
  });

  test('a session cookie brought to the sign-in is ended and replaced (no fixation)', async () => {
    const staff = await createTestStaff(ctx, 'owner');
    const planted = await createSession(ctx, { subject: 'staff', subjectId: staff.id, ttlMs: 3600_000 });
    const form = await app.inject({ url: '/admin/login' });
    const loginCookie = cookieFrom(form.headers['set-cookie'], 'pasar_admin_login')!.split(';')[0]!;
    const res = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie: `pasar_admin=${planted.token}; ${loginCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: csrfIn(form.body)!, email: staff.email, password: staff.password, code: await freshTotpCode(ctx, staff.id, staff.totpSecret) }),
    });
    assert.equal(res.statusCode, 303);
    const fresh = cookieFrom(res.headers['set-cookie'], 'pasar_admin')!.split(';')[0]!;
    assert.notEqual(fresh, `pasar_admin=${planted.token}`);
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: `pasar_admin=${planted.token}` } })).statusCode, 302, 'the old session is over');
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: fresh } })).statusCode, 200);
  });

  test('the sign-in form needs its double-submit token', async () => {
    const staff = await createTestStaff(ctx, 'owner');
    const fields = { email: staff.email, password: staff.password, code: totpCode(staff.totpSecret) };
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const noCookie = await app.inject({ method: 'POST', url: '/admin/login', headers, payload: formBody({ ...fields, _csrf: 'x'.repeat(32) }) });
    assert.equal(noCookie.statusCode, 403);
    const form = await app.inject({ url: '/admin/login' });
    const loginCookie = cookieFrom(form.headers['set-cookie'], 'pasar_admin_login')!.split(';')[0]!;
    const mismatch = await app.inject({ method: 'POST', url: '/admin/login', headers: { ...headers, cookie: loginCookie }, payload: formBody({ ...fields, _csrf: 'y'.repeat(32) }) });
    assert.equal(mismatch.statusCode, 403);
    assert.equal(cookieFrom(mismatch.headers['set-cookie'], 'pasar_admin'), undefined);
    assert.ok(csrfIn(form.body));
    const unknownField = await app.inject({ method: 'POST', url: '/admin/login', headers: { ...headers, cookie: loginCookie }, payload: formBody({ ...fields, _csrf: csrfIn(form.body)!, api_key: 'x' }) });
    assert.equal(unknownField.statusCode, 400);
  });

  test('repeated failures lock the account with a clear message; even the right password waits', async () => {
    const staff = await createTestStaff(ctx, 'owner');
    const remoteAddress = nextAddress();
    for (let i = 0; i < 5; i++) {
      const res = await signIn(app, { email: staff.email, password: `wrong-${i}-password`, code: '123456' }, {}, { remoteAddress });
      assert.equal(res.statusCode, 401);
    }
    const locked = await signIn(app, { email: staff.email, password: staff.password, code: totpCode(staff.totpSecret) }, {}, { remoteAddress: nextAddress() });
    assert.equal(locked.statusCode, 423);
    assert.match(locked.body, /locked after too many failed sign-in attempts\. It unlocks at \d\d:\d\d UTC \(in 15 minutes\)/);
    assert.ok(Number(locked.headers['retry-after']) > 800);
    assert.equal(cookieFrom(locked.headers['set-cookie'], 'pasar_admin'), undefined);
  });

  test('an address that keeps failing gets 429 with Retry-After', async () => {
    const remoteAddress = nextAddress();
    let last = await signIn(app, { email: 'a0@staff.example', password: 'x', code: '123456' }, {}, { remoteAddress });
    for (let i = 1; i < 21 && last.statusCode === 401; i++) {
      last = await signIn(app, { email: `a${i}@staff.example`, password: 'x', code: '123456' }, {}, { remoteAddress });
    }
    assert.equal(last.statusCode, 429);
    assert.match(last.body, /Too many sign-in attempts from your network/);
    const retryAfter = Number(last.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 300, String(retryAfter));
  });

  test('pages without a session redirect to the sign-in page, POSTs too', async () => {
    for (const url of ['/admin', '/admin/news', '/admin/pages', '/admin/news/new', '/admin/news/1', '/admin/staff', '/admin/account']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, '/admin/login');
    }
    const post = await app.inject({ method: 'POST', url: '/admin/news', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'author=x' });
    assert.equal(post.statusCode, 302);
    for (const forged of ['A'.repeat(43), '1.99999999999999.AAAAAAAAAAAAAAAAAAAAAAAA.' + 'A'.repeat(43), "'; drop table auth_sessions; --"]) {
      const res = await app.inject({ url: '/admin', headers: { cookie: `pasar_admin=${encodeURIComponent(forged)}` } });
      assert.equal(res.statusCode, 302);
      assert.match(cookieFrom(res.headers['set-cookie'], 'pasar_admin')!, /Max-Age=0/);
    }
  });

  test('an API key no longer opens the back office', async () => {
    const { key } = await createApiKey(ctx.db.kysely, { name: 'machine', role: 'owner' });
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: `pasar_admin=${key}` } })).statusCode, 302);
  });

  test('disabling the member or revoking the session signs them out at the next request; expired sessions are refused', async () => {
    const browser = await adminBrowser(app, ctx, 'owner');
    assert.equal((await browser.get('/admin')).statusCode, 200);
    await ctx.db.kysely.updateTable('staff_users').set({ disabled_at: new Date().toISOString() }).where('id', '=', browser.staffId).execute();
    assert.equal((await browser.get('/admin')).statusCode, 302);

    const other = await adminBrowser(app, ctx, 'owner');
    await ctx.db.kysely.updateTable('auth_sessions').set({ revoked_at: new Date().toISOString() }).where('subject_id', '=', other.staffId).execute();
    assert.equal((await other.get('/admin')).statusCode, 302);

    const third = await adminBrowser(app, ctx, 'owner');
    await ctx.db.kysely.updateTable('auth_sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('subject_id', '=', third.staffId).execute();
    assert.equal((await third.get('/admin')).statusCode, 302);
  });

  test('a role change applies at the next request', async () => {
    const browser = await adminBrowser(app, ctx, 'owner');
    assert.equal((await browser.get('/admin/staff')).statusCode, 200);
    await ctx.db.kysely.updateTable('staff_users').set({ role: 'support' }).where('id', '=', browser.staffId).execute();
    assert.equal((await browser.get('/admin/staff')).statusCode, 403);
  });

  test('the secret is generated once into DATA_DIR/secret.key with mode 600', () => {
    const file = path.join(ctx.dataDir, 'secret.key');
    assert.ok(fs.existsSync(file));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(loadSecret(ctx.dataDir), loadSecret(ctx.dataDir));
    assert.throws(() => loadSecret(ctx.dataDir, { SECRET_KEY: 'short' }));
    assert.deepEqual(loadSecret(ctx.dataDir, { SECRET_KEY: 'k'.repeat(40) }), Buffer.from('k'.repeat(40)));
  });

  test('sign-out needs the CSRF token, ends the session on the server and clears the cookie', async () => {
    const browser = await adminBrowser(app, ctx, 'owner');
    const forged = await app.inject({
      method: 'POST',
      url: '/admin/logout',
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=nope',
    });
    assert.equal(forged.statusCode, 403);
    const res = await browser.post('/admin/logout', {});
    assert.equal(res.statusCode, 303);
    assert.match(cookieFrom(res.headers['set-cookie'], 'pasar_admin')!, /Max-Age=0/);
    assert.equal((await browser.get('/admin')).statusCode, 302, 'the old cookie no longer works');
    assert.deepEqual(await listSessions(ctx, 'staff', browser.staffId), []);
  });

  test('an expired password must be changed before any other page', async () => {
    const staff = await createTestStaff(ctx, 'manager');
    const elsewhere = await signInAs(app, ctx, staff);
    await ctx.db.kysely.updateTable('staff_users').set({ password_changed_at: new Date(Date.now() - 91 * 86_400_000).toISOString() }).where('id', '=', staff.id).execute();
    const res = await signIn(app, { email: staff.email, password: staff.password, code: await freshTotpCode(ctx, staff.id, staff.totpSecret) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/account/password');
    const cookie = cookieFrom(res.headers['set-cookie'], 'pasar_admin')!.split(';')[0]!;
    for (const url of ['/admin', '/admin/orders', '/admin/account']) {
      const page = await app.inject({ url, headers: { cookie } });
      assert.equal(page.statusCode, 302, url);
      assert.equal(page.headers.location, '/admin/account/password');
    }
    const form = await app.inject({ url: '/admin/account/password', headers: { cookie } });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /more than 90 days old/);
    const csrf = csrfIn(form.body)!;
    const post = (fields: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/admin/account/password', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf, ...fields }) });
    const same = await post({ current_password: staff.password, new_password: staff.password, confirm_password: staff.password });
    assert.equal(same.statusCode, 400);
    assert.match(same.body, /different from your current one/);
    const weak = await post({ current_password: staff.password, new_password: 'password123', confirm_password: 'password123' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /leaked/);
    const wrongCurrent = await post({ current_password: 'not-my-password', new_password: 'mangga harum jatuh di kali', confirm_password: 'mangga harum jatuh di kali' });
    assert.equal(wrongCurrent.statusCode, 400);
    assert.match(wrongCurrent.body, /current password is not right/);
    const mismatch = await post({ current_password: staff.password, new_password: 'mangga harum jatuh di kali', confirm_password: 'mangga harum jatuh di sungai' });
    assert.equal(mismatch.statusCode, 400);
    const ok = await post({ current_password: staff.password, new_password: 'mangga harum jatuh di kali', confirm_password: 'mangga harum jatuh di kali' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/admin/account?done=password');
    assert.equal((await app.inject({ url: '/admin', headers: { cookie } })).statusCode, 200, 'the dashboard opens now');
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: elsewhere } })).statusCode, 302, 'other sessions were signed out');
  });

  test('Secure cookie when BASE_URL is https', async () => {
    const secureCtx = await createTestContext({ BASE_URL: 'https://shop.example' });
    const secureApp = await createTestApp(secureCtx);
    try {
      const staff = await createTestStaff(secureCtx, 'owner');
      const res = await signIn(secureApp, { email: staff.email, password: staff.password, code: totpCode(staff.totpSecret) });
      assert.equal(res.statusCode, 303);
      assert.match(cookieFrom(res.headers['set-cookie'], 'pasar_admin')!, /; Secure/);
    } finally {
      await secureApp.close();
      await secureCtx.close();
    }
  });

  test('the stylesheet is served', async () => {
    const res = await app.inject({ url: '/admin/assets/admin.css' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/css/);
  });
});
