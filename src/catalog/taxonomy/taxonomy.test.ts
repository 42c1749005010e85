import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { searchProducts } from '../../search/index.ts';
import { importTaxonomy } from '../import/index.ts';
import { createProduct, getProductForAdmin } from '../products/index.ts';
import { coffee, tableCounts, taxonomy } from '../products/test-fixtures.ts';
import type { AdminAttribute, AdminBrand, AdminCategory, AdminCollection, AdminProductType } from './index.ts';

type Headers = Record<string, string>;
type Res = { statusCode: number; body: string; json(): unknown };

function assertError(res: Res, status: number) {
  assert.equal(res.statusCode, status, res.body);
  const body = res.json() as { error: { code: string; message: string } };
  assert.equal(typeof body.error.code, 'string');
  assert.equal(typeof body.error.message, 'string');
}

describe('taxonomy admin API', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Headers, marketing: Headers, warehouse: Headers;
  let taxonomyEvents = 0;

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    ctx.events.on('catalog.taxonomy_changed', () => void taxonomyEvents++);
    await importTaxonomy(ctx, taxonomy);
    [owner, marketing, warehouse] = await Promise.all((['owner', 'marketing', 'warehouse'] as const).map((r) => adminAuth(ctx, r)));
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers = owner) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }) as Promise<Res>;

  describe('categories', () => {
    it('creates a subtree, lists it depth-first, moves and renames, deletes an empty leaf', async () => {
      const events = taxonomyEvents;
      const tea = await call('POST', '/api/admin/categories', { code: 'tea', translations: { en: { name: 'Tea' }, th: { name: 'ชา' } } }, marketing);
      assert.equal(tea.statusCode, 201, tea.body);
      assert.equal((tea.json() as AdminCategory).translations.th!.slug, 'ชา');
      const green = (await call('POST', '/api/admin/categories', { code: 'green-tea', parent: 'tea', translations: { en: { name: 'Green tea', seo_title: 'Green tea online' } } })).json() as AdminCategory;
      assert.equal(green.parent, 'tea');
      assert.equal(green.depth, 1);
      assert.equal(taxonomyEvents, events + 2);

      const list = (await call('GET', '/api/admin/categories', undefined, warehouse)).json() as { items: AdminCategory[] };
      const codes = list.items.map((c) => c.code);
      assert.ok(codes.indexOf('green-tea') === codes.indexOf('tea') + 1, 'children follow their parent');

      const moved = await call('PUT', `/api/admin/categories/${green.id}`, { code: 'green-tea', parent: 'coffee', translations: { en: { name: 'Green tea leaves' } } });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal((moved.json() as AdminCategory).parent, 'coffee');
      assert.equal((moved.json() as AdminCategory).translations.en!.slug, 'green-tea', 'a renamed category keeps its slug');

      assert.equal((await call('DELETE', `/api/admin/categories/${green.id}`)).statusCode, 204);
      assertError(await call('GET', `/api/admin/categories/${green.id}`), 404);
    });

    it('refuses deleting a category with children or products (409), cycles and bad input (400), and writes nothing', async () => {
      const list = ((await call('GET', '/api/admin/categories')).json() as { items: AdminCategory[] }).items;
      const coffeeCat = list.find((c) => c.code === 'coffee')!;
      const beans = list.find((c) => c.code === 'beans')!;
      await createProduct(ctx, coffee(1));
      const before = await tableCounts(ctx);
      assertError(await call('DELETE', `/api/admin/categories/${coffeeCat.id}`), 409);
      assertError(await call('DELETE', `/api/admin/categories/${beans.id}`), 409);
      assertError(await call('PUT', `/api/admin/categories/${coffeeCat.id}`, { code: 'coffee', parent: 'beans', translations: { en: { name: 'Coffee' } } }), 400);
      assertError(await call('PUT', `/api/admin/categories/${coffeeCat.id}`, { code: 'coffee', parent: 'coffee', translations: { en: { name: 'Coffee' } } }), 400);
      assertError(await call('POST', '/api/admin/categories', { code: 'beans', translations: { en: { name: 'Again' } } }), 409);
      assertError(await call('POST', '/api/admin/categories', { code: 'other', translations: { en: { name: 'Other', slug: 'coffee' } } }), 409);
      for (const bad of [
        {},
        { code: 'Bad Code', translations: { en: { name: 'X' } } },
        { code: "' OR 1=1 --", translations: { en: { name: 'X' } } },
        { code: 'x', translations: { id: { name: 'Tanpa default' } } },
        { code: 'x', parent: 'missing', translations: { en: { name: 'X' } } },
        { code: 'x', translations: { en: { name: 'x'.repeat(201) } } },
        { code: 'x', translations: { en: { name: 'X' } }, extra: true },
        { code: 'x', position: 'first', translations: { en: { name: 'X' } } },
      ]) {
        assertError(await call('POST', '/api/admin/categories', bad), 400);
      }
      assert.deepEqual(await tableCounts(ctx), before);
      assertError(await call('PUT', '/api/admin/categories/999999', { code: 'x', translations: { en: { name: 'X' } } }), 404);
      assertError(await call('DELETE', '/api/admin/categories/999999'), 404);
    });
  });

  describe('brands', () => {
    it('creates, renames (re-indexing its products) and deletes only unused brands', async () => {
      const p = await createProduct(ctx, coffee(2, { brand: 'java-mill' }));
      const brands = ((await call('GET', '/api/admin/brands')).json() as { items: AdminBrand[] }).items;
      const java = brands.find((b) => b.slug === 'java-mill')!;
      assert.equal(java.product_count, 1);
      const renamed = await call('PUT', `/api/admin/brands/${java.id}`, { slug: 'java-mill', name: 'Jatiluwih Roastery', description: 'Bali' }, marketing);
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual((await searchProducts(ctx, { q: 'jatiluwih', locale: 'en', currency: 'IDR' })).items.map((i) => i.id), [p.id]);
      assertError(await call('DELETE', `/api/admin/brands/${java.id}`), 409);

      const made = await call('POST', '/api/admin/brands', { slug: 'new-brand', name: 'New brand' });
      assert.equal(made.statusCode, 201);
      const before = await tableCounts(ctx);
      assertError(await call('POST', '/api/admin/brands', { slug: 'new-brand', name: 'Again' }), 409);
      assertError(await call('POST', '/api/admin/brands', { slug: '<script>', name: 'X' }), 400);
      assertError(await call('POST', '/api/admin/brands', { slug: 'ok', name: '' }), 400);
      assertError(await call('POST', '/api/admin/brands', { slug: 'ok', name: 'X' }, warehouse), 403);
      assertError(await call('PUT', `/api/admin/brands/${java.id}`, { slug: 'new-brand', name: 'Clash' }), 409);
      assert.deepEqual(await tableCounts(ctx), before);
      assert.equal((await call('DELETE', `/api/admin/brands/${(made.json() as AdminBrand).id}`)).statusCode, 204);
    });
  });

  describe('attributes and product types', () => {
    it('creates every kind, keeps option ids on update, refuses changes that would lose product values', async () => {
      const origin = await call('POST', '/api/admin/attributes', {
        code: 'origin', kind: 'enum', filterable: true, names: { en: 'Origin', id: 'Asal' },
        options: [{ code: 'sumatra', labels: { en: 'Sumatra' } }, { code: 'java', labels: { en: 'Java' } }],
      }, marketing);
      assert.equal(origin.statusCode, 201, origin.body);
      const o = origin.json() as AdminAttribute;
      assert.deepEqual(o.options.map((x) => x.code), ['sumatra', 'java']);
      assert.equal((await call('POST', '/api/admin/attributes', { code: 'altitude', kind: 'number', unit: 'm', names: { en: 'Altitude' } })).statusCode, 201);
      assert.equal((await call('POST', '/api/admin/attributes', { code: 'fair-trade', kind: 'boolean', names: { en: 'Fair trade' } })).statusCode, 201);

      const updated = await call('PUT', `/api/admin/attributes/${o.id}`, {
        code: 'origin', kind: 'enum', filterable: false, names: { en: 'Origin island' },
        options: [{ code: 'java', labels: { en: 'Java island' } }, { code: 'bali', labels: { en: 'Bali' } }],
      });
      assert.equal(updated.statusCode, 200, updated.body);
      const u = updated.json() as AdminAttribute;
      assert.equal(u.options[0]!.id, o.options[1]!.id, 'java keeps its option id');
      assert.deepEqual(u.options.map((x) => x.code), ['java', 'bali']);
      assert.equal(u.filterable, false);

      // Now a product uses origin=java: its kind cannot change, java cannot go, the attribute cannot be deleted.
      const type = await call('POST', '/api/admin/product-types', { code: 'single-origin', name: 'Single origin', attributes: ['origin', 'roast'] });
      assert.equal(type.statusCode, 201, type.body);
      assert.deepEqual((type.json() as AdminProductType).attributes, ['origin', 'roast']);
      await createProduct(ctx, coffee(3, { type: 'single-origin', attributes: { origin: 'java' } }));
      const before = await tableCounts(ctx);
      assertError(await call('PUT', `/api/admin/attributes/${o.id}`, { code: 'origin', kind: 'text', names: { en: 'Origin' } }), 409);
      assertError(await call('PUT', `/api/admin/attributes/${o.id}`, { code: 'origin', kind: 'enum', names: { en: 'Origin' }, options: [{ code: 'bali', labels: { en: 'Bali' } }] }), 409);
      assertError(await call('DELETE', `/api/admin/attributes/${o.id}`), 409);
      assertError(await call('DELETE', `/api/admin/product-types/${(type.json() as AdminProductType).id}`), 409);
      for (const bad of [
        { code: 'x', kind: 'colour', names: { en: 'X' } },
        { code: 'x', kind: 'text', names: { en: 'X' }, options: [{ code: 'a', labels: { en: 'A' } }] },
        { code: 'x', kind: 'text', unit: 'kg', names: { en: 'X' } },
        { code: 'x', kind: 'enum', names: { en: 'X' }, options: [{ code: 'a', labels: { en: 'A' } }, { code: 'a', labels: { en: 'B' } }] },
        { code: 'x', kind: 'text', names: { th: 'ไม่มีภาษาอังกฤษ' } },
        { code: 'x', kind: 'text', filterable: 'yes', names: { en: 'X' } },
      ]) {
        assertError(await call('POST', '/api/admin/attributes', bad), 400);
      }
      assertError(await call('POST', '/api/admin/attributes', { code: 'origin', kind: 'text', names: { en: 'Again' } }), 409);
      assertError(await call('POST', '/api/admin/product-types', { code: 'x', name: 'X', attributes: ['nope'] }), 400);
      assertError(await call('POST', '/api/admin/product-types', { code: 'x', name: 'X', attributes: ['roast', 'roast'] }), 400);
      assertError(await call('POST', '/api/admin/product-types', { code: 'coffee', name: 'Again', attributes: [] }), 409);
      assertError(await call('POST', '/api/admin/product-types', { code: 'x', name: 'X', attributes: [] }, warehouse), 403);
      assert.deepEqual(await tableCounts(ctx), before);
      assertError(await call('PUT', '/api/admin/attributes/999999', { code: 'x', kind: 'text', names: { en: 'X' } }), 404);
      assertError(await call('GET', '/api/admin/product-types/999999'), 404);
    });
  });

  describe('collections', () => {
    it('holds products by id or slug in order, replaced on update', async () => {
      const a = await createProduct(ctx, coffee(10, { collections: [] }));
      const b = await createProduct(ctx, coffee(11, { collections: [] }));
      const made = await call('POST', '/api/admin/collections', {
        code: 'staff-picks', featured: true, translations: { en: { name: 'Staff picks' }, id: { name: 'Pilihan staf' } },
        products: [b.translations.en!.slug, a.id],
      }, marketing);
      assert.equal(made.statusCode, 201, made.body);
      const c = made.json() as AdminCollection;
      assert.deepEqual(c.products.map((p) => p.id), [b.id, a.id]);
      assert.equal(c.translations.id!.slug, 'pilihan-staf');
      assert.deepEqual((await getProductForAdmin(ctx, a.id))!.collections, ['staff-picks']);

      const updated = await call('PUT', `/api/admin/collections/${c.id}`, { code: 'staff-picks', translations: { en: { name: 'Staff picks' } }, products: [a.translations.id!.slug] });
      assert.equal(updated.statusCode, 200, updated.body);
      assert.deepEqual((updated.json() as AdminCollection).products.map((p) => p.id), [a.id]);
      assert.equal((updated.json() as AdminCollection).featured, false);

      const before = await tableCounts(ctx);
      for (const bad of [
        { code: 'x', translations: { en: { name: 'X' } }, products: ['no-such-slug'] },
        { code: 'x', translations: { en: { name: 'X' } }, products: [999_999] },
        { code: 'x', translations: { en: { name: 'X' } }, products: [a.id, a.translations.en!.slug] },
        { code: 'x', translations: { en: { name: 'X' } }, products: [{ id: 1 }] },
        { code: 'x', translations: { es: { name: 'Sin inglés' } } },
      ]) {
        assertError(await call('POST', '/api/admin/collections', bad), 400);
      }
      assertError(await call('POST', '/api/admin/collections', { code: 'staff-picks', translations: { en: { name: 'X' } } }), 409);
      assert.deepEqual(await tableCounts(ctx), before);

      assert.equal((await call('DELETE', `/api/admin/collections/${c.id}`)).statusCode, 204);
      assert.deepEqual((await getProductForAdmin(ctx, a.id))!.collections, []);
      assertError(await call('DELETE', `/api/admin/collections/${c.id}`), 404);
    });
  });

  it('needs a key and the catalog:write permission', async () => {
    assertError(await call('GET', '/api/admin/categories', undefined, {}), 401);
    assert.equal((await call('GET', '/api/admin/collections', undefined, warehouse)).statusCode, 200);
    for (const path of ['/api/admin/categories', '/api/admin/brands', '/api/admin/attributes', '/api/admin/product-types', '/api/admin/collections']) {
      assertError(await call('DELETE', `${path}/1`, undefined, warehouse), 403);
    }
  });
});
