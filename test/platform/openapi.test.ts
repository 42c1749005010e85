import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestContext, type TestContext } from '../helpers/test-context.ts';
import type { App } from '../../src/platform/http/app.ts';

// Fastify writes /a/:id; OpenAPI writes /a/{id}.
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('OpenAPI document', () => {
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

  it('documents every API route with its method, a summary and a tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const apiRoutes = app.registeredRoutes.filter(
      (r) => (r.url.startsWith('/api/store') || r.url.startsWith('/api/admin') || r.url === '/healthz') && r.method !== 'HEAD',
    );
    assert.ok(apiRoutes.length > 0);
    const missing: string[] = [];
    for (const r of apiRoutes) {
      const op = doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()];
      if (!op || r.hidden) missing.push(`${r.method} ${r.url}${r.hidden ? ' (hidden)' : ''}`);
      else if (!op.summary || !op.tags?.length) missing.push(`${r.method} ${r.url} (no summary or tag)`);
    }
    assert.deepEqual(missing, []);
  });

  it('marks admin operations as needing a bearer token, except the two that hand one out', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // Signing in and changing an expired password are how a staff member gets a token.
    const open = new Set(['/api/admin/auth/login', '/api/admin/auth/password']);
    const unsecured: string[] = [];
    for (const [p, ops] of Object.entries<any>(doc.paths)) {
      if (!p.startsWith('/api/admin') || open.has(p)) continue;
      for (const [method, op] of Object.entries<any>(ops)) if (!op.security?.length) unsecured.push(`${method} ${p}`);
    }
    assert.deepEqual(unsecured, []);
  });

  it('serves a browsable API reference page', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
  });
});
