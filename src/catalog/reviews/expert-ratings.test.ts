import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { makeProduct } from '../images/test-fixtures.ts';

describe('expert ratings admin API', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;
  let support: Record<string, string>;
  let warehouse: Record<string, string>;
  const changed: number[][] = [];
  const rows = () => ctx.db.kysely.selectFrom('expert_ratings').selectAll().orderBy('id').execute();

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    owner = await adminAuth(ctx, 'owner');
    support = await adminAuth(ctx, 'support');
    warehouse = await adminAuth(ctx, 'warehouse');
    ctx.events.on('catalog.products_changed', (p) => void changed.push(p.productIds));
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('adds, lists, replaces and deletes ratings on their own scales', async () => {
    const product = await makeProduct(ctx);
    const url = `/api/admin/products/${product.id}/expert-ratings`;
    changed.length = 0;
    const a = await app.inject({ method: 'POST', url, headers: owner, payload: { source: '  Cellar Notes Asia ', score: 92, scale_max: 100, note: 'Dark fruit.', reviewed_on: '2026-03-01' } });
    assert.equal(a.statusCode, 201, a.body);
    assert.deepEqual({ ...(a.json() as object), id: 0 }, { id: 0, product_id: product.id, source: 'Cellar Notes Asia', score: 92, scale_max: 100, note: 'Dark fruit.', reviewed_on: '2026-03-01', position: 0 });
    assert.deepEqual(changed, [[product.id]]);
    const b = await app.inject({ method: 'POST', url, headers: owner, payload: { source: 'Kopi Guide', score: 4.5, scale_max: 5 } });
    assert.equal(b.statusCode, 201);
    assert.equal(b.json().position, 1);
    assert.equal(b.json().note, null);

    const list = await app.inject({ url, headers: warehouse });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((r: any) => [r.source, r.score, r.scale_max]), [['Cellar Notes Asia', 92, 100], ['Kopi Guide', 4.5, 5]]);

    const put = await app.inject({ method: 'PUT', url: `${url}/${a.json().id}`, headers: owner, payload: { source: 'Cellar Notes Asia', score: 94.5, scale_max: 100 } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().score, 94.5);
    assert.equal(put.json().note, null, 'PUT replaces: an absent note is cleared');
    assert.equal(put.json().position, 0);

    const del = await app.inject({ method: 'DELETE', url: `${url}/${b.json().id}`, headers: owner });
    assert.equal(del.statusCode, 204);
    assert.equal((await rows()).filter((r) => r.product_id === product.id).length, 1);
  });

  it('refuses bad ratings with 4xx and the error shape, writing nothing', async () => {
    const product = await makeProduct(ctx);
    const other = await makeProduct(ctx);
    const url = `/api/admin/products/${product.id}/expert-ratings`;
    const existing = (await app.inject({ method: 'POST', url, headers: owner, payload: { source: 'Guide', score: 3, scale_max: 5 } })).json();
    const before = JSON.stringify(await rows());
    const ok = { source: 'Guide', score: 90, scale_max: 100 };
    const cases: Array<[string, string, unknown, number, Record<string, string>?]> = [
      ['POST', url, { ...ok, score: 101 }, 400],
      ['POST', url, { ...ok, score: -1 }, 400],
      ['POST', url, { ...ok, scale_max: 0 }, 400],
      ['POST', url, { ...ok, scale_max: 1e9, score: 1 }, 400],
      ['POST', url, { ...ok, score: '90' }, 400],
      ['POST', url, { ...ok, source: '' }, 400],
      ['POST', url, { ...ok, source: '   ' }, 400],
      ['POST', url, { ...ok, source: 'x'.repeat(121) }, 400],
      ['POST', url, { ...ok, note: 'x'.repeat(1001) }, 400],
      ['POST', url, { ...ok, reviewed_on: '2026-02-30' }, 400],
      ['POST', url, { ...ok, reviewed_on: "' OR 1=1 --" }, 400],
      ['POST', url, { ...ok, reviewed_on: '<script>' }, 400],
      ['POST', url, { ...ok, product_id: other.id }, 400],
      ['POST', url, { score: 90, scale_max: 100 }, 400],
      ['POST', '/api/admin/products/999999/expert-ratings', ok, 404],
      ['POST', '/api/admin/products/abc/expert-ratings', ok, 400],
      ['POST', url, ok, 403, warehouse],
      ['POST', url, ok, 403, support],
      ['POST', url, ok, 401, {}],
      ['PUT', `${url}/${existing.id}`, { ...ok, score: 200 }, 400],
      ['PUT', `${url}/999999`, ok, 404],
      ['PUT', `/api/admin/products/${other.id}/expert-ratings/${existing.id}`, ok, 404],
      ['PUT', `${url}/${existing.id}`, ok, 403, warehouse],
      ['DELETE', `/api/admin/products/${other.id}/expert-ratings/${existing.id}`, undefined, 404],
      ['DELETE', `${url}/${existing.id}`, undefined, 403, warehouse],
      ['GET', '/api/admin/products/999999/expert-ratings', undefined, 404],
    ];
    for (const [method, u, payload, status, auth] of cases) {
      const res = await app.inject({ method: method as 'POST', url: u, headers: auth ?? owner, ...(payload === undefined ? {} : { payload: payload as object }) });
      assert.equal(res.statusCode, status, `${method} ${u} ${JSON.stringify(payload)?.slice(0, 60)} → ${res.body}`);
      const body = res.json();
      assert.equal(typeof body.error?.code, 'string');
    }
    assert.equal(JSON.stringify(await rows()), before);
  });

  it('stores a hostile note as text', async () => {
    const product = await makeProduct(ctx);
    const res = await app.inject({ method: 'POST', url: `/api/admin/products/${product.id}/expert-ratings`, headers: owner, payload: { source: "<b>Critic</b>' OR 1=1 --", score: 1, scale_max: 1, note: '<script>alert(1)</script>' } });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().source, "<b>Critic</b>' OR 1=1 --");
    assert.equal(res.json().note, '<script>alert(1)</script>');
  });
});
