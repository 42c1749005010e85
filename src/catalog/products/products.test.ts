import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { searchProducts } from '../../search/index.ts';
import { importTaxonomy } from '../import/index.ts';
import type { ProductInput } from '../product-input.ts';
import {
  createProduct, deleteProduct, getProductForAdmin, listProductsForAdmin, patchProduct, replaceProduct, setProductRelations,
  type AdminProduct,
} from './index.ts';
import { coffee, tableCounts, taxonomy } from './test-fixtures.ts';

/** The PUT body of a product read back: the read shape without ids, timestamps, photos and relations. */
export function asInput(p: AdminProduct): ProductInput {
  const { id: _id, created_at: _c, updated_at: _u, images: _i, relations: _r, variants, ...rest } = structuredClone(p);
  return { ...rest, variants: variants.map(({ id: _vid, ...v }) => v) } as ProductInput;
}

const rejects = (status: number, code?: string) => (err: unknown) => {
  assert.ok(err instanceof AppError, String(err));
  assert.equal(err.status, status, err.message);
  if (code) assert.equal(err.code, code);
  assert.ok(Array.isArray(err.details) && err.details.length > 0, 'details list the problems');
  return true;
};

describe('product admin service', () => {
  let ctx: TestContext;
  const changed: number[][] = [];
  const deleted: number[][] = [];
  before(async () => {
    ctx = await createTestContext();
    ctx.events.on('catalog.products_changed', ({ productIds }) => void changed.push(productIds));
    ctx.events.on('catalog.products_deleted', ({ productIds }) => void deleted.push(productIds));
    await importTaxonomy(ctx, taxonomy);
  });
  after(() => ctx.close());

  it('creates a product and reads it back in the ProductInput shape', async () => {
    const input = coffee(1);
    const p = await createProduct(ctx, input);
    assert.ok(p.id > 0);
    assert.deepEqual(changed.at(-1), [p.id]);
    assert.equal(p.translations.en!.slug!, 'toraja-sapan-1');
    assert.equal(p.translations.id!.slug!, 'kopi-toraja-1');
    assert.deepEqual(p.categories, ['beans', 'coffee'], 'primary category first');
    assert.deepEqual(p.collections, ['gifts']);
    assert.equal(p.brand, 'toraja-co');
    assert.equal(p.type, 'coffee');
    assert.deepEqual(p.attributes, { roast: 'dark', organic: true, notes: 'Cocoa, spice' });
    assert.equal(p.variants.length, 2);
    assert.deepEqual(p.variants[1]!.prices, [{ currency: 'IDR', amount: 320_000, compare_at_amount: 350_000 }]);
    assert.deepEqual(p.variants[1]!.tier_prices, [{ currency: 'IDR', min_quantity: 6, amount: 300_000 }]);
    assert.deepEqual(p.variants[0]!.options, { size: '250g' });
    assert.deepEqual(p.variants[0]!.attributes, { weight: 250 });
    assert.deepEqual(p.options[0]!.values.map((v) => v.code), ['250g', '1kg']);
    assert.deepEqual(p.images, []);
    assert.deepEqual(p.relations, { similar: [], complementary: [], pairing: [] });
    // What GET returns is a valid PUT body that changes nothing.
    const again = await replaceProduct(ctx, p.id, asInput(p));
    assert.deepEqual(asInput(again), asInput(p));
  });

  it('refuses bad products with the problems listed and writes nothing', async () => {
    await createProduct(ctx, coffee(2));
    const before = await tableCounts(ctx);
    const events = changed.length;
    const cases: Array<[Partial<ProductInput> | Record<string, unknown>, number]> = [
      [{ brand: 'nope' }, 400],
      [{ categories: ['beans', 'missing'] }, 400],
      [{ attributes: { roast: 'burnt' } }, 400],
      [{ attributes: { weight: 'heavy' } }, 400],
      [{ translations: { id: { name: 'Tanpa bahasa Inggris' } } }, 400],
      [{ variants: [{ sku: "' OR 1=1 --", prices: [{ currency: 'IDR', amount: 1 }] }] }, 400],
      [{ variants: [{ sku: 'X-1', prices: [{ currency: 'IDR', amount: -5 }] }] }, 400],
      [{ translations: { en: { name: '<script>alert(1)</script>', slug: 'Bad Slug' } } }, 400],
      [{ variants: [{ sku: 'TS-2-250', options: { size: '250g' }, prices: [{ currency: 'IDR', amount: 1 }] }] }, 409],
      [{ translations: { en: { name: 'Other', slug: 'toraja-sapan-2' } } }, 409],
    ];
    for (const [extra, status] of cases) {
      await assert.rejects(createProduct(ctx, { ...coffee(3), ...extra } as ProductInput), rejects(status));
    }
    assert.deepEqual(await tableCounts(ctx), before);
    assert.equal(changed.length, events, 'no event for a refused write');
  });

  it('replaces a product, keeping the ids of variants whose SKU remains', async () => {
    const p = await createProduct(ctx, coffee(4));
    const [small, large] = p.variants;
    const input = asInput(p);
    input.translations = { en: { name: 'Toraja Sapan Peaberry', keywords: 'peaberry' } };
    input.brand = 'java-mill';
    input.categories = ['kitchen'];
    input.collections = ['gifts', 'new'];
    input.tags = ['limited'];
    input.attributes = { roast: ['light', 'dark'] };
    input.options = [{ code: 'size', names: { en: 'Size' }, values: [{ code: '1kg', labels: { en: '1 kg' } }, { code: '500g', labels: { en: '500 g' } }] }];
    input.variants = [
      { sku: 'TS-4-1K', options: { size: '1kg' }, prices: [{ currency: 'USD', amount: 2499 }], tier_prices: [] },
      { sku: 'TS-4-500', options: { size: '500g' }, prices: [{ currency: 'IDR', amount: 170_000 }] },
    ];
    const after = await replaceProduct(ctx, p.id, input);
    assert.equal(after.variants[0]!.id, large!.id, 'the kept SKU keeps its variant id');
    assert.notEqual(after.variants[1]!.id, small!.id);
    assert.equal(await ctx.db.kysely.selectFrom('variants').select('id').where('id', '=', small!.id).executeTakeFirst(), undefined, 'the dropped SKU is gone');
    assert.deepEqual(after.variants[0]!.prices, [{ currency: 'USD', amount: 2499 }]);
    assert.deepEqual(after.variants[0]!.tier_prices, []);
    assert.deepEqual(after.variants[0]!.options, { size: '1kg' });
    assert.equal(after.variants[0]!.barcode, undefined);
    assert.deepEqual(Object.keys(after.translations), ['en']);
    assert.equal(after.translations.en!.slug!, 'toraja-sapan-4', 'a renamed product keeps its slug');
    assert.equal(after.brand, 'java-mill');
    assert.deepEqual(after.categories, ['kitchen']);
    assert.deepEqual(after.collections, ['gifts', 'new']);
    assert.deepEqual(after.tags, ['limited']);
    assert.deepEqual(after.attributes, { roast: ['light', 'dark'] });
    assert.equal(after.status, 'active');
    assert.ok(after.updated_at >= p.updated_at);
    assert.deepEqual(changed.at(-1), [p.id]);
  });

  it('makes the new name findable in search after a replace', async () => {
    const p = await createProduct(ctx, coffee(5));
    const input = asInput(p);
    input.translations.en = { ...input.translations.en!, name: 'Kintamani Zebrawood Honey' };
    await replaceProduct(ctx, p.id, input);
    const found = await searchProducts(ctx, { q: 'zebrawood', locale: 'en', currency: 'IDR' });
    assert.deepEqual(found.items.map((i) => i.id), [p.id]);
  });

  it('refuses a replace that takes another product\'s SKU or slug, leaving both untouched', async () => {
    const a = await createProduct(ctx, coffee(6));
    const b = await createProduct(ctx, coffee(7));
    const before = await tableCounts(ctx);
    const steal = asInput(b);
    steal.variants[0] = { ...steal.variants[0]!, sku: 'TS-6-250' };
    await assert.rejects(replaceProduct(ctx, b.id, steal), rejects(409, 'conflict'));
    const slug = asInput(b);
    slug.translations.en = { ...slug.translations.en!, slug: a.translations.en!.slug! };
    await assert.rejects(replaceProduct(ctx, b.id, slug), rejects(409));
    const bad = asInput(b);
    bad.categories = ['nope'];
    await assert.rejects(replaceProduct(ctx, b.id, bad), rejects(400, 'validation_failed'));
    assert.deepEqual(await tableCounts(ctx), before);
    assert.deepEqual(await getProductForAdmin(ctx, b.id), b);
    await assert.rejects(replaceProduct(ctx, 999_999, asInput(b)), (e: unknown) => e instanceof AppError && e.status === 404);
  });

  it('patches status and featured; first publication sets published_at', async () => {
    const p = await createProduct(ctx, coffee(8, { status: 'draft' }));
    assert.equal(p.published_at, undefined);
    const live = await patchProduct(ctx, p.id, { status: 'active', featured: true });
    assert.equal(live.status, 'active');
    assert.equal(live.featured, true);
    assert.ok(live.published_at);
    const archived = await patchProduct(ctx, p.id, { status: 'archived' });
    assert.equal(archived.published_at, live.published_at);
  });

  it('sets curated relations in order and refuses unknown slugs, itself and repeats', async () => {
    const p = await createProduct(ctx, coffee(9));
    const q = await createProduct(ctx, coffee(10));
    const r = await createProduct(ctx, coffee(11));
    const set = await setProductRelations(ctx, p.id, { similar: [r.translations.en!.slug!, q.translations.id!.slug!], pairing: [q.translations.en!.slug!] });
    assert.deepEqual(set.similar.map((x) => x.id), [r.id, q.id]);
    assert.deepEqual(set.pairing.map((x) => x.id), [q.id]);
    assert.deepEqual(set.complementary, []);
    for (const bad of [
      { similar: ['no-such-product'] },
      { complementary: [p.translations.en!.slug!] },
      { pairing: [q.translations.en!.slug!, q.translations.en!.slug!] },
      { similar: ["' OR 1=1 --"] },
    ]) {
      await assert.rejects(setProductRelations(ctx, p.id, bad), rejects(400));
    }
    assert.deepEqual((await getProductForAdmin(ctx, p.id))!.relations, set, 'a refused change keeps the lists');
    await assert.rejects(setProductRelations(ctx, 999_999, {}), (e: unknown) => e instanceof AppError && e.status === 404);
    // Deleting a related product removes it from the lists.
    await deleteProduct(ctx, r.id);
    assert.deepEqual((await getProductForAdmin(ctx, p.id))!.relations.similar.map((x) => x.id), [q.id]);
  });

  it('deletes a product with everything below it and tells search', async () => {
    const p = await createProduct(ctx, coffee(12));
    const other = await createProduct(ctx, coffee(13));
    await setProductRelations(ctx, other.id, { similar: [p.translations.en!.slug!] });
    assert.equal((await searchProducts(ctx, { q: 'Toraja Sapan 12', locale: 'en', currency: 'IDR' })).items.some((i) => i.id === p.id), true);
    await deleteProduct(ctx, p.id);
    assert.deepEqual(deleted.at(-1), [p.id]);
    assert.equal(await getProductForAdmin(ctx, p.id), null);
    const db = ctx.db.kysely;
    const variantIds = p.variants.map((v) => v.id);
    assert.equal((await db.selectFrom('variants').select('id').where('product_id', '=', p.id).execute()).length, 0);
    assert.equal((await db.selectFrom('variant_prices').select('variant_id').where('variant_id', 'in', variantIds).execute()).length, 0);
    assert.equal((await db.selectFrom('tier_prices').select('variant_id').where('variant_id', 'in', variantIds).execute()).length, 0);
    for (const table of ['product_translations', 'product_attribute_values', 'product_categories', 'product_tags', 'collection_products', 'product_options'] as const) {
      assert.equal((await db.selectFrom(table).select('product_id').where('product_id', '=', p.id).execute()).length, 0, table);
    }
    assert.equal((await db.selectFrom('product_relations').select('product_id').where('related_product_id', '=', p.id).execute()).length, 0);
    assert.equal((await searchProducts(ctx, { q: 'Toraja Sapan 12', locale: 'en', currency: 'IDR' })).items.some((i) => i.id === p.id), false);
    await assert.rejects(deleteProduct(ctx, p.id), (e: unknown) => e instanceof AppError && e.status === 404);
  });

  it('reads and lists with a fixed number of queries, whatever the number of variants and products', async () => {
    const many = coffee(20, { options: [], variants: Array.from({ length: 40 }, (_, i) => ({ sku: `MANY-${i}`, prices: [{ currency: 'IDR', amount: 1000 + i }] })) });
    const small = await createProduct(ctx, coffee(21));
    const big = await createProduct(ctx, many);
    ctx.queries.length = 0;
    await getProductForAdmin(ctx, small.id);
    const smallCount = ctx.queries.length;
    ctx.queries.length = 0;
    assert.equal((await getProductForAdmin(ctx, big.id))!.variants.length, 40);
    assert.equal(ctx.queries.length, smallCount);
    assert.ok(smallCount <= 20, `${smallCount} queries`);
    ctx.queries.length = 0;
    await listProductsForAdmin(ctx, { per_page: 2 });
    const two = ctx.queries.length;
    ctx.queries.length = 0;
    await listProductsForAdmin(ctx, { per_page: 50 });
    assert.equal(ctx.queries.length, two);
  });

  it('lists with search by name or SKU, filters and paging', async () => {
    const draft = await createProduct(ctx, coffee(14, { status: 'draft', brand: 'java-mill', categories: ['kitchen'], translations: { en: { name: 'Ceramic V60 dripper' } } }));
    const bySku = await listProductsForAdmin(ctx, { q: 'ts-14-1k' });
    assert.deepEqual(bySku.items.map((i) => i.id), [draft.id]);
    const byName = await listProductsForAdmin(ctx, { q: 'V60' });
    assert.deepEqual(byName.items.map((i) => i.id), [draft.id]);
    assert.equal(byName.items[0]!.name, 'Ceramic V60 dripper');
    assert.equal(byName.items[0]!.brand, 'Java Mill');
    assert.deepEqual(byName.items[0]!.skus, ['TS-14-250', 'TS-14-1K']);
    assert.equal((await listProductsForAdmin(ctx, { q: '%' })).total, 0, 'LIKE wildcards are taken literally');
    assert.equal((await listProductsForAdmin(ctx, { q: "' OR 1=1 --" })).total, 0);
    const drafts = await listProductsForAdmin(ctx, { status: 'draft' });
    assert.ok(drafts.items.every((i) => i.status === 'draft') && drafts.items.some((i) => i.id === draft.id));
    const kitchen = await listProductsForAdmin(ctx, { category: 'kitchen', brand: 'java-mill' });
    assert.ok(kitchen.items.some((i) => i.id === draft.id));
    const coffeeTree = await listProductsForAdmin(ctx, { category: 'coffee' });
    assert.ok(coffeeTree.total > 0 && !coffeeTree.items.some((i) => i.id === draft.id), 'a category includes its subcategories');
    assert.equal((await listProductsForAdmin(ctx, { category: 'nope' })).total, 0);
    assert.equal((await listProductsForAdmin(ctx, { brand: 'nope' })).total, 0);
    const all = await listProductsForAdmin(ctx, { per_page: 2 });
    const page2 = await listProductsForAdmin(ctx, { per_page: 2, page: 2 });
    assert.equal(all.items.length, 2);
    assert.equal(page2.page, 2);
    assert.equal(all.total, page2.total);
    assert.ok(!page2.items.some((i) => all.items.some((j) => j.id === i.id)));
  });
});
