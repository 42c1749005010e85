import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { rebuildSearchIndex, reindexProducts, removeFromIndex, searchProducts } from './index.ts';
import { createTaxonomy, insertProduct, type Taxonomy } from './test-fixtures.ts';

let ctx: TestContext;
let tax: Taxonomy;

before(async () => {
  ctx = await createTestContext();
  tax = await createTaxonomy(ctx.db.kysely);
});
after(async () => ctx.close());

const count = async (table: 'search_products' | 'search_product_categories' | 'search_terms' | 'search_term_keys') =>
  Number((await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const make = (i: number) =>
  insertProduct(ctx.db.kysely, tax, {
    text: { en: { name: `Woven basket number${i}`, keywords: `rattan${i}` }, id: { name: `Keranjang anyaman ${i}` } },
    brand: 'tenun', categories: ['batik'], variants: [{ prices: { IDR: 1000 * (i + 1) }, stock: i % 3 }, { prices: { IDR: 500 } }],
    attributes: { origin: 'java', organic: i % 2 === 0, weight: i }, reviews: [1 + (i % 5)],
  });

describe('indexer', () => {
  it('reindexes any number of products with the same number of queries', async () => {
    await reindexProducts(ctx, [await make(0)]); // so both runs below meet known and new words
    const few = [await make(1), await make(2)];
    const many: number[] = [];
    for (let i = 3; i < 15; i++) many.push(await make(i));
    ctx.queries.length = 0;
    await reindexProducts(ctx, few);
    const fewQueries = ctx.queries.length;
    ctx.queries.length = 0;
    await reindexProducts(ctx, [...many]);
    assert.equal(ctx.queries.length, fewQueries);
    assert.equal(await count('search_products'), 15);
    // A product is a member of its category and every ancestor.
    assert.equal(await count('search_product_categories'), 30);
  });

  it('rebuilds everything, reporting progress, and drops what is gone', async () => {
    const db = ctx.db.kysely;
    const victim = await insertProduct(db, tax, { text: { en: { name: 'Zanzibar cloves' } }, variants: [{ prices: { IDR: 1 } }] });
    await reindexProducts(ctx, [victim]);
    assert.equal((await searchProducts(ctx, { q: 'zanzibar', locale: 'en', currency: 'IDR' })).total, 1);
    // Deleted behind the index's back: a rebuild must notice, and forget its words.
    await db.deleteFrom('products').where('id', '=', victim).execute();
    const progress: Array<{ done: number; total: number }> = [];
    const result = await rebuildSearchIndex(ctx, { onProgress: (p) => progress.push(p) });
    assert.equal(result.done, result.total);
    assert.equal(progress.at(-1)?.done, result.total);
    assert.equal(await count('search_products'), 15);
    assert.equal((await searchProducts(ctx, { q: 'zanzibar', locale: 'en', currency: 'IDR' })).total, 0);
    const terms = await db.selectFrom('search_terms').where('term', '=', 'zanzibar').selectAll().execute();
    assert.deepEqual(terms, []);
    const keys = await db.selectFrom('search_term_keys').where('term', '=', 'zanzibar').selectAll().execute();
    assert.deepEqual(keys, []);
    assert.ok((await count('search_terms')) > 0);
  });

  it('removes products from every table and ignores unknown ids', async () => {
    const id = await make(50);
    await reindexProducts(ctx, [id, 987_654]);
    assert.equal(await count('search_products'), 16);
    await removeFromIndex(ctx, [id, 987_654]);
    assert.equal(await count('search_products'), 15);
    assert.equal((await searchProducts(ctx, { q: 'rattan50', locale: 'en', currency: 'IDR' })).total, 0);
    await reindexProducts(ctx, []);
    await removeFromIndex(ctx, []);
  });
});
