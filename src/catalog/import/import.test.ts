import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ProductInput } from '../product-input.ts';
import { importProducts, importTaxonomy, slugify, type TaxonomyInput } from './index.ts';

const taxonomy: TaxonomyInput & Required<Pick<TaxonomyInput, 'attributes'>> = {
  categories: [
    { code: 'wine', translations: { en: { name: 'Wine' }, id: { name: 'Anggur' }, th: { name: 'ไวน์' } } },
    { code: 'red-wine', parent: 'wine', translations: { en: { name: 'Red wine' }, es: { name: 'Vino tinto' } } },
    { code: 'coffee', translations: { en: { name: 'Coffee' } } },
  ],
  brands: [{ slug: 'kebun-raya', name: 'Kebun Raya' }],
  attributes: [
    { code: 'grape', kind: 'enum', filterable: true, names: { en: 'Grape' }, options: [
      { code: 'shiraz', labels: { en: 'Shiraz' } }, { code: 'merlot', labels: { en: 'Merlot' } }] },
    { code: 'vintage', kind: 'number', names: { en: 'Vintage' } },
    { code: 'alcohol', kind: 'number', unit: '%', names: { en: 'Alcohol' } },
    { code: 'organic', kind: 'boolean', names: { en: 'Organic' } },
    { code: 'tasting', kind: 'text', names: { en: 'Tasting notes' } },
  ],
  productTypes: [{ code: 'wine', name: 'Wine', attributes: ['grape', 'vintage', 'alcohol', 'organic', 'tasting'] }],
  collections: [{ code: 'summer', featured: true, translations: { en: { name: 'Summer picks' } } }],
};

function wine(n: number, extra: Partial<ProductInput> = {}): ProductInput {
  return {
    status: 'active', type: 'wine', brand: 'kebun-raya', categories: ['red-wine', 'wine'], collections: ['summer'],
    tags: ['red', 'gift'],
    translations: { en: { name: 'Shiraz Reserve' }, th: { name: 'ชีราซ รีเสิร์ฟ' }, es: { name: 'Shiraz Reserva Añejo' } },
    attributes: { grape: ['shiraz', 'merlot'], vintage: 2019, organic: true, tasting: 'Plum and pepper' },
    options: [{ code: 'size', names: { en: 'Size' }, values: [{ code: '375ml', labels: { en: '375 ml' } }, { code: '750ml', labels: { en: '750 ml' } }] }],
    variants: [
      { sku: `W-${n}-375`, options: { size: '375ml' }, prices: [{ currency: 'IDR', amount: 180_000 }, { currency: 'USD', amount: 1199 }], attributes: { alcohol: 13.5 } },
      { sku: `W-${n}-750`, barcode: '8991234567895', weight_grams: 1300, options: { size: '750ml' },
        prices: [{ currency: 'IDR', amount: 320_000, compare_at_amount: 350_000 }, { currency: 'USD', amount: 1999 }],
        tier_prices: [{ currency: 'IDR', min_quantity: 6, amount: 300_000 }], attributes: { alcohol: 14 } },
    ],
    ...extra,
  };
}

async function count(ctx: TestContext, table: 'products' | 'variants' | 'product_translations' | 'variant_prices' | 'product_attribute_values') {
  const r = await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('catalog import', () => {
  let ctx: TestContext;
  const changed: number[][] = [];
  before(async () => {
    ctx = await createTestContext();
    ctx.events.on('catalog.products_changed', ({ productIds }) => void changed.push(productIds));
    await importTaxonomy(ctx, taxonomy);
  });
  after(() => ctx.close());

  it('makes slugs in every script', () => {
    assert.equal(slugify('Café Tubruk Añejo!'), 'cafe-tubruk-anejo');
    assert.equal(slugify('ชีราซ รีเสิร์ฟ'), 'ชีราซ-รีเสิร์ฟ');
    assert.equal(slugify('***'), 'item');
  });

  it('imports the taxonomy by code, idempotently, with a tree and translations', async () => {
    const again = await importTaxonomy(ctx, {
      ...taxonomy,
      attributes: [{ ...taxonomy.attributes[0]!, options: [...taxonomy.attributes[0]!.options!, { code: 'malbec', labels: { en: 'Malbec' } }] }],
    });
    assert.deepEqual(again.created, { categories: 0, brands: 0, attributes: 0, attributeOptions: 1, productTypes: 0, collections: 0 });
    const red = await ctx.db.kysely.selectFrom('categories as c').innerJoin('categories as p', 'p.id', 'c.parent_id')
      .select('p.code as parent').where('c.code', '=', 'red-wine').executeTakeFirstOrThrow();
    assert.equal(red.parent, 'wine');
    const th = await ctx.db.kysely.selectFrom('category_translations').select('slug').where('locale', '=', 'th').executeTakeFirstOrThrow();
    assert.equal(th.slug, 'ไวน์');
    const links = await ctx.db.kysely.selectFrom('product_type_attributes').selectAll().execute();
    assert.equal(links.length, 5);
  });

  it('round-trips products: codes resolved, unique slugs, prices, tiers, options and attributes', async () => {
    changed.length = 0;
    const inputs = Array.from({ length: 7 }, (_, i) => wine(i));
    const ids = await importProducts(ctx, inputs, { batchSize: 3 });
    assert.equal(ids.length, 7);
    assert.equal(new Set(ids).size, 7);
    assert.deepEqual(changed.flat(), ids, 'one event per committed batch, in order');
    assert.equal(changed.length, 3);

    const db = ctx.db.kysely;
    const slugs = await db.selectFrom('product_translations').select(['product_id', 'locale', 'slug']).where('product_id', 'in', ids).execute();
    assert.equal(slugs.length, 21);
    const en = slugs.filter((s) => s.locale === 'en').sort((a, b) => a.product_id - b.product_id).map((s) => s.slug);
    assert.deepEqual(en, ['shiraz-reserve', 'shiraz-reserve-2', 'shiraz-reserve-3', 'shiraz-reserve-4', 'shiraz-reserve-5', 'shiraz-reserve-6', 'shiraz-reserve-7']);
    assert.ok(slugs.some((s) => s.locale === 'es' && s.slug === 'shiraz-reserva-anejo'));

    const first = ids[0]!;
    const p = await db.selectFrom('products as p').innerJoin('brands as b', 'b.id', 'p.brand_id').innerJoin('product_types as t', 't.id', 'p.product_type_id')
      .innerJoin('categories as c', 'c.id', 'p.primary_category_id')
      .select(['p.status', 'b.slug as brand', 't.code as type', 'c.code as category', 'p.published_at']).where('p.id', '=', first).executeTakeFirstOrThrow();
    assert.deepEqual({ ...p, published_at: typeof p.published_at }, { status: 'active', brand: 'kebun-raya', type: 'wine', category: 'red-wine', published_at: 'string' });
    const cats = await db.selectFrom('product_categories').select('category_id').where('product_id', '=', first).execute();
    assert.equal(cats.length, 2);
    const tags = await db.selectFrom('product_tags').select('tag').where('product_id', '=', first).orderBy('tag').execute();
    assert.deepEqual(tags.map((t) => t.tag), ['gift', 'red']);

    const variants = await db.selectFrom('variants').selectAll().where('product_id', '=', first).orderBy('position').execute();
    assert.deepEqual(variants.map((v) => v.sku), ['W-0-375', 'W-0-750']);
    assert.equal(variants[1]!.barcode, '8991234567895');
    const prices = await db.selectFrom('variant_prices').selectAll().where('variant_id', '=', variants[1]!.id).orderBy('currency').execute();
    assert.deepEqual(prices.map((x) => [x.currency, x.amount, x.compare_at_amount]), [['IDR', 320_000, 350_000], ['USD', 1999, null]]);
    const tiers = await db.selectFrom('tier_prices').selectAll().where('variant_id', '=', variants[1]!.id).execute();
    assert.deepEqual(tiers.map((t) => [t.currency, t.min_quantity, t.amount]), [['IDR', 6, 300_000]]);
    const chosen = await db.selectFrom('variant_option_values as vov').innerJoin('product_option_values as v', 'v.id', 'vov.value_id')
      .select(['vov.variant_id', 'v.code']).where('vov.variant_id', 'in', variants.map((v) => v.id)).orderBy('vov.variant_id').execute();
    assert.deepEqual(chosen.map((c) => c.code), ['375ml', '750ml']);

    const attrs = await db.selectFrom('product_attribute_values as v').innerJoin('attributes as a', 'a.id', 'v.attribute_id')
      .leftJoin('attribute_options as o', 'o.id', 'v.option_id')
      .select(['a.code', 'v.variant_id', 'o.code as option', 'v.number_value', 'v.boolean_value', 'v.text_value'])
      .where('v.product_id', '=', first).execute();
    assert.deepEqual(attrs.filter((a) => a.code === 'grape').map((a) => a.option).sort(), ['merlot', 'shiraz']);
    assert.equal(attrs.find((a) => a.code === 'vintage')?.number_value, 2019);
    assert.equal(attrs.find((a) => a.code === 'organic')?.boolean_value, 1);
    assert.equal(attrs.find((a) => a.code === 'tasting')?.text_value, 'Plum and pepper');
    assert.deepEqual(attrs.filter((a) => a.code === 'alcohol').map((a) => [a.variant_id, a.number_value]).sort(), [[variants[0]!.id, 13.5], [variants[1]!.id, 14]]);
  });

  it('keeps statements per batch constant, whatever the batch size', async () => {
    ctx.queries.length = 0;
    // Distinct names: clashing generated slugs may cost an extra round of slug look-ups.
    const named = (n: number) => wine(n, { translations: { en: { name: `Cuvée ${n}` }, th: { name: `ไวน์ ${n}` } } });
    await importProducts(ctx, Array.from({ length: 5 }, (_, i) => named(100 + i)), { publishEvents: false });
    const small = ctx.queries.length;
    ctx.queries.length = 0;
    await importProducts(ctx, Array.from({ length: 60 }, (_, i) => named(200 + i)), { publishEvents: false });
    assert.equal(ctx.queries.length, small);
  });

  const bad: Array<[string, unknown, number]> = [
    ['missing variants', { translations: { en: { name: 'x' } } }, 400],
    ['wrong types', { ...wine(900), featured: 'yes' }, 400],
    ['unknown field', { ...wine(901), hack: 1 }, 400],
    ['hostile slug', { ...wine(902), translations: { en: { name: 'x', slug: "' OR 1=1 --" } } }, 400],
    ['10k-char name', { ...wine(903), translations: { en: { name: 'x'.repeat(10_000) } } }, 400],
    ['no default locale', { ...wine(904), translations: { th: { name: 'ไวน์' } } }, 400],
    ['unknown category', { ...wine(905), categories: ['nope'] }, 400],
    ['unknown brand', { ...wine(906), brand: 'nope' }, 400],
    ['unknown attribute', { ...wine(907), attributes: { colourz: 'red' } }, 400],
    ['unknown enum option', { ...wine(908), attributes: { grape: 'riesling' } }, 400],
    ['number as text', { ...wine(909), attributes: { vintage: 'old' } }, 400],
    ['variant picks undeclared value', { ...wine(910), options: [{ code: 'size', names: { en: 'Size' }, values: [{ code: '375ml', labels: { en: '375' } }] }] }, 400],
    ['duplicate SKU', { ...wine(911), variants: [wine(911).variants[0]!, wine(911).variants[0]!] }, 400],
    ['existing SKU', wine(0), 409],
    ['taken slug', { ...wine(912), translations: { en: { name: 'x', slug: 'shiraz-reserve' } } }, 409],
    ['unknown currency', { ...wine(913), variants: [{ sku: 'Z-1', prices: [{ currency: 'XXX', amount: 1 }] }], options: [] }, 400],
  ];
  for (const [name, input, status] of bad) {
    it(`refuses ${name} with ${status} and writes nothing`, async () => {
      const before = await Promise.all((['products', 'variants', 'product_translations', 'variant_prices', 'product_attribute_values'] as const).map((t) => count(ctx, t)));
      changed.length = 0;
      // A good product first: a bad one later in the same import must still keep the whole import out.
      await assert.rejects(importProducts(ctx, [wine(5000), input as ProductInput]), (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.status, status);
        const details = err.details as { problems: { index: number; path: string; message: string }[] };
        assert.ok(details.problems.length > 0 && details.problems.every((p) => p.index === 1), JSON.stringify(details));
        return true;
      });
      const afterCounts = await Promise.all((['products', 'variants', 'product_translations', 'variant_prices', 'product_attribute_values'] as const).map((t) => count(ctx, t)));
      assert.deepEqual(afterCounts, before);
      assert.equal(changed.length, 0);
    });
  }

  it('refuses a bad taxonomy without writing', async () => {
    const before = await ctx.db.kysely.selectFrom('categories').select('code').execute();
    for (const t of [
      { categories: [{ code: 'x', parent: 'missing', translations: { en: { name: 'X' } } }] },
      { categories: [{ code: 'a', parent: 'b', translations: { en: { name: 'A' } } }, { code: 'b', parent: 'a', translations: { en: { name: 'B' } } }] },
      { categories: [{ code: 'Bad Code', translations: { en: { name: 'X' } } }] },
      { productTypes: [{ code: 'z', name: 'Z', attributes: ['nope'] }] },
      { attributes: [{ code: 'n', kind: 'number', names: { en: 'N' }, options: [{ code: 'a', labels: { en: 'A' } }] }] },
      { brands: [{ slug: 'x', name: '' }] },
    ]) {
      await assert.rejects(importTaxonomy(ctx, t as never), (e: unknown) => e instanceof AppError && e.status === 400);
    }
    assert.deepEqual(await ctx.db.kysely.selectFrom('categories').select('code').execute(), before);
  });
});
