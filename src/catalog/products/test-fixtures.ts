// Test data for the product and taxonomy admin tests: a small taxonomy and a product factory (ProductInput).
import type { TestContext } from '../../../test/helpers/test-context.ts';
import type { TaxonomyInput } from '../import/index.ts';
import type { ProductInput } from '../product-input.ts';

export const taxonomy: TaxonomyInput = {
  categories: [
    { code: 'coffee', translations: { en: { name: 'Coffee' }, id: { name: 'Kopi' } } },
    { code: 'beans', parent: 'coffee', translations: { en: { name: 'Coffee beans' } } },
    { code: 'kitchen', translations: { en: { name: 'Kitchen' } } },
  ],
  brands: [{ slug: 'toraja-co', name: 'Toraja Co' }, { slug: 'java-mill', name: 'Java Mill' }],
  attributes: [
    { code: 'roast', kind: 'enum', filterable: true, names: { en: 'Roast' }, options: [
      { code: 'light', labels: { en: 'Light' } }, { code: 'dark', labels: { en: 'Dark' } }] },
    { code: 'weight', kind: 'number', unit: 'g', names: { en: 'Weight' } },
    { code: 'organic', kind: 'boolean', names: { en: 'Organic' } },
    { code: 'notes', kind: 'text', names: { en: 'Tasting notes' } },
  ],
  productTypes: [{ code: 'coffee', name: 'Coffee', attributes: ['roast', 'weight', 'organic', 'notes'] }],
  collections: [
    { code: 'gifts', translations: { en: { name: 'Gift ideas' } } },
    { code: 'new', translations: { en: { name: 'New arrivals' } } },
  ],
};

/** A coffee with two variants (250 g and 1 kg); `n` keeps SKUs and names unique. */
export function coffee(n: number, extra: Partial<ProductInput> = {}): ProductInput {
  return {
    status: 'active', type: 'coffee', brand: 'toraja-co', categories: ['beans', 'coffee'], collections: ['gifts'], tags: ['single-origin'],
    translations: { en: { name: `Toraja Sapan ${n}`, description: 'Rich and earthy.' }, id: { name: `Kopi Toraja ${n}` } },
    attributes: { roast: 'dark', organic: true, notes: 'Cocoa, spice' },
    options: [{ code: 'size', names: { en: 'Size' }, values: [{ code: '250g', labels: { en: '250 g' } }, { code: '1kg', labels: { en: '1 kg' } }] }],
    variants: [
      { sku: `TS-${n}-250`, options: { size: '250g' }, weight_grams: 260, prices: [{ currency: 'IDR', amount: 95_000 }, { currency: 'USD', amount: 699 }], attributes: { weight: 250 } },
      { sku: `TS-${n}-1K`, options: { size: '1kg' }, barcode: '8990000000017', prices: [{ currency: 'IDR', amount: 320_000, compare_at_amount: 350_000 }],
        tier_prices: [{ currency: 'IDR', min_quantity: 6, amount: 300_000 }], attributes: { weight: 1000 } },
    ],
    ...extra,
  };
}

export const CATALOG_TABLES = [
  'products', 'product_translations', 'variants', 'variant_prices', 'tier_prices', 'product_options', 'product_option_values',
  'variant_option_values', 'product_attribute_values', 'product_categories', 'product_tags', 'collection_products', 'product_relations',
  'categories', 'category_translations', 'brands', 'attributes', 'attribute_options', 'product_types', 'collections', 'collection_translations',
] as const;
export type CatalogTable = (typeof CATALOG_TABLES)[number];

/** Row counts of the catalogue's tables, to prove that a refused write wrote nothing. */
export async function tableCounts(ctx: TestContext): Promise<Record<CatalogTable, number>> {
  const out = {} as Record<CatalogTable, number>;
  for (const table of CATALOG_TABLES) {
    const r = await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}
