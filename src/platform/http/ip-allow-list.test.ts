// ADMIN_ALLOWED_IPS and TRUST_PROXY: validated at start; the back office refused to other addresses before anything
// else runs; X-Forwarded-For believed only from the proxies TRUST_PROXY names.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { App } from './app.ts';
import { IpAllowList, isAdminPath, parseAddressList } from './ip-allow-list.ts';

const env = (extra: Record<string, string>) => ({ DATA_DIR: '/tmp/pasar-config-test', ...extra });

describe('ADMIN_ALLOWED_IPS and TRUST_PROXY configuration', () => {
  it('accepts IPv4 and IPv6 addresses and CIDR subnets, spaces and empty items aside', () => {
    const config = loadConfig(env({ ADMIN_ALLOWED_IPS: ' 203.0.113.7, 10.0.0.0/8,,2001:db8::/32 , ::1 ' }));
    assert.deepEqual(config.adminAllowedIps, ['203.0.113.7', '10.0.0.0/8', '2001:db8::/32', '::1']);
    assert.deepEqual(loadConfig(env({})).adminAllowedIps, [], 'unset: everyone');
    assert.deepEqual(loadConfig(env({ ADMIN_ALLOWED_IPS: '' })).adminAllowedIps, []);
  });

  it('refuses at start anything that is not an address or subnet, naming each bad entry', () => {
    for (const bad of ['10.0.0.0/33', '::1/129', 'office', '10.0.0', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/', '1.2.3.4 5.6.7.8', '<script>alert(1)</script>', 'x'.repeat(5000)]) {
      assert.throws(() => loadConfig(env({ ADMIN_ALLOWED_IPS: `10.1.1.1, ${bad}` })), (err: Error) => {
        assert.ok(err instanceof ConfigError, bad);
        assert.match(err.message, /ADMIN_ALLOWED_IPS must list IPv4\/IPv6 addresses or CIDR subnets/);
        assert.ok(err.message.length < 1000, 'a long value is cut short in the message');
        assert.doesNotMatch(err.message, /10\.1\.1\.1/, 'only the bad entries are named');
        return true;
      });
    }
    // Every problem at once, as for the other settings.
    assert.throws(() => loadConfig(env({ ADMIN_ALLOWED_IPS: 'nope', TRUST_PROXY: 'maybe', PORT: 'x' })), (err: Error) =>
      /ADMIN_ALLOWED_IPS/.test(err.message) && /TRUST_PROXY/.test(err.message) && /PORT/.test(err.message));
  });

  it('trusts no proxy by default; true, addresses, subnets and named ranges when asked; never a hop count', () => {
    assert.equal(loadConfig(env({})).trustProxy, false);
    for (const off of ['', 'false', 'off', '0']) assert.equal(loadConfig(env({ TRUST_PROXY: off })).trustProxy, false, off);
    assert.equal(loadConfig(env({ TRUST_PROXY: 'true' })).trustProxy, true);
    assert.deepEqual(loadConfig(env({ TRUST_PROXY: '10.0.0.1, Loopback, fd00::/8' })).trustProxy, ['loopback', '10.0.0.1', 'fd00::/8']);
    for (const bad of ['2', 'proxy.internal', '10.0.0.1/40']) {
      assert.throws(() => loadConfig(env({ TRUST_PROXY: bad })), /TRUST_PROXY must list/, bad);
    }
  });

  it('parses lists without throwing, reporting problems', () => {
    const problems: string[] = [];
    assert.deepEqual(parseAddressList('X', '1.1.1.1,bad', problems), ['1.1.1.1']);
    assert.equal(problems.length, 1);
  });
});

describe('IpAllowList and isAdminPath', () => {
  const list = new IpAllowList(['10.0.0.0/8', '203.0.113.7', '2001:db8::/32']);

  it('allows addresses in the list and its subnets, IPv4 seen through IPv6 sockets too', () => {
    for (const ip of ['10.0.0.1', '10.255.255.255', '203.0.113.7', '::ffff:10.9.8.7', '::FFFF:203.0.113.7', '2001:db8::1', '2001:db8:ffff::9']) {
      assert.equal(list.allows(ip), true, ip);
    }
    for (const ip of ['11.0.0.1', '203.0.113.8', '2001:db9::1', '::1', '127.0.0.1', '::ffff:11.0.0.1', '', undefined, 'localhost', '10.0.0.1, 1.2.3.4', '<script>']) {
      assert.equal(list.allows(ip), false, String(ip));
    }
  });

  it('knows the back office however its path is spelt', () => {
    for (const p of ['/admin', '/admin/', '/admin/products/1', '/admin?x=1', '/api/admin/products', '/ADMIN', '/%61dmin', '//admin', '/api//admin/x', '/%2Fadmin', '/admin%2F..', '\\admin']) {
      assert.equal(isAdminPath(p), true, p);
    }
    for (const p of ['/', '/cart', '/id/admin', '/api/store/products', '/p/admin', '/%E0%A4%A']) assert.equal(isAdminPath(p), false, p);
  });
});

describe('the allow-list in the app', () => {
  let ctx: TestContext;
  let app: App;
  let proxied: { ctx: TestContext; app: App };
  let key: { authorization: string };

  before(async () => {
    ctx = await createTestContext({ ADMIN_ALLOWED_IPS: '10.0.0.0/8, 2001:db8::/32' });
    app = await createTestApp(ctx);
    const { adminAuth } = await import('../../../test/helpers/test-context.ts');
    key = await adminAuth(ctx, 'owner');
    const proxyCtx = await createTestContext({ ADMIN_ALLOWED_IPS: '10.0.0.0/8', TRUST_PROXY: '127.0.0.1' });
    proxied = { ctx: proxyCtx, app: await createTestApp(proxyCtx) };
  });
  after(async () => {
    await app?.close();
    await ctx?.close();
    await proxied?.app.close();
    await proxied?.ctx.close();
  });

  const from = (remoteAddress: string, url: string, extra: Record<string, unknown> = {}) => app.inject({ url, remoteAddress, ...extra });

  it('refuses back-office pages from other addresses with a plain 403 page, before the session is looked at', async () => {
    for (const url of ['/admin', '/admin/login', '/admin/products', '/admin/assets/admin.css', '/ADMIN', '/%61dmin/login', '/admin/no-such-page']) {
      const res = await from('203.0.113.9', url);
      assert.equal(res.statusCode, 403, url);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
      assert.match(res.body, /<h1>Not allowed<\/h1>/);
      assert.equal(res.headers['set-cookie'], undefined, 'no sign-in cookie handed out');
      assert.equal(res.headers['content-security-policy']?.toString().startsWith("default-src 'self'"), true, 'security headers on the refusal too');
    }
    const post = await from('203.0.113.9', '/admin/login', { method: 'POST', payload: 'api_key=x&_csrf=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(post.statusCode, 403);
  });

  it('refuses the admin API from other addresses with the JSON error, and writes nothing', async () => {
    const res = await from('2001:db9::1', '/api/admin/products', { headers: key });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), { error: { code: 'ip_not_allowed', message: 'The back-office API cannot be used from this network address' } });
    const before = await ctx.db.kysely.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const create = await from('198.51.100.1', '/api/admin/products', { method: 'POST', headers: key, payload: { status: 'draft', translations: { en: { name: 'Sneaky', slug: 'sneaky' } }, variants: [] } });
    assert.equal(create.statusCode, 403);
    const after = await ctx.db.kysely.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    // Oversized and hostile requests get the same answer, unread.
    const big = await from('198.51.100.1', '/api/admin/products', { method: 'POST', headers: key, payload: { x: 'y'.repeat(2_000_000) } });
    assert.equal(big.statusCode, 403);
  });

  it('lets listed addresses in, IPv4 and IPv6, and leaves the shop open to everyone', async () => {
    assert.equal((await from('10.20.30.40', '/admin/login')).statusCode, 200);
    assert.equal((await from('::ffff:10.20.30.40', '/admin/login')).statusCode, 200);
    assert.equal((await from('2001:db8::42', '/admin/login')).statusCode, 200);
    assert.equal((await from('10.1.1.1', '/api/admin/products', { headers: key })).statusCode, 200);
    assert.equal((await from('10.1.1.1', '/api/admin/products')).statusCode, 401, 'the address opens the door, not the API');
    for (const url of ['/', '/cart', '/api/store/products', '/healthz']) assert.equal((await from('203.0.113.9', url)).statusCode, 200, url);
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    // No TRUST_PROXY: the header is anyone's to write.
    const spoofed = await from('127.0.0.1', '/admin/login', { headers: { 'x-forwarded-for': '10.0.0.5' } });
    assert.equal(spoofed.statusCode, 403);
    // Through the trusted proxy: the client it reports is judged.
    const viaProxy = (remoteAddress: string, forwarded: string) =>
      proxied.app.inject({ url: '/admin/login', remoteAddress, headers: { 'x-forwarded-for': forwarded } });
    assert.equal((await viaProxy('127.0.0.1', '10.0.0.5')).statusCode, 200);
    assert.equal((await viaProxy('127.0.0.1', '203.0.113.9')).statusCode, 403);
    // A client that prepends an allowed address: only the hop the proxy added counts.
    assert.equal((await viaProxy('127.0.0.1', '10.0.0.5, 203.0.113.9')).statusCode, 403);
    // Not from the proxy: the header is ignored.
    assert.equal((await viaProxy('203.0.113.9', '10.0.0.5')).statusCode, 403);
  });
});
