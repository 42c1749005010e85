// The role matrix: for EVERY admin API route and EVERY back-office page, and for EACH role, the request is refused
// (403) exactly when the role lacks the route's permission, and neither 401 nor 403 otherwise. A route's permission is
// read from its guard (requirePermission and adminGuard label the hook they return with it); an admin route without
// one fails the test unless it is on the short allow-list below.
//
// The app runs permission checks before validation (app.ts), so the same dummy request shows every route's answer to
// every role: a refused role gets 403 whatever the body holds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RouteOptions } from 'fastify';
import { adminBrowser, type AdminBrowser } from '../../src/admin/admin-test-helpers.ts';
import { modules } from '../../src/modules.ts';
import { permissionOf } from '../../src/platform/auth/require-permission.ts';
import { roleCan, ROLES, type Permission, type Role } from '../../src/platform/auth/roles.ts';
import type { App, HttpModule } from '../../src/platform/http/app.ts';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Admin API routes that are deliberately open: signing in, changing an expired password, ending a session token. */
const API_ALLOW_LIST = new Set(['POST /api/admin/auth/login', 'POST /api/admin/auth/password', 'POST /api/admin/auth/logout']);
/** Back-office URLs that come before a session: sign-in, sign-out, the stylesheet, accepting an invitation. */
const PAGE_ALLOW_LIST = [/^\/admin\/login(\/|$)/, /^\/admin\/logout$/, /^\/admin\/assets\//, /^\/admin\/invite\//];

interface Route {
  method: string;
  url: string;
  permission: Permission | null;
}

const hooksOf = (route: RouteOptions, name: 'onRequest' | 'preValidation' | 'preHandler') => [(route as unknown as Record<string, unknown>)[name] ?? []].flat();

/** A module registered before all others: notes every route's permission. */
function routeLog(routes: Route[]): HttpModule {
  return {
    name: 'role-matrix-route-log',
    register(app) {
      app.addHook('onRoute', (route) => {
        const all = [...hooksOf(route, 'onRequest'), ...hooksOf(route, 'preValidation'), ...hooksOf(route, 'preHandler')];
        for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, permission: permissionOf(all) });
      });
    },
  };
}

/** A URL with every `:param` filled with an id that does not exist (a 404 or 400 is fine: only 401/403 matter). */
const fill = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '999999');
const isWrite = (method: string) => !['GET', 'HEAD'].includes(method);

describe('role matrix', () => {
  let ctx: TestContext;
  let app: App;
  const routes: Route[] = [];
  const keys = {} as Record<Role, Record<string, string>>;
  const browsers = {} as Record<Role, AdminBrowser>;

  before(async () => {
    ctx = await createTestContext();
    const log = routeLog(routes);
    modules.unshift(log);
    try {
      app = await createTestApp(ctx);
    } finally {
      modules.splice(modules.indexOf(log), 1);
    }
    for (const role of ROLES) {
      keys[role] = await adminAuth(ctx, role);
      browsers[role] = await adminBrowser(app, ctx, role);
    }
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const apiRoutes = () => routes.filter((r) => r.url === '/api/admin' || r.url.startsWith('/api/admin/'));
  const pageRoutes = () => routes.filter((r) => (r.url === '/admin' || r.url.startsWith('/admin/')) && !PAGE_ALLOW_LIST.some((p) => p.test(r.url)));

  it('finds the admin routes and their permissions', () => {
    assert.ok(apiRoutes().length > 50, `${apiRoutes().length} admin API routes`);
    assert.ok(pageRoutes().length > 20, `${pageRoutes().length} back-office pages`);
    assert.ok(routes.some((r) => r.method === 'GET' && r.url === '/api/admin/audit' && r.permission === 'audit:read'));
  });

  it('gives every admin API route and back-office page a permission check', () => {
    const unguarded = [...apiRoutes(), ...pageRoutes()]
      .filter((r) => r.permission === null && !API_ALLOW_LIST.has(`${r.method} ${r.url}`))
      .map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(unguarded, [], 'admin routes without requirePermission/adminGuard');
  });

  it('refuses each API route exactly to the roles without its permission', async () => {
    const wrong: string[] = [];
    for (const route of apiRoutes()) {
      if (!route.permission) continue;
      for (const role of ROLES) {
        const res = await app.inject({
          method: route.method as 'GET',
          url: fill(route.url),
          headers: keys[role],
          ...(isWrite(route.method) && route.method !== 'DELETE' ? { payload: {} } : {}),
        });
        const allowed = roleCan(role, route.permission);
        const ok = allowed ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === 403;
        if (!ok) wrong.push(`${route.method} ${route.url} as ${role} (${route.permission}): ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('refuses each back-office page exactly to the roles without its permission', async () => {
    const wrong: string[] = [];
    for (const route of pageRoutes()) {
      if (!route.permission) continue;
      for (const role of ROLES) {
        const browser = browsers[role];
        const url = fill(route.url);
        const res = route.method === 'GET' ? await browser.get(url) : await browser.post(url, {});
        const allowed = roleCan(role, route.permission);
        // A redirect to the sign-in page would mean the session was lost: neither an answer nor a refusal.
        const signedOut = res.statusCode === 302 && res.headers.location === '/admin/login';
        const ok = !signedOut && (allowed ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === 403);
        if (!ok) wrong.push(`${route.method} ${route.url} as ${role} (${route.permission}): ${res.statusCode} ${res.headers.location ?? ''}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('answers 401 to every permission-checked API route without a valid key', async () => {
    const wrong: string[] = [];
    for (const route of apiRoutes()) {
      if (!route.permission) continue;
      for (const headers of [{}, { authorization: 'Bearer pk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }]) {
        const res = await app.inject({ method: route.method as 'GET', url: fill(route.url), headers });
        if (res.statusCode !== 401) wrong.push(`${route.method} ${route.url}: ${res.statusCode}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
