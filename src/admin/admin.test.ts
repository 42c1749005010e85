import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import type { App } from '../platform/http/app.ts';
import { adminBrowser, cookieFrom, csrfIn, formBody, signIn } from './admin-test-helpers.ts';
import { readSession, signSession } from './session.ts';

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

describe('back-office sign-in', () => {
  test('a valid key sets an HttpOnly, SameSite=Strict session cookie scoped to /admin, and pages open', async () => {
    const { key } = await createApiKey(ctx.db.kysely, { name: 'Owner key', role: 'owner' });
    const res = await signIn(app, key);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin');
    const setCookie = cookieFrom(res.headers['set-cookie'], 'pasar_admin')!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\/admin/);
    assert.match(setCookie, /Max-Age=43200/);
    assert.doesNotMatch(setCookie, /Secure/, 'plain http BASE_URL');
    assert.ok(!setCookie.includes(key), 'the cookie never carries the key');

    const cookie = setCookie.split(';')[0];
    const page = await app.inject({ url: '/admin', headers: { cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Owner key/);
    assert.match(page.body, /<meta name="robots" content="noindex, nofollow"/);
    for (const label of ['Dashboard', 'Products', 'Reviews', 'News', 'Pages']) assert.match(page.body, new RegExp(`>${label}<`));
    assert.equal(page.headers['cache-control'], 'no-store');
    // Signed-in visitors skip the sign-in form.
    assert.equal((await app.inject({ url: '/admin/login', headers: { cookie } })).statusCode, 302);
  });

  test('wrong, revoked and expired keys show an error and set no session cookie', async () => {
    const revoked = await createApiKey(ctx.db.kysely, { name: 'old', role: 'owner' });
    await ctx.db.kysely.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('id', '=', revoked.id).execute();
    const expired = await createApiKey(ctx.db.kysely, { name: 'exp', role: 'owner', expiresAt: new Date(Date.now() - 1000).toISOString() });
    for (const key of ['pk_nothing', revoked.key, expired.key, "' OR 1=1 --", '<script>alert(1)</script>']) {
      const res = await signIn(app, key);
      assert.equal(res.statusCode, 401, key);
      assert.match(res.body, /not valid/);
      assert.equal(cookieFrom(res.headers['set-cookie'], 'pasar_admin'), undefined);
      assert.ok(!res.body.includes('<script>alert(1)</script>'));
    }
  });

  test('the sign-in form needs its double-submit token', async () => {
    const { key } = await createApiKey(ctx.db.kysely, { name: 'k', role: 'owner' });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const noCookie = await app.inject({ method: 'POST', url: '/admin/login', headers, payload: formBody({ api_key: key, _csrf: 'x'.repeat(32) }) });
    assert.equal(noCookie.statusCode, 403);
    const form = await app.inject({ url: '/admin/login' });
    const loginCookie = cookieFrom(form.headers['set-cookie'], 'pasar_admin_login')!.split(';')[0];
    const mismatch = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { ...headers, cookie: loginCookie },
      payload: formBody({ api_key: key, _csrf: 'y'.repeat(32) }),
    });
    assert.equal(mismatch.statusCode, 403);
    assert.equal(cookieFrom(mismatch.headers['set-cookie'], 'pasar_admin'), undefined);
    assert.ok(csrfIn(form.body));
  });

  test('pages without a session redirect to the sign-in page, POSTs too', async () => {
    for (const url of ['/admin', '/admin/news', '/admin/pages', '/admin/news/new', '/admin/news/1']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, '/admin/login');
    }
    const post = await app.inject({ method: 'POST', url: '/admin/news', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'author=x' });
    assert.equal(post.statusCode, 302);
    const forged = await app.inject({ url: '/admin', headers: { cookie: 'pasar_admin=1.99999999999999.AAAAAAAAAAAAAAAAAAAAAAAA.' + 'A'.repeat(43) } });
    assert.equal(forged.statusCode, 302);
  });

  test('revoking the key ends the session at the next request; an expired session is refused', async () => {
    const browser = await adminBrowser(app, ctx, 'owner');
    assert.equal((await browser.get('/admin')).statusCode, 200);
    await ctx.db.kysely.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('id', '=', browser.keyId).execute();
    assert.equal((await browser.get('/admin')).statusCode, 302);

    const { id } = await createApiKey(ctx.db.kysely, { name: 'k', role: 'owner' });
    const secret = loadSecret(ctx.dataDir);
    const stale = signSession(secret, { keyId: id, expiresAt: Date.now() - 1000, sid: 'A'.repeat(24) });
    assert.equal(readSession(secret, stale), null);
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: `pasar_admin=${stale}` } })).statusCode, 302);
    const valid = signSession(secret, { keyId: id, expiresAt: Date.now() + 60_000, sid: 'B'.repeat(24) });
    assert.equal((await app.inject({ url: '/admin', headers: { cookie: `pasar_admin=${valid}` } })).statusCode, 200);
  });

  test('the secret is generated once into DATA_DIR/secret.key with mode 600', () => {
    const file = path.join(ctx.dataDir, 'secret.key');
    assert.ok(fs.existsSync(file));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(loadSecret(ctx.dataDir), loadSecret(ctx.dataDir));
    assert.throws(() => loadSecret(ctx.dataDir, { SECRET_KEY: 'short' }));
    assert.deepEqual(loadSecret(ctx.dataDir, { SECRET_KEY: 'k'.repeat(40) }), Buffer.from('k'.repeat(40)));
  });

  test('sign-out needs the CSRF token and clears the cookie', async () => {
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
  });

  test('Secure cookie when BASE_URL is https', async () => {
    const secureCtx = await createTestContext({ BASE_URL: 'https://shop.example' });
    const secureApp = await createTestApp(secureCtx);
    try {
      const { key } = await createApiKey(secureCtx.db.kysely, { name: 'k', role: 'owner' });
      const res = await signIn(secureApp, key);
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
