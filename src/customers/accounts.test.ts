// Customer accounts through the store API: register, verify by the emailed link (a real SMTP server), sign in and
// out, profile, sessions, forgotten password. Every route also gets bad input: clear 4xx and nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import type { App } from '../platform/http/app.ts';
import { clearSessionCookie, sessionCookie } from './session.ts';
import { cookieFrom, sendQueuedMail, setCookieHeader, startMailbox, STRONG_PASSWORD, tokenFor, type Mailbox } from './test-support.ts';

describe('customer accounts (store API)', () => {
  let ctx: TestContext;
  let app: App;
  let mailbox: Mailbox;

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

  const json = (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', url: string, payload?: unknown, cookie?: string) =>
    app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: cookie ? { cookie } : {} });
  const count = async (table: 'customers' | 'customer_tokens' | 'jobs') =>
    Number((await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  async function register(email: string, name = 'Siti Rahma') {
    const res = await json('POST', '/api/store/customers', { email, password: STRONG_PASSWORD, name });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  }
  async function login(email: string, password = STRONG_PASSWORD) {
    const res = await json('POST', '/api/store/auth/login', { email, password });
    assert.equal(res.statusCode, 200, res.body);
    return { res, cookie: cookieFrom(res, 'pasar_session')! };
  }

  it('registers, emails a verification link in the customer\'s language, and verifies with it', async () => {
    const res = await json('POST', '/api/store/customers', { email: 'Siti@Example.co.id', password: STRONG_PASSWORD, name: 'Siti Rahma', locale: 'id' });
    assert.equal(res.statusCode, 201, res.body);
    const profile = res.json();
    assert.equal(profile.email, 'siti@example.co.id', 'stored lower-cased');
    assert.equal(profile.email_verified, false);
    assert.equal(profile.preferred_locale, 'id');
    assert.equal('password_hash' in profile, false);
    const stored = await ctx.db.kysely.selectFrom('customers').select(['password_hash']).where('email', '=', 'siti@example.co.id').executeTakeFirstOrThrow();
    assert.match(stored.password_hash!, /^\$argon2id\$/);

    await sendQueuedMail(ctx);
    const { mail, url, token } = tokenFor(mailbox.mails, 'siti@example.co.id', '/account/verify');
    assert.match(mail.subject!, /Konfirmasi alamat email/);
    assert.ok(url.startsWith('http://localhost:3000/id/account/verify?token='), url);
    // The database holds a hash of the token, and the job queue only the token's row id: neither holds the link.
    const jobs = await ctx.db.kysely.selectFrom('jobs').select('payload').execute();
    assert.ok(jobs.every((j) => !j.payload.includes(token)));
    const tokens = await ctx.db.kysely.selectFrom('customer_tokens').select(['token_hash', 'nonce']).execute();
    assert.ok(tokens.every((t) => t.token_hash !== token && t.nonce !== token));

    const verified = await json('POST', '/api/store/auth/verify', { token });
    assert.equal(verified.statusCode, 200, verified.body);
    assert.equal(verified.json().email_verified, true);
    const again = await json('POST', '/api/store/auth/verify', { token });
    assert.equal(again.statusCode, 400, 'a link works once');
    assert.equal(again.json().error.code, 'invalid_token');
  });

  it('refuses bad registrations with a clear 4xx and writes nothing', async () => {
    const before = await count('customers');
    const long = `${'a'.repeat(250)}@example.com`;
    const cases: Array<[unknown, number, string?]> = [
      [{}, 400],
      [{ email: 'x@example.com', password: STRONG_PASSWORD }, 400],
      [{ email: 42, password: STRONG_PASSWORD, name: 'A' }, 400],
      [{ email: 'not-an-email', password: STRONG_PASSWORD, name: 'A' }, 400],
      [{ email: long, password: STRONG_PASSWORD, name: 'A' }, 400],
      [{ email: 'x@example.com', password: STRONG_PASSWORD, name: '<script>alert(1)</script>' }, 400],
      [{ email: 'x@example.com', password: STRONG_PASSWORD, name: 'A'.repeat(121) }, 400],
      [{ email: 'x@example.com', password: STRONG_PASSWORD, name: '   ' }, 400],
      [{ email: 'x@example.com', password: STRONG_PASSWORD, name: 'Ana', admin: true }, 400],
      [{ email: 'x@example.com', password: 'x'.repeat(300), name: 'Ana' }, 400],
      [{ email: 'x@example.com', password: STRONG_PASSWORD, name: 'Ana', locale: 'xx' }, 400],
      [{ email: 'x@example.com', password: 'password123', name: 'Ana' }, 400, 'weak_password'],
      [{ email: 'rahmat.hidayat@example.com', password: 'rahmat.hidayat1990', name: 'Rahmat Hidayat' }, 400, 'weak_password'],
      [{ email: 'SITI@example.co.id', password: STRONG_PASSWORD, name: 'Someone Else' }, 409, 'email_taken'],
    ];
    for (const [body, status, code] of cases) {
      const res = await json('POST', '/api/store/customers', body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body).slice(0, 80)} → ${res.body}`);
      assert.ok(res.json().error.message, 'an error message');
      if (code) assert.equal(res.json().error.code, code);
    }
    const weak = await json('POST', '/api/store/customers', { email: 'x@example.com', password: 'password123', name: 'Ana' });
    assert.ok(Array.isArray(weak.json().error.details.problems) && weak.json().error.details.problems.length > 0, 'the policy\'s reasons');
    assert.equal(await count('customers'), before);
    const bad = await json('POST', '/api/store/auth/verify', { token: 'x'.repeat(43) });
    assert.equal(bad.statusCode, 400);
    assert.equal((await json('POST', '/api/store/auth/verify', { token: '../etc' })).statusCode, 400);
    assert.equal((await json('POST', '/api/store/auth/verify', {})).statusCode, 400);
  });

  it('signs in with an HttpOnly, SameSite=Lax session cookie, a new session each time, and signs out', async () => {
    assert.equal((await json('GET', '/api/store/me')).statusCode, 401);
    const first = await login('siti@example.co.id');
    const header = setCookieHeader(first.res, 'pasar_session')!;
    assert.match(header, /HttpOnly/);
    assert.match(header, /SameSite=Lax/);
    assert.doesNotMatch(header, /Secure/, 'not on an http:// shop');
    assert.equal(first.res.json().customer.email, 'siti@example.co.id');
    const me = await json('GET', '/api/store/me', undefined, first.cookie);
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().name, 'Siti Rahma');

    // Signing in again with the old cookie gives a new session and ends the old one (no session fixation).
    const second = await app.inject({ method: 'POST', url: '/api/store/auth/login', payload: { email: 'SITI@example.co.id', password: STRONG_PASSWORD }, headers: { cookie: first.cookie } });
    const secondCookie = cookieFrom(second, 'pasar_session')!;
    assert.notEqual(secondCookie, first.cookie);
    assert.equal((await json('GET', '/api/store/me', undefined, first.cookie)).statusCode, 401);

    const out = await json('POST', '/api/store/auth/logout', undefined, secondCookie);
    assert.equal(out.statusCode, 204);
    assert.match(setCookieHeader(out, 'pasar_session')!, /Max-Age=0/);
    assert.equal((await json('GET', '/api/store/me', undefined, secondCookie)).statusCode, 401);
    const forged = await json('GET', '/api/store/me', undefined, `pasar_session=${'A'.repeat(43)}`);
    assert.equal(forged.statusCode, 401);
    assert.match(setCookieHeader(forged, 'pasar_session')!, /Max-Age=0/, 'a dead cookie is cleared');
  });

  it('marks the session cookie Secure on an https shop', () => {
    const https = { ...ctx, config: { ...ctx.config, baseUrl: 'https://toko.example' } };
    assert.match(sessionCookie(https, 'x'.repeat(43)), /; HttpOnly; SameSite=Lax; Secure$/);
    assert.match(clearSessionCookie(https), /Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
    assert.doesNotMatch(sessionCookie(ctx, 'x'.repeat(43)), /Secure/);
  });

  it('refuses wrong passwords and unknown emails alike, and bad sign-in input', async () => {
    const wrong = await json('POST', '/api/store/auth/login', { email: 'siti@example.co.id', password: 'not-the-password-1' });
    const unknown = await json('POST', '/api/store/auth/login', { email: 'nobody@example.co.id', password: 'not-the-password-1' });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json(), 'the same answer: no hint which emails have accounts');
    assert.equal(setCookieHeader(wrong, 'pasar_session'), undefined);
    for (const body of [{}, { email: 'a@b.c' }, { email: 1, password: 'x' }, { email: 'a@b.c', password: 'x', extra: 1 }, { email: 'a'.repeat(300), password: 'x' }]) {
      assert.equal((await json('POST', '/api/store/auth/login', body)).statusCode, 400, JSON.stringify(body));
    }
  });

  it('changes the profile and records when marketing consent was given', async () => {
    const { cookie } = await login('siti@example.co.id');
    const res = await json('PATCH', '/api/store/me', { name: 'Siti R.', phone: '+62 812 3456 7890', birthday: '1990-04-21', preferred_currency: 'IDR', marketing_consent: true }, cookie);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    assert.deepEqual([p.name, p.phone, p.birthday, p.preferred_currency, p.marketing_consent], ['Siti R.', '+62 812 3456 7890', '1990-04-21', 'IDR', true]);
    assert.ok(p.marketing_consent_at);
    const cleared = await json('PATCH', '/api/store/me', { phone: null, marketing_consent: false }, cookie);
    assert.equal(cleared.json().phone, null);
    assert.equal(cleared.json().marketing_consent, false);

    const before = await ctx.db.kysely.selectFrom('customers').selectAll().where('email', '=', 'siti@example.co.id').executeTakeFirstOrThrow();
    const bad: unknown[] = [{}, { name: '' }, { name: 12 }, { name: '<b>x</b>' }, { birthday: '2023-02-30' }, { birthday: '21/04/1990' }, { birthday: '2999-01-01' },
      { phone: 'call me' }, { preferred_locale: 'de' }, { preferred_currency: 'XXX' }, { marketing_consent: 'yes' }, { email: 'new@example.com' }, { name: 'x'.repeat(500) }];
    for (const body of bad) assert.equal((await json('PATCH', '/api/store/me', body, cookie)).statusCode, 400, JSON.stringify(body));
    assert.equal((await json('PATCH', '/api/store/me', { name: 'X' })).statusCode, 401);
    const after = await ctx.db.kysely.selectFrom('customers').selectAll().where('email', '=', 'siti@example.co.id').executeTakeFirstOrThrow();
    assert.deepEqual(after, before, 'nothing written');
  });

  it('lists the customer\'s sessions and ends one, never another customer\'s', async () => {
    await register('budi@example.co.id', 'Budi Santoso');
    const a1 = await login('siti@example.co.id');
    const a2 = await login('siti@example.co.id');
    const b = await login('budi@example.co.id');
    const list = await json('GET', '/api/store/me/sessions', undefined, a1.cookie);
    assert.equal(list.statusCode, 200);
    const sessions = list.json() as Array<{ id: string; current: boolean }>;
    assert.ok(sessions.length >= 2);
    assert.equal(sessions.filter((s) => s.current).length, 1);
    const other = ((await json('GET', '/api/store/me/sessions', undefined, a2.cookie)).json() as Array<{ id: string; current: boolean }>).find((s) => s.current)!;
    assert.ok(sessions.some((s) => s.id === other.id && !s.current), 'the other device is in the list');
    const budiSession = (await json('GET', '/api/store/me/sessions', undefined, b.cookie)).json()[0].id;

    assert.equal((await json('DELETE', `/api/store/me/sessions/${budiSession}`, undefined, a1.cookie)).statusCode, 404, 'not Siti\'s session');
    assert.equal((await json('GET', '/api/store/me', undefined, b.cookie)).statusCode, 200, 'Budi still signed in');
    assert.equal((await json('DELETE', '/api/store/me/sessions/no-such-session', undefined, a1.cookie)).statusCode, 404);
    assert.equal((await json('DELETE', `/api/store/me/sessions/${'x'.repeat(100)}`, undefined, a1.cookie)).statusCode, 400);
    assert.equal((await json('DELETE', '/api/store/me/sessions/a%20b', undefined, a1.cookie)).statusCode, 400);
    assert.equal((await json('DELETE', `/api/store/me/sessions/${other.id}`)).statusCode, 401);
    const revoked = await json('DELETE', `/api/store/me/sessions/${other.id}`, undefined, a1.cookie);
    assert.equal(revoked.statusCode, 204);
    assert.equal((await json('GET', '/api/store/me', undefined, a2.cookie)).statusCode, 401, 'the revoked device is signed out');
    assert.equal((await json('GET', '/api/store/me', undefined, a1.cookie)).statusCode, 200, 'this one is not');
  });

  it('sends a reset link for a known email (202 either way), resets once, and signs out every device', async () => {
    const { cookie } = await login('budi@example.co.id');
    await sendQueuedMail(ctx);
    const sentBefore = mailbox.mails.length;
    assert.equal((await json('POST', '/api/store/auth/forgot', { email: 'nobody@example.co.id' })).statusCode, 202);
    const known = await json('POST', '/api/store/auth/forgot', { email: 'BUDI@example.co.id' });
    assert.equal(known.statusCode, 202);
    assert.deepEqual(known.json(), { status: 'accepted' });
    await sendQueuedMail(ctx);
    assert.equal(mailbox.mails.length, sentBefore + 1, 'one email, to the known address only');
    const { token } = tokenFor(mailbox.mails, 'budi@example.co.id', '/account/reset');

    const weak = await json('POST', '/api/store/auth/reset', { token, password: 'password123' });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.code, 'weak_password');
    for (const body of [{}, { token }, { token: 1, password: 'x' }, { token: 'short', password: STRONG_PASSWORD }, { token, password: STRONG_PASSWORD, x: 1 }]) {
      assert.equal((await json('POST', '/api/store/auth/reset', body)).statusCode, 400, JSON.stringify(body));
    }
    assert.equal((await json('POST', '/api/store/auth/forgot', {})).statusCode, 400);
    assert.equal((await json('POST', '/api/store/auth/forgot', { email: 'x'.repeat(300) })).statusCode, 400);

    const done = await json('POST', '/api/store/auth/reset', { token, password: 'mangga harum jatuh di kali' });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal((await json('GET', '/api/store/me', undefined, cookie)).statusCode, 401, 'the old session ended');
    assert.equal((await json('POST', '/api/store/auth/reset', { token, password: 'another-Long-phrase-77' })).statusCode, 400, 'once');
    assert.equal((await json('POST', '/api/store/auth/login', { email: 'budi@example.co.id', password: STRONG_PASSWORD })).statusCode, 401);
    const fresh = await login('budi@example.co.id', 'mangga harum jatuh di kali');
    assert.equal((await json('GET', '/api/store/me', undefined, fresh.cookie)).json().email_verified, true, 'the link proved the mailbox');
  });

  it('resends the verification email at most once a minute', async () => {
    await register('rina@example.co.id', 'Rina Wijaya');
    const { cookie } = await login('rina@example.co.id');
    const res = await json('POST', '/api/store/me/verification', undefined, cookie);
    assert.equal(res.statusCode, 429, 'the registration email went out less than a minute ago');
    await ctx.db.kysely.updateTable('customer_tokens').set({ created_at: new Date(Date.now() - 120_000).toISOString() }).execute();
    assert.equal((await json('POST', '/api/store/me/verification', undefined, cookie)).statusCode, 202);
    assert.equal((await json('POST', '/api/store/me/verification')).statusCode, 401);
    const siti = await login('siti@example.co.id');
    assert.equal((await json('POST', '/api/store/me/verification', undefined, siti.cookie)).statusCode, 409, 'already verified');
  });
});
