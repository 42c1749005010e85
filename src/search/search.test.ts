import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import type { FacetValue, SearchParams, SearchResult } from './index.ts';
import { rebuildSearchIndex, searchProducts } from './index.ts';
import { expectedFacets, inStock, passes, PRODUCTS, ratingAvg, seedFixtures, type Fixture } from './test-dataset.ts';

let ctx: TestContext;
let fx: Fixture;

before(async () => {
  ctx = await createTestContext();
  fx = await seedFixtures(ctx.db.kysely);
  await rebuildSearchIndex(ctx);
});
after(async () => ctx.close());

const search = (p: Partial<SearchParams>) => searchProducts(ctx, { locale: 'en', currency: 'IDR', per_page: 100, ...p });
const ids = (r: SearchResult) => r.items.map((i) => i.id);
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
const activeProducts = () => [...fx.byId.values()];
const expectedIds = (p: SearchParams) => sorted([...fx.byId.entries()].filter(([, prod]) => passes(prod, p)).map(([id]) => id));

describe('full-text search', () => {
  it('finds products by exact words, and not draft products', async () => {
    const r = await search({ q: 'coffee' });
    assert.deepEqual(sorted(ids(r)), sorted([fx.ids.sumatera, fx.ids.java, fx.ids.aceh]));
    assert.equal(r.total, 3);
    assert.equal((await search({ q: 'secret' })).total, 0);
  });

  for (const [kind, q] of [['missing letter', 'cofee'], ['extra letter', 'cofffee'], ['swapped letters', 'cofefe'], ['wrong letter', 'coffie']]) {
    it(`tolerates a ${kind} ("${q}")`, async () => {
      const found = ids(await search({ q }));
      assert.ok(found.includes(fx.ids.sumatera) && found.includes(fx.ids.java), `${q} → ${found}`);
      assert.ok(!found.includes(fx.ids.batik));
    });
  }

  it('corrects swaps and missing letters in other words ("baitk", "sumatra" for Sumatera)', async () => {
    assert.deepEqual(ids(await search({ q: 'baitk' })), [fx.ids.batik]);
    assert.deepEqual(ids(await search({ q: 'sumatra' })), [fx.ids.sumatera]);
    assert.deepEqual(ids(await search({ q: 'sumatra cofee' })), [fx.ids.sumatera]);
  });

  it('matches the last word as a prefix (type-ahead)', async () => {
    assert.deepEqual(ids(await search({ q: 'mandhel' })), [fx.ids.sumatera]);
    assert.deepEqual(ids(await search({ q: 'java est' })), [fx.ids.java]);
  });

  it('searches brand names, keywords and attribute option labels', async () => {
    assert.equal((await search({ q: 'nusantara' })).total, 3);
    assert.deepEqual(ids(await search({ q: 'single origin' })), [fx.ids.sumatera]);
    assert.deepEqual(sorted(ids(await search({ q: 'dark roast' }))), sorted([fx.ids.sumatera, fx.ids.aceh]));
    assert.deepEqual(ids(await search({ q: 'cedar' })), [fx.ids.sumatera]);
  });

  it('ranks a name match above a description match', async () => {
    assert.deepEqual(ids(await search({ q: 'espresso' })), [fx.ids.aceh, fx.ids.coldbrew]);
  });

  it('searches Indonesian text', async () => {
    assert.deepEqual(ids(await search({ q: 'kopi jawa', locale: 'id' })), [fx.ids.java]);
    assert.deepEqual(ids(await search({ q: 'selendang', locale: 'id' })), [fx.ids.batik]);
    assert.deepEqual(ids(await search({ q: 'arabika', locale: 'id' })), [fx.ids.sumatera]);
  });

  it('segments Thai text, which has no spaces', async () => {
    assert.deepEqual(ids(await search({ q: 'ชาเขียว', locale: 'th' })), [fx.ids.jasmine]);
    assert.deepEqual(ids(await search({ q: 'มะลิ', locale: 'th' })), [fx.ids.jasmine]);
    assert.deepEqual(ids(await search({ q: 'เชียงราย', locale: 'th' })), [fx.ids.jasmine]);
  });

  it('searches Spanish text, accents folded', async () => {
    assert.deepEqual(ids(await search({ q: 'bufanda', locale: 'es' })), [fx.ids.batik]);
    assert.deepEqual(ids(await search({ q: 'café sumatra', locale: 'es' })), [fx.ids.sumatera]);
    assert.deepEqual(ids(await search({ q: 'cafe', locale: 'es' })), [fx.ids.sumatera]);
  });

  it('falls back to the default locale text where a translation is missing', async () => {
    assert.deepEqual(ids(await search({ q: 'batik scarf', locale: 'th' })), [fx.ids.batik]);
    assert.deepEqual(ids(await search({ q: 'espresso', locale: 'id' })), [fx.ids.aceh, fx.ids.coldbrew]);
  });

  it('treats hostile input as plain words', async () => {
    for (const q of [`' OR 1=1 --`, '<script>alert(1)</script>', '"coffee" OR *', 'coffee) & (!x', 'NEAR(a b)', '\u0000']) {
      const r = await search({ q });
      assert.ok(r.total >= 0);
    }
    assert.equal((await search({ q: `' OR 1=1 --` })).total, 0);
    assert.equal((await search({ q: '"coffee" *' })).total, 3);
  });
});

describe('filters and facets (checked against a brute-force model of the fixtures)', () => {
  const cases: Array<Partial<SearchParams>> = [
    {},
    { brand: 'kopi-nusantara' },
    { category: 'coffee' },
    { category: 'food', attributes: { origin: ['sumatra', 'java'] } },
    { attributes: { organic: ['true'] }, in_stock: true },
    { attributes: { organic: ['false'] } },
    { attributes: { weight: ['200..600'] } },
    { attributes: { weight: ['..250', '1000'] } },
    { min_price: 50000, max_price: 200000 },
    { min_price: 100000 },
    { min_rating: 4 },
    { in_stock: true },
    { featured: true },
    { currency: 'USD', max_price: 1000 },
    { category: 'coffee', brand: 'kopi-nusantara', attributes: { roast: ['dark'], organic: ['true'] }, min_price: 80000, in_stock: true, min_rating: 1 },
    { category: 'crafts', brand: 'siam-tea' },
  ];
  for (const c of cases) {
    it(`filters ${JSON.stringify(c)}`, async () => {
      const params = { locale: 'en', currency: 'IDR', ...c } as SearchParams;
      const r = await search(c);
      assert.deepEqual(sorted(ids(r)), expectedIds(params));
      assert.equal(r.total, expectedIds(params).length);

      const want = expectedFacets(activeProducts(), params);
      const asMap = (values: FacetValue[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));
      assert.deepEqual(asMap(r.facets.brands), want.brands);
      assert.deepEqual(asMap(r.facets.categories), want.categories);
      for (const code of ['origin', 'roast', 'organic', 'weight']) {
        const facet = r.facets.attributes.find((a) => a.code === code);
        assert.deepEqual(asMap(facet?.values ?? []), want.attributes[code], code);
        for (const v of facet?.values ?? []) {
          const sel = c.attributes?.[code] ?? [];
          if (code !== 'weight') assert.equal(v.selected, sel.includes(v.value));
        }
      }
      assert.equal(r.facets.price.min, want.price.min);
      assert.equal(r.facets.price.max, want.price.max);
      assert.equal(r.facets.price.currency, params.currency);
      assert.equal(r.facets.price.ranges.reduce((a, b) => a + b.count, 0), want.price.prices.length);
      for (const range of r.facets.price.ranges) {
        const inRange = want.price.prices.filter((p) => p >= range.min && (range.max === null || p <= range.max)).length;
        assert.equal(range.count, inRange, JSON.stringify(range));
      }
      assert.deepEqual(r.facets.rating, want.rating);
      assert.equal(r.facets.in_stock.count, want.in_stock);
      if (c.brand) assert.ok(r.facets.brands.some((b) => b.value === c.brand && b.selected));
    });
  }

  it('combines a text query with facets', async () => {
    const r = await search({ q: 'coffee', brand: 'kopi-nusantara', attributes: { roast: ['dark'] } });
    assert.deepEqual(sorted(ids(r)), sorted([fx.ids.sumatera, fx.ids.aceh]));
    const roast = r.facets.attributes.find((a) => a.code === 'roast')!;
    assert.deepEqual(Object.fromEntries(roast.values.map((v) => [v.value, v.count])), { light: 1, dark: 2 });
    const origin = r.facets.attributes.find((a) => a.code === 'origin')!;
    assert.deepEqual(Object.fromEntries(origin.values.map((v) => [v.value, v.count])), { sumatra: 1, aceh: 1 });
  });

  it('lists a category subtree and shows the children of the selected category', async () => {
    const r = await search({ category: 'food' });
    assert.deepEqual(
      r.facets.categories.map((c) => [c.value, c.selected]),
      [['food', true], ['coffee', false], ['tea', false]],
    );
  });

  it('localises facet labels', async () => {
    const r = await search({ locale: 'id', category: 'makanan' });
    assert.equal(r.facets.categories[0].label, 'Makanan');
    assert.equal(r.total, 5); // everything but the batik scarf (crafts) and the draft
    const origin = r.facets.attributes.find((a) => a.code === 'origin')!;
    assert.equal(origin.name, 'Asal');
    assert.equal(origin.values.find((v) => v.value === 'java')?.label, 'Jawa');
    assert.equal(origin.values.find((v) => v.value === 'aceh')?.label, 'Aceh Gayo'); // fallback to en
    assert.equal(r.facets.attributes.find((a) => a.code === 'organic')!.values.find((v) => v.value === 'true')?.label, 'Ya');
    assert.equal(r.facets.attributes.find((a) => a.code === 'weight')!.unit, 'g');
  });

  it('gives zero results for an unknown category, brand or attribute', async () => {
    assert.equal((await search({ category: 'nope' })).total, 0);
    assert.equal((await search({ brand: 'nope' })).total, 0);
    assert.equal((await search({ attributes: { nope: ['x'] } })).total, 0);
    assert.equal((await search({ attributes: { origin: ['nowhere'] } })).total, 0);
  });

  it('refuses malformed number and boolean attribute values', async () => {
    await assert.rejects(search({ attributes: { weight: ['heavy'] } }), (e: { status?: number }) => e.status === 400);
    await assert.rejects(search({ attributes: { organic: ['maybe'] } }), (e: { status?: number }) => e.status === 400);
  });
});

describe('sorting and paging', () => {
  const all = () => [...fx.byId.entries()].filter(([, p]) => passes(p, { locale: 'en', currency: 'IDR' }));

  it('defaults to newest without q', async () => {
    const got = ids(await search({}));
    const want = all().sort(([a, p], [b, q]) => q.createdAt!.localeCompare(p.createdAt!) || b - a).map(([id]) => id);
    assert.deepEqual(got, want);
  });

  it('sorts by price in the currency, products without a price last', async () => {
    for (const sort of ['price_asc', 'price_desc'] as const) {
      for (const currency of ['IDR', 'USD'] as const) {
        const r = await search({ sort, currency });
        const prices = r.items.map((i) => i.price?.amount ?? null);
        const priced = prices.filter((p): p is number => p !== null);
        assert.deepEqual(prices.slice(0, priced.length), priced, 'unpriced products come last');
        for (let i = 1; i < priced.length; i++) {
          assert.ok(sort === 'price_asc' ? priced[i] >= priced[i - 1] : priced[i] <= priced[i - 1], `${sort} ${currency} ${prices}`);
        }
        assert.equal(r.total, all().length);
      }
    }
  });

  it('sorts by rating, bestselling and relevance with id tie-breaks', async () => {
    const rating = ids(await search({ sort: 'rating' }));
    const ratingWant = all()
      .sort(([a, p], [b, q]) => (ratingAvg(q) ?? -1) - (ratingAvg(p) ?? -1) || (q.reviews?.length ?? 0) - (p.reviews?.length ?? 0) || a - b)
      .map(([id]) => id);
    assert.deepEqual(rating, ratingWant);

    const best = ids(await search({ sort: 'bestselling' }));
    assert.deepEqual(best, all().sort(([a, p], [b, q]) => (q.unitsSold ?? 0) - (p.unitsSold ?? 0) || a - b).map(([id]) => id));

    const newest = ids(await search({ sort: 'newest', q: 'coffee' }));
    assert.deepEqual(newest, [fx.ids.sumatera, fx.ids.java, fx.ids.aceh]);
    const rel = await search({ q: 'coffee' });
    assert.equal(rel.total, 3);
  });

  it('pages through results without overlap, totals stable', async () => {
    for (const sort of ['newest', 'price_asc', 'rating', 'bestselling'] as const) {
      const full = ids(await search({ sort }));
      const paged: number[] = [];
      for (let page = 1; page <= 4; page++) {
        const r = await search({ sort, page, per_page: 2 });
        assert.equal(r.total, full.length);
        assert.equal(r.page, page);
        assert.equal(r.per_page, 2);
        paged.push(...ids(r));
      }
      assert.deepEqual(paged, full, sort);
    }
  });
});

describe('product cards in results', () => {
  it('carries localized text, price, rating of approved reviews and stock', async () => {
    const r = await search({ q: 'mandheling' });
    const card = r.items[0];
    assert.equal(card.name, 'Sumatera Mandheling Coffee');
    assert.deepEqual(card.brand, { slug: 'kopi-nusantara', name: 'Kopi Nusantara' });
    assert.deepEqual(card.price, { amount: 85000, currency: 'IDR', compare_at_amount: 100000, from: true });
    assert.deepEqual(card.rating, { average: 4.5, count: 2 });
    assert.equal(card.stock, 'in_stock');
    assert.deepEqual(card.image, { storage_key: 'products/sumatera.jpg', width: 800, height: 600, alt: 'A bag of Sumatera coffee' });
    const [java] = (await search({ q: 'java estate' })).items;
    assert.equal(java.stock, 'out_of_stock');
    assert.equal(inStock(PRODUCTS.java), false);
  });
});

describe('keeping the index current', () => {
  it('reindexes a product after catalog.products_changed', async () => {
    const db = ctx.db.kysely;
    await db.updateTable('product_translations').set({ name: 'Java Kintamani Estate' }).where('product_id', '=', fx.ids.java).where('locale', '=', 'en').execute();
    assert.equal((await search({ q: 'kintamani' })).total, 0, 'not before the event');
    await ctx.events.publish('catalog.products_changed', { productIds: [fx.ids.java] });
    assert.deepEqual(ids(await search({ q: 'kintamani' })), [fx.ids.java]);
    assert.deepEqual(ids(await search({ q: 'kintamni' })), [fx.ids.java], 'new words reach the typo dictionary');

    // Stock arrives: the product becomes in stock for the filter.
    await db.updateTable('stock_levels').set({ on_hand: 20 }).where('variant_id', 'in', db.selectFrom('variants').where('product_id', '=', fx.ids.java).select('id')).execute();
    assert.ok(!ids(await search({ in_stock: true })).includes(fx.ids.java));
    await ctx.events.publish('catalog.products_changed', { productIds: [fx.ids.java] });
    assert.ok(ids(await search({ in_stock: true })).includes(fx.ids.java));
  });

  it('drops a product set to draft and brings it back when active', async () => {
    const db = ctx.db.kysely;
    await db.updateTable('products').set({ status: 'draft' }).where('id', '=', fx.ids.batik).execute();
    await ctx.events.publish('catalog.products_changed', { productIds: [fx.ids.batik] });
    assert.equal((await search({ q: 'batik' })).total, 0);
    assert.equal((await search({ brand: 'tenun' })).total, 0);
    await db.updateTable('products').set({ status: 'active' }).where('id', '=', fx.ids.batik).execute();
    await ctx.events.publish('catalog.products_changed', { productIds: [fx.ids.batik] });
    assert.deepEqual(ids(await search({ q: 'batik' })), [fx.ids.batik]);
  });

  it('removes a deleted product from every index table', async () => {
    const db = ctx.db.kysely;
    const id = fx.ids.coldbrew;
    await db.deleteFrom('products').where('id', '=', id).execute();
    await ctx.events.publish('catalog.products_deleted', { productIds: [id] });
    assert.equal((await search({ q: 'cold brew' })).total, 0);
    for (const table of ['search_products', 'search_product_prices', 'search_product_categories', 'search_product_attributes', 'search_documents'] as const) {
      const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where product_id = ${id}`.execute(db);
      assert.equal(Number(row.rows[0].n), 0, table);
    }
    fx.byId.delete(id);
  });

  it('rebuilds after catalog.taxonomy_changed (category moved)', async () => {
    const db = ctx.db.kysely;
    await db.updateTable('categories').set({ parent_id: fx.tax.categories.crafts }).where('id', '=', fx.tax.categories.tea).execute();
    await ctx.events.publish('catalog.taxonomy_changed', {});
    assert.deepEqual(ids(await search({ category: 'crafts', sort: 'bestselling' })), [fx.ids.jasmine, fx.ids.batik]);
    assert.ok(!ids(await search({ category: 'food' })).includes(fx.ids.jasmine));
    await db.updateTable('categories').set({ parent_id: fx.tax.categories.food }).where('id', '=', fx.tax.categories.tea).execute();
    await ctx.events.publish('catalog.taxonomy_changed', {});
  });
});
