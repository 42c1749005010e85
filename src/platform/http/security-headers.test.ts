// The security headers: which, where (the API reference has its own policy), HSTS only over https, and the cookie
// policy's hook (unlisted cookies logged, responses that set cookies kept out of shared caches).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from './app.ts';
import { API_DOCS_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY, cookieNames, ESSENTIAL_COOKIES, registerSecurityHeaders, securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  it('sends the strict policy everywhere but the API reference, and HSTS only over https', () => {
    const http = securityHeaders({ baseUrl: 'http://localhost:3000' }, '/p/kopi');
    assert.equal(http['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe/);
    assert.equal(http['strict-transport-security'], undefined);
    assert.equal(securityHeaders({ baseUrl: 'https://shop.example' }, '/')['strict-transport-security'], 'max-age=31536000');
    for (const path of ['/api/docs', '/api/docs/', '/api/docs/static/index.html']) {
      assert.equal(securityHeaders({ baseUrl: 'http://x' }, path)['content-security-policy'], API_DOCS_CONTENT_SECURITY_POLICY, path);
    }
    assert.equal(securityHeaders({ baseUrl: 'http://x' }, '/api/docsx')['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.match(API_DOCS_CONTENT_SECURITY_POLICY, /script-src 'self';/);
    assert.match(API_DOCS_CONTENT_SECURITY_POLICY, /style-src 'self' 'unsafe-inline'/);
  });

  it('reads cookie names from Set-Cookie values', () => {
    assert.deepEqual(cookieNames(undefined), []);
    assert.deepEqual(cookieNames('a=1; Path=/'), ['a']);
    assert.deepEqual(cookieNames(['pasar_cart=c_x; HttpOnly', 'b=; Max-Age=0']), ['pasar_cart', 'b']);
  });
});

describe('the security-headers hook', () => {
  const logged: Array<{ level: number; msg: string; cookies?: string[] }> = [];
  const app = Fastify({
    loggerInstance: pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { logged.push(JSON.parse(String(chunk))); done(); } })) as FastifyBaseLogger,
  });
  before(async () => {
    registerSecurityHeaders(app, { baseUrl: 'http://localhost' });
    app.get('/tracked', async (_req, reply) => reply.header('cache-control', 'public, max-age=60').header('set-cookie', ['pasar_cart=c_1; Path=/', '_ga=GA1.1; Path=/']).send('ok'));
    app.get('/essential', async (_req, reply) => reply.header('set-cookie', 'pasar_currency=THB; Path=/').send('ok'));
    app.get('/own-policy', async (_req, reply) => reply.header('referrer-policy', 'no-referrer').send('ok'));
    app.get('/public', async (_req, reply) => reply.header('cache-control', 'public, max-age=60').send('ok'));
    app.get('/boom', async () => { throw new Error('boom'); });
    await app.ready();
  });
  after(() => app.close());

  it('logs a cookie that is not on the essential list and keeps cookie-setting responses out of shared caches', async () => {
    const res = await app.inject({ url: '/tracked' });
    assert.equal(res.headers['cache-control'], 'private, max-age=60');
    const error = logged.find((l) => l.level === 50);
    assert.ok(error, 'an error is logged');
    assert.deepEqual(error.cookies, ['_ga']);
    logged.length = 0;
    await app.inject({ url: '/essential' });
    assert.equal(logged.filter((l) => l.level >= 50).length, 0);
    assert.equal((await app.inject({ url: '/public' })).headers['cache-control'], 'public, max-age=60', 'no cookie: stays public');
  });

  it('fills in every header, keeps a value the route chose, and covers errors and 404s', async () => {
    const own = await app.inject({ url: '/own-policy' });
    assert.equal(own.headers['referrer-policy'], 'no-referrer');
    assert.equal(own.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    for (const url of ['/boom', '/nothing']) {
      const res = await app.inject({ url });
      assert.ok(res.statusCode >= 400);
      for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'permissions-policy', 'cross-origin-opener-policy']) {
        assert.ok(res.headers[name], `${url}: ${name}`);
      }
    }
  });

  it('lists the cookies Pasar sets, each with its reason', () => {
    assert.deepEqual(Object.keys(ESSENTIAL_COOKIES).sort(), ['pasar_admin', 'pasar_admin_login', 'pasar_cart', 'pasar_csrf', 'pasar_currency', 'pasar_session']);
    for (const reason of Object.values(ESSENTIAL_COOKIES)) assert.ok(reason.length > 10);
  });
});

describe('a shop served over https', () => {
  let ctx: TestContext;
  let app: App;
  before(async () => {
    ctx = await createTestContext({ BASE_URL: 'https://shop.example' });
    app = await createTestApp(ctx);
  });
  after(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('sends HSTS and marks the CSRF cookie Secure', async () => {
    // The cart page is the visitor's own, so it mints the CSRF cookie (catalogue pages do not).
    const res = await app.inject({ url: '/cart' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['strict-transport-security'], 'max-age=31536000');
    assert.match(String(res.headers['set-cookie']), /^pasar_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    assert.equal((await app.inject({ url: '/healthz' })).headers['strict-transport-security'], 'max-age=31536000');
  });
});
