import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestContext, type TestContext } from '../helpers/test-context.ts';
import type { App } from '../../src/platform/http/app.ts';

describe('platform', () => {
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

  it('answers /healthz with 200 once the database is reachable', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/healthz']);
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/store/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });
});
