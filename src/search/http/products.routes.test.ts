import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { rebuildSearchIndex } from '../index.ts';
import { seedFixtures, type Fixture } from '../test-dataset.ts';

let ctx: TestContext;
let app: App;
let fx: Fixture;

before(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  fx = await seedFixtures(ctx.db.kysely);
  await rebuildSearchIndex(ctx);
});
after(async () => {
  await app.close();
  await ctx.close();
});

const get = (query: string) => app.inject({ method: 'GET', url: `/api/store/products${query}` });

async function indexSnapshot() {
  const db = ctx.db.kysely;
  const n = async (t: 'search_products' | 'search_terms' | 'products' | 'product_reviews') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { sp: await n('search_products'), terms: await n('search_terms'), products: await n('products'), reviews: await n('product_reviews') };
}

describe('GET /api/store/products', () => {
  it('answers items, total, paging and facets with defaults (newest, 24 per page, default locale and currency)', async () => {
    const res = await get('');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.page, 1);
    assert.equal(body.per_page, 24);
    assert.equal(body.total, 6);
    assert.equal(body.items.length, 6);
    assert.equal(body.facets.price.currency, 'IDR');
    assert.equal(body.items[0].id, fx.ids.jasmine); // newest
    assert.deepEqual(Object.keys(body.items[0]).sort(), ['brand', 'id', 'image', 'name', 'price', 'rating', 'slug', 'stock']);
  });

  it('searches with filters from the query string', async () => {
    const body = (await get('?q=cofee&brand=kopi-nusantara&attr.roast=dark&sort=price_asc&in_stock=true')).json();
    assert.deepEqual(body.items.map((i: { id: number }) => i.id), [fx.ids.sumatera, fx.ids.aceh]);
  });

  it('takes attribute values repeated or comma-separated', async () => {
    const a = (await get('?attr.origin=sumatra&attr.origin=java')).json();
    const b = (await get('?attr.origin=sumatra,java')).json();
    assert.equal(a.total, 2);
    assert.deepEqual(a.items, b.items);
    const w = (await get('?attr.weight=200..600&attr.organic=true')).json();
    assert.deepEqual(w.items.map((i: { id: number }) => i.id), [fx.ids.sumatera]);
  });

  it('uses locale and currency', async () => {
    const body = (await get('?q=selendang&locale=id&currency=USD')).json();
    assert.equal(body.items[0].name, 'Selendang Batik Tulis');
    assert.deepEqual(body.items[0].price, { amount: 2500, currency: 'USD', compare_at_amount: null, from: false });
    const th = (await get(`?q=${encodeURIComponent('ชาเขียว')}&locale=th&currency=THB`)).json();
    assert.equal(th.items[0].price.amount, 12000);
  });

  it('answers an unknown category or brand with zero results', async () => {
    for (const q of ['?category=nope', '?brand=nope', '?category=coffee&brand=tenun']) {
      const res = await get(q);
      assert.equal(res.statusCode, 200, q);
      assert.equal(res.json().total, 0);
      assert.deepEqual(res.json().items, []);
    }
  });

  it('refuses bad parameters with the error shape, writing nothing', async () => {
    const before = await indexSnapshot();
    const bad = [
      '?sort=cheapest', '?sort=', '?per_page=0', '?per_page=101', '?per_page=abc', '?page=0', '?page=-1', '?page=1.5',
      '?locale=de', '?locale=EN', '?currency=XXX', '?currency=idr', '?min_price=-1', '?max_price=1.5', '?min_price=abc',
      '?min_rating=6', '?in_stock=maybe', `?q=${'a'.repeat(201)}`, `?q=${'x'.repeat(10_000)}`, '?foo=1',
      '?attr.=x', '?attr.weight=heavy', '?attr.organic=maybe', `?category=${'c'.repeat(201)}`,
      `?attr.origin=${encodeURIComponent('<script>'.repeat(100))}`,
    ];
    for (const q of bad) {
      const res = await get(q);
      assert.equal(res.statusCode, 400, `${q.slice(0, 40)} → ${res.statusCode}`);
      const body = res.json();
      assert.equal(typeof body.error.code, 'string');
      assert.equal(typeof body.error.message, 'string');
    }
    assert.deepEqual(await indexSnapshot(), before);
  });

  it('treats hostile strings as text to search for', async () => {
    const before = await indexSnapshot();
    for (const q of [`' OR 1=1 --`, '<script>alert(1)</script>', '"; drop table products; --', 'coffee) | (x']) {
      const res = await get(`?q=${encodeURIComponent(q)}&category=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, q);
      assert.equal(res.json().total, 0);
    }
    const res = await get(`?brand=${encodeURIComponent(`' OR 1=1 --`)}&attr.origin=${encodeURIComponent(`' OR 1=1 --`)}`);
    assert.equal(res.json().total, 0);
    assert.deepEqual(await indexSnapshot(), before);
  });

  it('runs the same number of queries for 2 and 20 items per page', async () => {
    const count = async (perPage: number, extra = '') => {
      ctx.queries.length = 0;
      const res = await get(`?per_page=${perPage}${extra}`);
      assert.equal(res.statusCode, 200);
      return { queries: ctx.queries.length, items: res.json().items.length };
    };
    const small = await count(2);
    const large = await count(20);
    assert.equal(small.items, 2);
    assert.equal(large.items, 6);
    assert.equal(small.queries, large.queries);
    const q2 = await count(2, '&q=coffee&attr.origin=sumatra&min_price=1');
    const q20 = await count(20, '&q=coffee&attr.origin=sumatra&min_price=1');
    assert.equal(q2.queries, q20.queries);
  });

  it('is documented in the OpenAPI document, attr.<code> included', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/store/products'].get;
    assert.deepEqual(op.tags, ['store']);
    assert.ok(op.summary);
    assert.match(op.description, /attr\.<code>/);
    const names = op.parameters.map((p: { name: string }) => p.name);
    for (const n of ['q', 'category', 'brand', 'min_price', 'max_price', 'min_rating', 'in_stock', 'sort', 'page', 'per_page', 'locale', 'currency']) {
      assert.ok(names.includes(n), n);
    }
    assert.ok(op.responses['200'] && op.responses['400']);
  });
});
