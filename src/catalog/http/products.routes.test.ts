import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { searchProducts } from '../../search/index.ts';
import { importTaxonomy } from '../import/index.ts';
import type { AdminProduct } from '../products/index.ts';
import { coffee, tableCounts, taxonomy } from '../products/test-fixtures.ts';

type Headers = Record<string, string>;

function asBody(p: AdminProduct) {
  const { id: _id, created_at: _c, updated_at: _u, images: _i, relations: _r, variants, ...rest } = structuredClone(p);
  return { ...rest, variants: variants.map(({ id: _vid, ...v }) => v) };
}

function assertError(res: { statusCode: number; json(): unknown }, status: number) {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  const body = res.json() as { error: { code: string; message: string } };
  assert.equal(typeof body.error.code, 'string');
  assert.equal(typeof body.error.message, 'string');
}

describe('product admin API', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Headers, marketing: Headers, warehouse: Headers, support: Headers;
  const deleted: number[][] = [];

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    ctx.events.on('catalog.products_deleted', ({ productIds }) => void deleted.push(productIds));
    await importTaxonomy(ctx, taxonomy);
    [owner, marketing, warehouse, support] = await Promise.all((['owner', 'marketing', 'warehouse', 'support'] as const).map((r) => adminAuth(ctx, r)));
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const create = async (n: number, headers = owner) => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/products', headers, payload: coffee(n) });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as AdminProduct;
  };

  it('creates (201), reads, lists, replaces and deletes a product', async () => {
    const p = await create(1, marketing);
    assert.equal(p.translations.en!.name, 'Toraja Sapan 1');
    const got = await app.inject({ url: `/api/admin/products/${p.id}`, headers: warehouse });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), p);

    const list = await app.inject({ url: '/api/admin/products?q=sapan&status=active&category=coffee&brand=toraja-co&page=1&per_page=10', headers: support });
    assert.equal(list.statusCode, 200);
    const body = list.json() as { items: Array<{ id: number }>; total: number; page: number; per_page: number };
    assert.deepEqual([body.items.map((i) => i.id), body.total, body.page, body.per_page], [[p.id], 1, 1, 10]);

    const input = asBody(p);
    input.translations.en!.name = 'Toraja Sapan Grand Reserve';
    input.variants = [input.variants[1]!, { sku: 'TS-1-5K', options: { size: '250g' }, prices: [{ currency: 'IDR', amount: 1_200_000 }], tier_prices: [] }];
    const put = await app.inject({ method: 'PUT', url: `/api/admin/products/${p.id}`, headers: marketing, payload: input });
    assert.equal(put.statusCode, 200, put.body);
    const replaced = put.json() as AdminProduct;
    assert.equal(replaced.variants[0]!.id, p.variants[1]!.id, 'the 1 kg variant keeps its id');
    assert.equal(replaced.variants[0]!.sku, 'TS-1-1K');
    assert.equal((await searchProducts(ctx, { q: 'grand reserve', locale: 'en', currency: 'IDR' })).items[0]?.id, p.id);

    const patch = await app.inject({ method: 'PATCH', url: `/api/admin/products/${p.id}`, headers: owner, payload: { featured: true } });
    assert.equal(patch.statusCode, 200);
    assert.equal((patch.json() as AdminProduct).featured, true);

    const del = await app.inject({ method: 'DELETE', url: `/api/admin/products/${p.id}`, headers: owner });
    assert.equal(del.statusCode, 204);
    assert.deepEqual(deleted.at(-1), [p.id]);
    assertError(await app.inject({ url: `/api/admin/products/${p.id}`, headers: owner }), 404);
  });

  it('lets warehouse and support read but not write (403), and needs a key (401)', async () => {
    const p = await create(2);
    const before = await tableCounts(ctx);
    for (const headers of [warehouse, support]) {
      assert.equal((await app.inject({ url: '/api/admin/products', headers })).statusCode, 200);
      assertError(await app.inject({ method: 'POST', url: '/api/admin/products', headers, payload: coffee(3) }), 403);
      assertError(await app.inject({ method: 'PUT', url: `/api/admin/products/${p.id}`, headers, payload: asBody(p) }), 403);
      assertError(await app.inject({ method: 'PATCH', url: `/api/admin/products/${p.id}`, headers, payload: { status: 'archived' } }), 403);
      assertError(await app.inject({ method: 'DELETE', url: `/api/admin/products/${p.id}`, headers }), 403);
      assertError(await app.inject({ method: 'PUT', url: `/api/admin/products/${p.id}/relations`, headers, payload: {} }), 403);
    }
    assertError(await app.inject({ url: '/api/admin/products' }), 401);
    assertError(await app.inject({ method: 'POST', url: '/api/admin/products', headers: { authorization: 'Bearer nope' }, payload: coffee(3) }), 401);
    assert.deepEqual(await tableCounts(ctx), before);
  });

  it('answers bad input with 400 (or 409 for taken SKUs) and writes nothing', async () => {
    const p = await create(4);
    await create(40);
    const before = await tableCounts(ctx);
    const good = coffee(5);
    const bodies: Array<[unknown, number]> = [
      [{}, 400],
      [{ ...good, variants: [] }, 400],
      [{ ...good, status: 'live' }, 400],
      [{ ...good, featured: 'yes' }, 400],
      [{ ...good, unknown_field: 1 }, 400],
      [{ ...good, translations: { en: { name: 'x'.repeat(201) } } }, 400],
      [{ ...good, translations: { xx: { name: 'Klingon' } } }, 400],
      [{ ...good, translations: { en: { name: '<script>alert(1)</script>', slug: "' OR 1=1 --" } } }, 400],
      [{ ...good, variants: [{ sku: 'A', prices: [{ currency: 'IDR', amount: 1.5 }] }] }, 400],
      [{ ...good, variants: [{ ...good.variants[0]!, prices: [{ currency: 'XXX', amount: 1 }] }] }, 400],
      [{ ...good, brand: "' OR 1=1 --" }, 400],
      [{ ...good, brand: 'unknown-brand' }, 400],
      [{ ...good, variants: [{ ...good.variants[0]!, sku: 'TS-40-250' }] }, 409],
    ];
    for (const [payload, status] of bodies) {
      assertError(await app.inject({ method: 'POST', url: '/api/admin/products', headers: owner, payload: payload as object }), status);
      assertError(await app.inject({ method: 'PUT', url: `/api/admin/products/${p.id}`, headers: owner, payload: payload as object }), status);
    }
    assertError(await app.inject({ method: 'POST', url: '/api/admin/products', headers: { ...owner, 'content-type': 'application/json' }, payload: '{"status": ' }), 400);
    assertError(await app.inject({ method: 'POST', url: '/api/admin/products', headers: { ...owner, 'content-type': 'text/plain' }, payload: 'hello' }), 400);
    assertError(await app.inject({ url: '/api/admin/products?per_page=1000', headers: owner }), 400);
    assertError(await app.inject({ url: '/api/admin/products?status=gone', headers: owner }), 400);
    assertError(await app.inject({ url: '/api/admin/products?sort=x', headers: owner }), 400);
    assertError(await app.inject({ url: `/api/admin/products?q=${'x'.repeat(500)}`, headers: owner }), 400);
    assertError(await app.inject({ url: '/api/admin/products/abc', headers: owner }), 400);
    assertError(await app.inject({ method: 'PATCH', url: `/api/admin/products/${p.id}`, headers: owner, payload: {} }), 400);
    assertError(await app.inject({ method: 'PATCH', url: `/api/admin/products/${p.id}`, headers: owner, payload: { name: 'x' } }), 400);
    assert.deepEqual(await tableCounts(ctx), before);
    const same = await app.inject({ url: `/api/admin/products/${p.id}`, headers: owner });
    assert.deepEqual(same.json(), p);
  });

  it('404s for unknown ids on every route', async () => {
    const before = await tableCounts(ctx);
    assertError(await app.inject({ url: '/api/admin/products/987654', headers: owner }), 404);
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/products/987654', headers: owner, payload: coffee(6) }), 404);
    assertError(await app.inject({ method: 'PATCH', url: '/api/admin/products/987654', headers: owner, payload: { status: 'draft' } }), 404);
    assertError(await app.inject({ method: 'DELETE', url: '/api/admin/products/987654', headers: owner }), 404);
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/products/987654/relations', headers: owner, payload: {} }), 404);
    assert.deepEqual(await tableCounts(ctx), before);
  });

  it('sets relations by slug in order; unknown slug, self and bad bodies are 400', async () => {
    const a = await create(7);
    const b = await create(8);
    const c = await create(9);
    const url = `/api/admin/products/${a.id}/relations`;
    const ok = await app.inject({ method: 'PUT', url, headers: marketing, payload: { similar: [c.translations.en!.slug, b.translations.en!.slug], complementary: [b.translations.id!.slug], pairing: [] } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual((ok.json() as { similar: Array<{ id: number }> }).similar.map((x) => x.id), [c.id, b.id]);
    const before = await tableCounts(ctx);
    for (const payload of [
      { similar: ['does-not-exist'] },
      { pairing: [a.translations.en!.slug] },
      { similar: 'not-a-list' },
      { related: [] },
      { similar: ['<script>alert(1)</script>'] },
      { similar: Array.from({ length: 51 }, (_, i) => `p-${i}`) },
    ]) {
      assertError(await app.inject({ method: 'PUT', url, headers: owner, payload }), 400);
    }
    assert.deepEqual(await tableCounts(ctx), before);
    const kept = (await app.inject({ url: `/api/admin/products/${a.id}`, headers: owner })).json() as AdminProduct;
    assert.deepEqual(kept.relations.similar.map((x) => x.id), [c.id, b.id]);
    assert.deepEqual(kept.relations.complementary.map((x) => x.id), [b.id]);
  });
});
