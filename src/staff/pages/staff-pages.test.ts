// The staff pages through the app: accepting an invitation, the owners' staff page, API keys, one's own account.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { adminBrowser, cookieFrom, csrfIn, formBody, signInAs } from '../../admin/admin-test-helpers.ts';
import type { App } from '../../platform/http/app.ts';
import { inviteStaff } from '../staff.service.ts';
import { createTestStaff, freshTotpCode } from '../test-support.ts';
import { totpCode } from '../totp.ts';

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

const secretIn = (html: string) => /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/ /g, '');

/** A browser without a session: keeps the double-submit cookie of the last form it was shown. */
function visitor() {
  let formCookie = '';
  let token = '';
  const remember = (res: Awaited<ReturnType<App['inject']>>) => {
    const c = cookieFrom(res.headers['set-cookie'], 'pasar_admin_login');
    if (c) formCookie = c.split(';')[0]!;
    token = csrfIn(res.body) ?? token;
    return res;
  };
  return {
    get: async (url: string) => remember(await app.inject({ url })),
    post: async (url: string, fields: Record<string, string>, override?: { _csrf?: string }) =>
      remember(await app.inject({ method: 'POST', url, headers: { cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: token, ...fields, ...override }) })),
  };
}

describe('accepting an invitation', () => {
  it('password → QR code and key → code → recovery codes once → signed in; the link then no longer works', async () => {
    const { url } = await inviteStaff(ctx, { email: 'rina@toko.example', name: 'Rina Wijaya', role: 'marketing' }, { mail: false });
    const path = new URL(url).pathname;
    const v = visitor();
    const step1 = await v.get(path);
    assert.equal(step1.statusCode, 200);
    assert.match(step1.body, /Welcome, Rina Wijaya/);
    assert.match(step1.body, /<label for="f-new_password">/);
    assert.equal(step1.headers['cache-control'], 'no-store');
    assert.equal(step1.headers['referrer-policy'], 'same-origin', 'the token in the URL does not leak');

    const forged = await v.post(path, { step: 'password', new_password: 'mangga harum jatuh di kali', confirm_password: 'mangga harum jatuh di kali' }, { _csrf: 'x'.repeat(32) });
    assert.equal(forged.statusCode, 403);
    const weak = await v.post(path, { step: 'password', new_password: 'rina wijaya 2024', confirm_password: 'rina wijaya 2024' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /name or email/);
    assert.match(weak.body, /class="error-summary" role="alert"/);
    const ok = await v.post(path, { step: 'password', username: 'rina@toko.example', new_password: 'mangga harum jatuh di kali', confirm_password: 'mangga harum jatuh di kali' });
    assert.equal(ok.statusCode, 303);

    const step2 = await v.get(path);
    assert.equal(step2.statusCode, 200);
    assert.match(step2.body, /<svg role="img" aria-label="QR code for your authenticator app"/);
    const secret = secretIn(step2.body)!;
    assert.ok(secret && secret.length >= 32);
    const wrong = await v.post(path, { step: 'two_factor', code: totpCode(secret) === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /code is not right/);
    assert.equal(secretIn(wrong.body), secret, 'the same secret is shown again');
    const done = await v.post(path, { step: 'two_factor', code: totpCode(secret) });
    assert.equal(done.statusCode, 200);
    const codes = [...done.body.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]);
    assert.equal(codes.length, 10);
    const session = cookieFrom(done.headers['set-cookie'], 'pasar_admin')!.split(';')[0]!;
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: session } })).statusCode, 200, 'signed in');
    assert.equal((await v.get(path)).statusCode, 404, 'the link is spent');
  });

  it('an unknown, malformed or hostile link shows a 404 page', async () => {
    for (const token of ['A'.repeat(43), 'nope', '%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
      const res = await app.inject({ url: `/admin/invite/${token}` });
      assert.equal(res.statusCode, 404, token);
      assert.match(res.body, /This link does not work/);
      assert.doesNotMatch(res.body, /<script>alert/);
    }
    const post = await app.inject({ method: 'POST', url: `/admin/invite/${'A'.repeat(43)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'step=password' });
    assert.equal(post.statusCode, 404);
    const unknown = await app.inject({ method: 'POST', url: `/admin/invite/${'A'.repeat(43)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'step=password&admin=1' });
    assert.equal(unknown.statusCode, 400);
  });
});

describe('/admin/staff', () => {
  it('owners invite, change roles, disable and enable, and see errors on the page', async () => {
    const owner = await adminBrowser(app, ctx, 'owner');
    const page = await owner.get('/admin/staff');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Staff<\/h1>/);
    assert.match(page.body, /\(you\)/);

    const invited = await owner.post('/admin/staff', { email: 'joko@toko.example', name: 'Joko', role: 'warehouse' });
    assert.equal(invited.statusCode, 303);
    assert.equal(invited.headers.location, '/admin/staff?done=invited');
    const joko = await ctx.db.kysely.selectFrom('staff_users').select(['id', 'role']).where('email', '=', 'joko@toko.example').executeTakeFirstOrThrow();
    assert.match((await owner.get('/admin/staff?done=invited')).body, /Invitation sent/);
    const jobs = await ctx.db.kysely.selectFrom('jobs').select('kind').where('kind', '=', 'staff.mail').execute();
    assert.ok(jobs.length >= 1, 'the email is queued');

    const bad = await owner.post('/admin/staff', { email: 'not-an-email', name: '<script>x</script>', role: 'root' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /error-summary/);
    assert.doesNotMatch(bad.body, /<script>x<\/script>/);
    const dup = await owner.post('/admin/staff', { email: 'JOKO@toko.example', name: 'Joko', role: 'warehouse' });
    assert.equal(dup.statusCode, 409);

    assert.equal((await owner.post(`/admin/staff/${joko.id}/role`, { role: 'support' })).statusCode, 303);
    assert.equal((await ctx.db.kysely.selectFrom('staff_users').select('role').where('id', '=', joko.id).executeTakeFirstOrThrow()).role, 'support');
    assert.equal((await owner.post(`/admin/staff/${joko.id}/role`, { role: 'emperor' })).statusCode, 400);
    assert.equal((await owner.post('/admin/staff/999999/disable', {})).statusCode, 404);
    assert.equal((await owner.post(`/admin/staff/${owner.staffId}/disable`, {})).statusCode, 409);

    const member = await adminBrowser(app, ctx, 'manager');
    assert.equal((await owner.post(`/admin/staff/${member.staffId}/disable`, {})).statusCode, 303);
    assert.equal((await member.get('/admin')).statusCode, 302, 'signed out at once');
    assert.equal((await owner.post(`/admin/staff/${member.staffId}/enable`, {})).statusCode, 303);
    assert.equal((await owner.post(`/admin/staff/${member.staffId}/reset-two-factor`, {})).statusCode, 303);
    assert.equal((await owner.post(`/admin/staff/${joko.id}/resend-invite`, {})).statusCode, 303);

    const forged = await app.inject({ method: 'POST', url: `/admin/staff/${joko.id}/disable`, headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=forged' });
    assert.equal(forged.statusCode, 403);
    assert.equal((await ctx.db.kysely.selectFrom('staff_users').select('disabled_at').where('id', '=', joko.id).executeTakeFirstOrThrow()).disabled_at, null);
  });

  it('is closed to every other role', async () => {
    for (const role of ['manager', 'support', 'warehouse', 'marketing'] as const) {
      const browser = await adminBrowser(app, ctx, role);
      assert.equal((await browser.get('/admin/staff')).statusCode, 403, role);
      assert.equal((await browser.post('/admin/staff', { email: `${role}-x@toko.example`, name: 'X', role: 'owner' })).statusCode, 403);
      assert.equal((await browser.post('/admin/api-keys', { name: 'k', role: 'owner', expires_in_days: '30' })).statusCode, 403);
    }
    assert.equal(await ctx.db.kysely.selectFrom('staff_users').select('id').where('email', 'like', '%-x@toko.example').executeTakeFirst(), undefined);
  });

  it('creates an API key shown once, lists it, revokes it', async () => {
    const owner = await adminBrowser(app, ctx, 'owner');
    const created = await owner.post('/admin/api-keys', { name: 'Stock sync', role: 'warehouse', expires_in_days: '60' });
    assert.equal(created.statusCode, 200);
    const key = /data-testid="new-api-key">(pk_[^<]+)</.exec(created.body)![1]!;
    assert.equal((await app.inject({ url: '/api/admin/orders', headers: { authorization: `Bearer ${key}` } })).statusCode, 200);
    const again = await owner.get('/admin/staff');
    assert.ok(!again.body.includes(key), 'not shown again');
    assert.match(again.body, /Stock sync/);
    const row = await ctx.db.kysely.selectFrom('api_keys').select(['id', 'expires_at']).where('name', '=', 'Stock sync').executeTakeFirstOrThrow();
    assert.ok(row.expires_at);
    for (const fields of [{ name: '', role: 'owner', expires_in_days: '30' }, { name: 'k', role: 'owner', expires_in_days: 'forever' }, { name: 'k', role: 'owner', expires_in_days: '0' }, { name: 'k', role: 'x', expires_in_days: '30' }]) {
      const res = await owner.post('/admin/api-keys', fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, /error-summary/);
    }
    assert.equal((await owner.post(`/admin/api-keys/${row.id}/revoke`, {})).statusCode, 303);
    assert.equal((await app.inject({ url: '/api/admin/orders', headers: { authorization: `Bearer ${key}` } })).statusCode, 401);
    assert.equal((await owner.post('/admin/api-keys/999999/revoke', {})).statusCode, 404);
  });
});

describe('/admin/account', () => {
  it('lists one’s sessions, signs out another one or all others, never someone else’s', async () => {
    const staff = await createTestStaff(ctx, 'support');
    const laptop = await signInAs(app, ctx, staff);
    const phone = await signInAs(app, ctx, staff);
    const other = await adminBrowser(app, ctx, 'support');
    const page = await app.inject({ url: '/admin/account', headers: { cookie: laptop } });
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/data-testid="session-row"/g) ?? []).length, 2);
    assert.match(page.body, /\(this session\)/);
    const csrf = csrfIn(page.body)!;
    const post = (url: string, cookie: string, token = csrf) =>
      app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: token }) });

    const otherSessions = await ctx.db.kysely.selectFrom('auth_sessions').select('id').where('subject_id', '=', other.staffId).where('revoked_at', 'is', null).execute();
    const notMine = await post(`/admin/account/sessions/${otherSessions[0]!.id}/revoke`, laptop);
    assert.equal(notMine.statusCode, 404);
    assert.equal((await other.get('/admin')).statusCode, 200, 'someone else’s session is untouched');
    assert.equal((await post('/admin/account/sessions/nonsense/revoke', laptop)).statusCode, 404);

    const out = await post('/admin/account/sessions/revoke-others', laptop);
    assert.equal(out.statusCode, 303);
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: phone } })).statusCode, 302);
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: laptop } })).statusCode, 200);

    const mine = await ctx.db.kysely.selectFrom('auth_sessions').select('id').where('subject_id', '=', staff.id).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
    const self = await post(`/admin/account/sessions/${mine.id}/revoke`, laptop);
    assert.equal(self.statusCode, 303);
    assert.equal(self.headers.location, '/admin/login');
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: laptop } })).statusCode, 302);
  });

  it('makes new recovery codes after the password is confirmed', async () => {
    const browser = await adminBrowser(app, ctx, 'warehouse');
    const wrong = await browser.post('/admin/account/recovery-codes', { password: 'not my password' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /password is not right/);
    const empty = await browser.post('/admin/account/recovery-codes', {});
    assert.equal(empty.statusCode, 400);
    const ok = await browser.post('/admin/account/recovery-codes', { password: browser.staff.password });
    assert.equal(ok.statusCode, 200);
    const codes = [...ok.body.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10);
    assert.ok(codes.every((c) => !browser.staff.recoveryCodes.includes(c)));
    const { checkCredentials } = await import('../credentials.ts');
    assert.equal(await checkCredentials(ctx, { email: browser.staff.email, password: browser.staff.password, code: browser.staff.recoveryCodes[0]! }), null);
    assert.ok(await checkCredentials(ctx, { email: browser.staff.email, password: browser.staff.password, code: codes[0]! }));
    assert.ok(await freshTotpCode(ctx, browser.staffId, browser.staff.totpSecret));
  });
});
