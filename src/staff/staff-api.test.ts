// The admin auth API (staff session tokens), the staff management API and the API keys API, including bad input.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import type { App } from '../platform/http/app.ts';
import { createTestStaff, freshTotpCode, sendStaffMail, setupLinkFor, startMailbox, type Mailbox, type TestStaff } from './test-support.ts';
import { totpCode } from './totp.ts';

let ctx: TestContext;
let app: App;
let mailbox: Mailbox;
let address = 0;
const nextAddress = () => `203.0.113.${++address}`;

before(async () => {
  mailbox = await startMailbox();
  ctx = await createTestContext({ SMTP_URL: mailbox.url });
  app = await createTestApp(ctx);
});
after(async () => {
  await app.close();
  await ctx.close();
  await mailbox.close();
});

const login = (body: unknown, remoteAddress = nextAddress()) => app.inject({ method: 'POST', url: '/api/admin/auth/login', payload: body as object, remoteAddress });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function tokenFor(staff: TestStaff): Promise<string> {
  const res = await login({ email: staff.email, password: staff.password, totp: await freshTotpCode(ctx, staff.id, staff.totpSecret) });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().token;
}

describe('POST /api/admin/auth/login', () => {
  it('gives a session token that works as Bearer on the admin API, with the role’s permissions', async () => {
    const staff = await createTestStaff(ctx, 'support', { name: 'Budi Support' });
    const res = await login({ email: staff.email, password: staff.password, totp: totpCode(staff.totpSecret) });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(body.staff, { id: staff.id, email: staff.email, name: 'Budi Support', role: 'support' });
    const hours = (Date.parse(body.expires_at) - Date.now()) / 3600_000;
    assert.ok(hours > 11.9 && hours <= 12, String(hours));
    assert.equal((await app.inject({ url: '/api/admin/orders', headers: bearer(body.token) })).statusCode, 200);
    assert.equal((await app.inject({ url: '/api/admin/staff', headers: bearer(body.token) })).statusCode, 403, 'support may not manage staff');
    assert.equal((await app.inject({ url: '/api/admin/orders', headers: { cookie: `pasar_admin=${body.token}` } })).statusCode, 401, 'the API does not take cookies');

    const out = await app.inject({ method: 'POST', url: '/api/admin/auth/logout', headers: bearer(body.token) });
    assert.equal(out.statusCode, 204);
    assert.equal((await app.inject({ url: '/api/admin/orders', headers: bearer(body.token) })).statusCode, 401, 'signed out');
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/auth/logout', headers: bearer(body.token) })).statusCode, 401);
  });

  it('answers 401 with one message for unknown staff, a wrong password or a wrong code', async () => {
    const staff = await createTestStaff(ctx, 'owner');
    const ip = nextAddress();
    const answers = [];
    for (const body of [
      { email: 'ghost@staff.example', password: staff.password, totp: '123456' },
      { email: staff.email, password: 'wrong password here', totp: totpCode(staff.totpSecret) },
      { email: staff.email, password: staff.password, totp: totpCode(staff.totpSecret) === '000000' ? '111111' : '000000' },
    ]) {
      const res = await login(body, ip);
      assert.equal(res.statusCode, 401);
      answers.push(res.json());
    }
    assert.deepEqual(answers[0], { error: { code: 'invalid_credentials', message: 'The email address, password or code is not right.' } });
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
  });

  it('locks the account after repeated wrong passwords, with a clear message; the right password is refused until it unlocks', async () => {
    const staff = await createTestStaff(ctx, 'owner');
    for (let i = 0; i < 5; i++) assert.equal((await login({ email: staff.email, password: `guess number ${i}`, totp: '123456' })).statusCode, 401);
    const locked = await login({ email: staff.email, password: staff.password, totp: totpCode(staff.totpSecret) });
    assert.equal(locked.statusCode, 423);
    const error = locked.json().error;
    assert.equal(error.code, 'account_locked');
    assert.match(error.message, /locked after too many failed sign-in attempts\. It unlocks at \d\d:\d\d UTC \(in 15 minutes\)/);
    assert.ok(error.details.retry_after_seconds > 800 && error.details.retry_after_seconds <= 900);
    assert.equal(locked.headers['retry-after'], String(error.details.retry_after_seconds));
  });

  it('slows a flooding address down with 429 and Retry-After', async () => {
    const ip = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await login({ email: `flood${i}@staff.example`, password: 'x', totp: '123456' }, ip)).statusCode);
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
    assert.equal(statuses[20], 429);
    const res = await login({ email: 'flood@staff.example', password: 'x', totp: '123456' }, ip);
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().error.code, 'too_many_requests');
    const retryAfter = Number(res.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 300);
    assert.equal((await login({ email: 'flood@staff.example', password: 'x', totp: '123456' })).statusCode, 401, 'another address is not affected');
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    for (const body of [
      {},
      { email: 'a@b.example', password: 'x' },
      { email: 'a@b.example', password: 'x', totp: 123456 },
      { email: ['a@b.example'], password: 'x', totp: '123456' },
      { email: 'a@b.example', password: 'x', totp: '123456', role: 'owner' },
      { email: 'a@b.example', password: 'x'.repeat(1001), totp: '123456' },
      { email: 'a@b.example', password: '', totp: '123456' },
      { email: 'a@b.example', password: 'x', totp: '1' },
    ]) {
      const res = await login(body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.ok(res.json().error.code);
    }
    const notJson = await app.inject({ method: 'POST', url: '/api/admin/auth/login', headers: { 'content-type': 'application/json' }, payload: '{nope' });
    assert.equal(notJson.statusCode, 400);
    assert.equal(await ctx.db.kysely.selectFrom('auth_sessions').select('id').where('ip', '=', '127.0.0.1').executeTakeFirst(), undefined);
  });

  it('answers 403 password_expired until the password is changed with /api/admin/auth/password', async () => {
    const staff = await createTestStaff(ctx, 'manager');
    const oldToken = await tokenFor(staff);
    await ctx.db.kysely.updateTable('staff_users').set({ password_changed_at: new Date(Date.now() - 100 * 86_400_000).toISOString() }).where('id', '=', staff.id).execute();
    const expiredUse = await app.inject({ url: '/api/admin/orders', headers: bearer(oldToken) });
    assert.equal(expiredUse.statusCode, 403);
    assert.equal(expiredUse.json().error.code, 'password_expired');

    const res = await login({ email: staff.email, password: staff.password, totp: await freshTotpCode(ctx, staff.id, staff.totpSecret) });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'password_expired');
    assert.equal(res.json().token, undefined);

    const change = (body: object) => app.inject({ method: 'POST', url: '/api/admin/auth/password', payload: body, remoteAddress: nextAddress() });
    const same = await change({ email: staff.email, password: staff.password, new_password: staff.password, totp: await freshTotpCode(ctx, staff.id, staff.totpSecret) });
    assert.equal(same.statusCode, 400);
    assert.equal(same.json().error.code, 'weak_password');
    assert.match(same.json().error.message, /different from your current one/);
    const weak = await change({ email: staff.email, password: staff.password, new_password: 'qwertyuiopasdf', totp: await freshTotpCode(ctx, staff.id, staff.totpSecret) });
    assert.equal(weak.statusCode, 400);
    const wrong = await change({ email: staff.email, password: 'not my password', new_password: 'mangga harum jatuh di kali', totp: await freshTotpCode(ctx, staff.id, staff.totpSecret) });
    assert.equal(wrong.statusCode, 401);
    assert.equal((await change({ email: staff.email, password: staff.password, new_password: 'mangga harum jatuh di kali' })).statusCode, 400);

    const ok = await change({ email: staff.email, password: staff.password, new_password: 'mangga harum jatuh di kali', totp: await freshTotpCode(ctx, staff.id, staff.totpSecret) });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await app.inject({ url: '/api/admin/orders', headers: bearer(ok.json().token) })).statusCode, 200);
    assert.equal((await app.inject({ url: '/api/admin/orders', headers: bearer(oldToken) })).statusCode, 401, 'other sessions ended');
  });
});

describe('/api/admin/staff', () => {
  it('owners invite (an email with the link), list, change role, disable, enable, reset two-factor, resend', async () => {
    const owner = await createTestStaff(ctx, 'owner');
    const auth = bearer(await tokenFor(owner));
    const created = await app.inject({ method: 'POST', url: '/api/admin/staff', headers: auth, payload: { email: 'Dewi@Toko.example', name: 'Dewi', role: 'warehouse' } });
    assert.equal(created.statusCode, 201, created.body);
    const dewi = created.json();
    assert.deepEqual([dewi.email, dewi.role, dewi.status, dewi.two_factor, dewi.invite_pending], ['dewi@toko.example', 'warehouse', 'invited', false, true]);
    assert.equal(dewi.url, undefined, 'the link goes by email only');
    await sendStaffMail(ctx);
    const link = setupLinkFor(mailbox.mails, 'dewi@toko.example');
    assert.match(link.url, /^http:\/\/localhost:3000\/admin\/invite\//);

    const list = await app.inject({ url: '/api/admin/staff', headers: auth });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((s: { id: number }) => s.id === dewi.id));
    assert.ok(!list.body.includes('password_hash') && !list.body.includes('totp_secret'));

    const resent = await app.inject({ method: 'POST', url: `/api/admin/staff/${dewi.id}/resend-invite`, headers: auth });
    assert.equal(resent.statusCode, 200);
    await sendStaffMail(ctx);
    assert.notEqual(setupLinkFor(mailbox.mails, 'dewi@toko.example').token, link.token);
    assert.equal((await app.inject({ url: `/admin/invite/${link.token}` })).statusCode, 404, 'the first link is dead');

    const patched = await app.inject({ method: 'PATCH', url: `/api/admin/staff/${dewi.id}`, headers: auth, payload: { role: 'support' } });
    assert.equal(patched.json().role, 'support');

    const member = await createTestStaff(ctx, 'marketing');
    const memberToken = await tokenFor(member);
    const disabled = await app.inject({ method: 'POST', url: `/api/admin/staff/${member.id}/disable`, headers: auth });
    assert.equal(disabled.json().status, 'disabled');
    assert.equal((await app.inject({ url: '/api/admin/products', headers: bearer(memberToken) })).statusCode, 401, 'signed out at once');
    assert.equal((await app.inject({ method: 'POST', url: `/api/admin/staff/${member.id}/enable`, headers: auth })).json().status, 'active');
    const reset = await app.inject({ method: 'POST', url: `/api/admin/staff/${member.id}/reset-two-factor`, headers: auth });
    assert.equal(reset.statusCode, 200);
    assert.equal(reset.json().two_factor, false);
    await sendStaffMail(ctx);
    assert.match(setupLinkFor(mailbox.mails, member.email).subject, /Set up two-factor sign-in again/);

    const self = await app.inject({ method: 'POST', url: `/api/admin/staff/${owner.id}/disable`, headers: auth });
    assert.equal(self.statusCode, 409);
    assert.equal(self.json().error.code, 'cannot_disable_self');
  });

  it('is for owners only (staff sessions and API keys alike)', async () => {
    for (const role of ['manager', 'support', 'warehouse', 'marketing'] as const) {
      const staff = await createTestStaff(ctx, role);
      const token = await tokenFor(staff);
      for (const [method, url, payload] of [
        ['GET', '/api/admin/staff', undefined],
        ['POST', '/api/admin/staff', { email: 'x@y.example', name: 'X', role: 'owner' }],
        ['PATCH', `/api/admin/staff/${staff.id}`, { role: 'owner' }],
        ['POST', `/api/admin/staff/${staff.id}/disable`, undefined],
        ['GET', '/api/admin/api-keys', undefined],
        ['POST', '/api/admin/api-keys', { name: 'k', role: 'owner', expires_in_days: 30 }],
      ] as const) {
        const res = await app.inject({ method, url, headers: bearer(token), payload });
        assert.equal(res.statusCode, 403, `${role} ${method} ${url}`);
      }
      const key = await adminAuth(ctx, role);
      assert.equal((await app.inject({ url: '/api/admin/staff', headers: key })).statusCode, 403);
    }
    assert.equal((await app.inject({ url: '/api/admin/staff' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/admin/staff', headers: bearer('A'.repeat(43)) })).statusCode, 401);
    assert.equal(await ctx.db.kysely.selectFrom('staff_users').select('id').where('email', '=', 'x@y.example').executeTakeFirst(), undefined);
    assert.equal((await app.inject({ url: '/api/admin/staff', headers: await adminAuth(ctx, 'owner') })).statusCode, 200, 'an owner API key may');
  });

  it('refuses bad input with 400/404/409 and writes nothing', async () => {
    const auth = await adminAuth(ctx, 'owner');
    const before = (await ctx.db.kysely.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    for (const payload of [
      {},
      { email: 'a@b.example', name: 'A' },
      { email: 'a@b.example', name: 'A', role: 'root' },
      { email: 'a@b.example', name: 'A', role: 'owner', password: 'x' },
      { email: 42, name: 'A', role: 'owner' },
      { email: 'not an email', name: 'A', role: 'owner' },
      { email: 'a@b.example', name: '', role: 'owner' },
      { email: 'a@b.example', name: 'x'.repeat(101), role: 'owner' },
      { email: `${'a'.repeat(300)}@b.example`, name: 'A', role: 'owner' },
      { email: '<script>@b.example', name: 'A', role: 'owner' },
      { email: 'a@b.example', name: 'A\u0000B', role: 'owner' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/admin/staff', headers: auth, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    const after = (await ctx.db.kysely.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    assert.equal(Number(after), Number(before));

    const existing = await createTestStaff(ctx, 'support');
    const dup = await app.inject({ method: 'POST', url: '/api/admin/staff', headers: auth, payload: { email: existing.email.toUpperCase(), name: 'Again', role: 'owner' } });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'email_taken');
    for (const [method, url, payload, status] of [
      ['GET', '/api/admin/staff/999999', undefined, 404],
      ['GET', '/api/admin/staff/abc', undefined, 400],
      ['GET', '/api/admin/staff/0', undefined, 400],
      ['PATCH', '/api/admin/staff/999999', { role: 'owner' }, 404],
      ['PATCH', `/api/admin/staff/${existing.id}`, { role: 'god' }, 400],
      ['PATCH', `/api/admin/staff/${existing.id}`, { role: 'owner', email: 'x@y.example' }, 400],
      ['PATCH', `/api/admin/staff/${existing.id}`, {}, 400],
      ['POST', '/api/admin/staff/999999/disable', undefined, 404],
      ['POST', `/api/admin/staff/${existing.id}/disable`, { force: true }, 400],
      ['POST', `/api/admin/staff/${existing.id}/resend-invite`, undefined, 409],
      ['POST', '/api/admin/staff/999999/reset-two-factor', undefined, 404],
    ] as const) {
      const res = await app.inject({ method, url, headers: auth, payload });
      assert.equal(res.statusCode, status, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`);
    }
    const row = await ctx.db.kysely.selectFrom('staff_users').select(['role', 'disabled_at']).where('id', '=', existing.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { role: 'support', disabled_at: null });
  });
});

describe('/api/admin/api-keys', () => {
  it('creates a key with a role and an expiry (shown once), lists it without the key, revokes it at once', async () => {
    const owner = await createTestStaff(ctx, 'owner');
    const auth = bearer(await tokenFor(owner));
    const created = await app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: auth, payload: { name: 'ERP sync', role: 'warehouse', expires_in_days: 30 } });
    assert.equal(created.statusCode, 201, created.body);
    const { key, item } = created.json();
    assert.match(key, /^pk_[0-9a-f]{8}_/);
    assert.equal(item.status, 'active');
    const days = (Date.parse(item.expires_at) - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/admin/inventory/NOPE', headers: { authorization: `Bearer ${key}` }, payload: {} })).statusCode !== 401, true, 'the key works');
    const list = await app.inject({ url: '/api/admin/api-keys', headers: auth });
    assert.ok(list.json().items.some((k: { id: number }) => k.id === item.id));
    assert.ok(!list.body.includes(key) && !list.body.includes('key_hash'));
    const revoked = await app.inject({ method: 'POST', url: `/api/admin/api-keys/${item.id}/revoke`, headers: auth });
    assert.equal(revoked.json().status, 'revoked');
    assert.equal((await app.inject({ url: '/api/admin/orders', headers: { authorization: `Bearer ${key}` } })).statusCode, 401);
  });

  it('refuses bad input', async () => {
    const auth = await adminAuth(ctx, 'owner');
    for (const payload of [
      {},
      { name: 'k', role: 'owner' },
      { name: 'k', role: 'owner', expires_in_days: 0 },
      { name: 'k', role: 'owner', expires_in_days: 3651 },
      { name: 'k', role: 'owner', expires_in_days: '30' },
      { name: 'k', role: 'owner', expires_in_days: 1.5 },
      { name: '', role: 'owner', expires_in_days: 30 },
      { name: 'k', role: 'admin', expires_in_days: 30 },
      { name: 'k\u202e', role: 'owner', expires_in_days: 30 },
      { name: 'k', role: 'owner', expires_in_days: 30, key: 'pk_mine' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: auth, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/api-keys/999999/revoke', headers: auth })).statusCode, 404);
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/api-keys/x/revoke', headers: auth })).statusCode, 400);
    const names = await ctx.db.kysely.selectFrom('api_keys').select('name').where('name', 'in', ['k', 'k\u202e', '']).execute();
    assert.deepEqual(names, []);
  });
});
