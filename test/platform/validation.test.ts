// Request validation: query strings are coerced to their declared types, JSON bodies are not.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'typebox';
import { buildApp, type App } from '../../src/platform/http/app.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('request validation', () => {
  let ctx: TestContext;
  let app: App;
  before(async () => {
    ctx = await createTestContext();
    app = await buildApp(ctx, {
      modules: [{
        name: 'probe',
        register(app) {
          app.post('/api/store/probe', {
            schema: {
              tags: ['store'],
              summary: 'Echo',
              querystring: Type.Object({ page: Type.Integer({ default: 1 }), tag: Type.Optional(Type.Array(Type.String())) }, { additionalProperties: false }),
              body: Type.Object({ name: Type.String(), count: Type.Integer() }, { additionalProperties: false }),
            },
          }, async (request) => ({ query: request.query, body: request.body }));
        },
      }],
    });
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const post = (payload: unknown, query = '') =>
    app.inject({ method: 'POST', url: `/api/store/probe${query}`, payload: payload as object });

  it('coerces query strings to numbers and single values to arrays', async () => {
    const res = await post({ name: 'a', count: 1 }, '?page=3&tag=x');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().query, { page: 3, tag: ['x'] });
  });

  it('refuses a number where the body wants a string', async () => {
    const res = await post({ name: 123, count: 1 });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  });

  it('refuses a numeric string where the body wants an integer', async () => {
    const res = await post({ name: 'a', count: '5' });
    assert.equal(res.statusCode, 400);
  });

  it('refuses unknown body fields instead of dropping them', async () => {
    const res = await post({ name: 'a', count: 1, admin: true });
    assert.equal(res.statusCode, 400);
  });

  it('refuses a query string that is not a number where one is declared', async () => {
    const res = await post({ name: 'a', count: 1 }, '?page=abc');
    assert.equal(res.statusCode, 400);
  });
});
