// Reads what the search read model projects from the catalogue, for a batch of products at once:
// a fixed number of set-based queries per batch (`where product_id in (…)`), never one per product.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { getAvailability, type StockStatus } from '../inventory/index.ts';

export interface SourceProduct {
  id: number;
  status: string;
  brand_id: number | null;
  brand_name: string | null;
  primary_category_id: number | null;
  featured: number;
  created_at: string;
}

export interface SourceBatch {
  products: SourceProduct[];
  translations: Array<{ product_id: number; locale: string; name: string; keywords: string | null; short_description: string | null; description: string | null }>;
  categories: Array<{ product_id: number; category_id: number }>;
  prices: Array<{ product_id: number; currency: string; min_amount: number; max_amount: number }>;
  ratings: Array<{ product_id: number; rating_avg: number; rating_count: number }>;
  unitsSold: Map<number, number>;
  /** Stock status of every variant, by product. */
  variantStock: Map<number, StockStatus[]>;
  attributeValues: Array<{
    product_id: number; attribute_id: number; kind: string; filterable: number; option_id: number | null; option_code: string | null;
    text_value: string | null; number_value: number | null; boolean_value: number | null;
  }>;
  optionLabels: Array<{ option_id: number; locale: string; label: string }>;
}

/** The whole category tree (id → parent id); small enough to read in one query. */
export async function loadCategoryParents(db: Kysely<Database>): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom('categories').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function loadSourceBatch(db: Kysely<Database>, ids: number[]): Promise<SourceBatch> {
  const products = await db
    .selectFrom('products as p')
    .leftJoin('brands as b', 'b.id', 'p.brand_id')
    .where('p.id', 'in', ids)
    .select(['p.id', 'p.status', 'p.brand_id', 'b.name as brand_name', 'p.primary_category_id', 'p.featured', 'p.created_at'])
    .execute();
  const activeIds = products.filter((p) => p.status === 'active').map((p) => p.id);
  if (activeIds.length === 0) {
    return { products, translations: [], categories: [], prices: [], ratings: [], unitsSold: new Map(), variantStock: new Map(), attributeValues: [], optionLabels: [] };
  }

  const [translations, categories, prices, ratings, stats, variants, attributeValues, optionLabels] = await Promise.all([
    db.selectFrom('product_translations')
      .where('product_id', 'in', activeIds)
      .select(['product_id', 'locale', 'name', 'keywords', 'short_description', 'description'])
      .execute(),
    db.selectFrom('product_categories').where('product_id', 'in', activeIds).select(['product_id', 'category_id']).execute(),
    db.selectFrom('variant_prices as vp')
      .innerJoin('variants as v', 'v.id', 'vp.variant_id')
      .where('v.product_id', 'in', activeIds)
      .select((eb) => ['v.product_id', 'vp.currency', eb.fn.min<number>('vp.amount').as('min_amount'), eb.fn.max<number>('vp.amount').as('max_amount')])
      .groupBy(['v.product_id', 'vp.currency'])
      .execute(),
    db.selectFrom('product_reviews')
      .where('product_id', 'in', activeIds)
      .where('status', '=', 'approved')
      .select((eb) => ['product_id', eb.fn.avg<number>('rating').as('rating_avg'), eb.fn.countAll<number>().as('rating_count')])
      .groupBy('product_id')
      .execute(),
    db.selectFrom('product_stats').where('product_id', 'in', activeIds).select(['product_id', 'units_sold']).execute(),
    db.selectFrom('variants').where('product_id', 'in', activeIds).select(['id', 'product_id']).execute(),
    db.selectFrom('product_attribute_values as pav')
      .innerJoin('attributes as a', 'a.id', 'pav.attribute_id')
      .leftJoin('attribute_options as o', 'o.id', 'pav.option_id')
      .where('pav.product_id', 'in', activeIds)
      .select([
        'pav.product_id', 'pav.attribute_id', 'a.kind', 'a.filterable', 'pav.option_id', 'o.code as option_code',
        'pav.text_value', 'pav.number_value', 'pav.boolean_value',
      ])
      .execute(),
    db.selectFrom('attribute_option_translations')
      .where('option_id', 'in', (eb) =>
        eb.selectFrom('product_attribute_values').where('product_id', 'in', activeIds).where('option_id', 'is not', null).select('option_id').$narrowType<{ option_id: number }>(),
      )
      .select(['option_id', 'locale', 'label'])
      .execute(),
  ]);

  const availability = await getAvailability(db, variants.map((v) => v.id));
  const variantStock = new Map<number, StockStatus[]>();
  for (const v of variants) {
    const list = variantStock.get(v.product_id) ?? [];
    list.push(availability.get(v.id)?.status ?? 'in_stock');
    variantStock.set(v.product_id, list);
  }

  return {
    products,
    translations,
    categories,
    prices: prices.map((p) => ({ ...p, min_amount: Number(p.min_amount), max_amount: Number(p.max_amount) })),
    ratings: ratings.map((r) => ({ product_id: r.product_id, rating_avg: Number(r.rating_avg), rating_count: Number(r.rating_count) })),
    unitsSold: new Map(stats.map((s) => [s.product_id, s.units_sold])),
    variantStock,
    attributeValues: attributeValues.map((a) => ({ ...a, number_value: a.number_value === null ? null : Number(a.number_value) })),
    optionLabels,
  };
}
