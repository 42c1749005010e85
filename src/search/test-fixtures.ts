// Test helpers: a small taxonomy and products inserted directly into the catalogue tables, so the search tests
// depend on nothing but the schema. Not used by application code.
import type { Kysely } from 'kysely';
import type { Locale } from '../platform/config.ts';
import type { Database } from '../platform/db/schema.ts';

export interface Taxonomy {
  categories: Record<string, number>;
  brands: Record<string, number>;
  attributes: Record<string, number>;
  options: Record<string, number>;
  locationId: number;
}

/**
 * Categories: food > coffee > arabica, food > tea, crafts > batik. Brands: kopi-nusantara, siam-tea, tenun.
 * Filterable attributes: origin (enum sumatra/java/aceh/chiang-rai), roast (enum light/dark), organic (boolean),
 * weight (number, g); `notes` is a non-filterable text attribute.
 */
export async function createTaxonomy(db: Kysely<Database>): Promise<Taxonomy> {
  const categories: Record<string, number> = {};
  const tree: Array<[string, string | null, Partial<Record<Locale, [string, string]>>]> = [
    ['food', null, { en: ['Food', 'food'], id: ['Makanan', 'makanan'], th: ['อาหาร', 'อาหาร'] }],
    ['coffee', 'food', { en: ['Coffee', 'coffee'], id: ['Kopi', 'kopi'], es: ['Café', 'cafe'] }],
    ['arabica', 'coffee', { en: ['Arabica', 'arabica'] }],
    ['tea', 'food', { en: ['Tea', 'tea'], th: ['ชา', 'ชา'] }],
    ['crafts', null, { en: ['Crafts', 'crafts'], id: ['Kerajinan', 'kerajinan'] }],
    ['batik', 'crafts', { en: ['Batik', 'batik'] }],
  ];
  let position = 0;
  for (const [code, parent, names] of tree) {
    const row = await db.insertInto('categories')
      .values({ code, parent_id: parent ? categories[parent] : null, position: position++ })
      .returning('id').executeTakeFirstOrThrow();
    categories[code] = row.id;
    for (const [locale, [name, slug]] of Object.entries(names)) {
      await db.insertInto('category_translations').values({ category_id: row.id, locale, name, slug, description: null, seo_title: null, seo_description: null }).execute();
    }
  }

  const brands: Record<string, number> = {};
  for (const [slug, name] of [['kopi-nusantara', 'Kopi Nusantara'], ['siam-tea', 'Siam Tea House'], ['tenun', 'Tenun Craft']]) {
    brands[slug] = (await db.insertInto('brands').values({ slug, name, description: null }).returning('id').executeTakeFirstOrThrow()).id;
  }

  const attributes: Record<string, number> = {};
  const options: Record<string, number> = {};
  const defs: Array<[string, 'enum' | 'boolean' | 'number' | 'text', string | null, number, Partial<Record<Locale, string>>, Array<[string, Partial<Record<Locale, string>>]>]> = [
    ['origin', 'enum', null, 1, { en: 'Origin', id: 'Asal' }, [
      ['sumatra', { en: 'Sumatra', id: 'Sumatera' }], ['java', { en: 'Java', id: 'Jawa' }], ['aceh', { en: 'Aceh Gayo' }],
      ['chiang-rai', { en: 'Chiang Rai', th: 'เชียงราย' }],
    ]],
    ['roast', 'enum', null, 1, { en: 'Roast' }, [['light', { en: 'Light roast' }], ['dark', { en: 'Dark roast', id: 'Sangrai gelap' }]]],
    ['organic', 'boolean', null, 1, { en: 'Organic', id: 'Organik' }, []],
    ['weight', 'number', 'g', 1, { en: 'Weight' }, []],
    ['notes', 'text', null, 0, { en: 'Tasting notes' }, []],
  ];
  position = 0;
  for (const [code, kind, unit, filterable, names, opts] of defs) {
    const id = (await db.insertInto('attributes').values({ code, kind, unit, filterable, position: position++ }).returning('id').executeTakeFirstOrThrow()).id;
    attributes[code] = id;
    for (const [locale, name] of Object.entries(names)) await db.insertInto('attribute_translations').values({ attribute_id: id, locale, name }).execute();
    let p = 0;
    for (const [optCode, labels] of opts) {
      const oid = (await db.insertInto('attribute_options').values({ attribute_id: id, code: optCode, position: p++ }).returning('id').executeTakeFirstOrThrow()).id;
      options[`${code}.${optCode}`] = oid;
      for (const [locale, label] of Object.entries(labels)) await db.insertInto('attribute_option_translations').values({ option_id: oid, locale, label }).execute();
    }
  }
  const locationId = (await db.insertInto('stock_locations').values({ code: 'main', name: 'Main', is_default: 1 }).returning('id').executeTakeFirstOrThrow()).id;
  return { categories, brands, attributes, options, locationId };
}

export interface FixtureVariant {
  /** currency → amount in minor units */
  prices: Record<string, number>;
  compareAt?: Record<string, number>;
  /** on_hand at the main location; absent = untracked (in stock) */
  stock?: number;
}

export interface FixtureProduct {
  text: Partial<Record<Locale, { name: string; keywords?: string; description?: string }>>;
  status?: 'draft' | 'active' | 'archived';
  brand?: string;
  categories?: string[];
  variants?: FixtureVariant[];
  /** attribute code → enum option code(s), boolean, number or text */
  attributes?: Record<string, string | string[] | number | boolean>;
  /** ratings of approved reviews */
  reviews?: number[];
  /** ratings of pending or rejected reviews (must not count) */
  hiddenReviews?: number[];
  featured?: boolean;
  createdAt?: string;
  unitsSold?: number;
  image?: { key: string; alt?: Partial<Record<Locale, string>> };
}

let sequence = 0;

/** Inserts one product with everything it names; returns its id. */
export async function insertProduct(db: Kysely<Database>, tax: Taxonomy, p: FixtureProduct): Promise<number> {
  const n = ++sequence;
  const id = (await db.insertInto('products').values({
    brand_id: p.brand ? tax.brands[p.brand] : null,
    primary_category_id: p.categories?.[0] ? tax.categories[p.categories[0]] : null,
    status: p.status ?? 'active',
    featured: p.featured ? 1 : 0,
    created_at: p.createdAt ?? new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    published_at: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  for (const [locale, t] of Object.entries(p.text)) {
    await db.insertInto('product_translations').values({
      product_id: id, locale, name: t.name, slug: `p${id}-${locale}`, short_description: null,
      description: t.description ?? null, keywords: t.keywords ?? null, seo_title: null, seo_description: null,
    }).execute();
  }
  for (const code of p.categories ?? []) await db.insertInto('product_categories').values({ product_id: id, category_id: tax.categories[code] }).execute();
  let v = 0;
  for (const variant of p.variants ?? []) {
    const vid = (await db.insertInto('variants').values({ product_id: id, sku: `SKU-${id}-${v}`, barcode: null, weight_grams: null, length_mm: null, width_mm: null, height_mm: null, position: v++ }).returning('id').executeTakeFirstOrThrow()).id;
    for (const [currency, amount] of Object.entries(variant.prices)) {
      await db.insertInto('variant_prices').values({ variant_id: vid, currency, amount, compare_at_amount: variant.compareAt?.[currency] ?? null, cost_amount: null }).execute();
    }
    if (variant.stock !== undefined) {
      await db.insertInto('stock_levels').values({ variant_id: vid, location_id: tax.locationId, on_hand: variant.stock, reserved: 0, low_stock_threshold: 3 }).execute();
    }
  }
  for (const [code, value] of Object.entries(p.attributes ?? {})) {
    const attribute_id = tax.attributes[code];
    const base = { product_id: id, variant_id: null, attribute_id, option_id: null, text_value: null, number_value: null, boolean_value: null };
    if (typeof value === 'boolean') await db.insertInto('product_attribute_values').values({ ...base, boolean_value: value ? 1 : 0 }).execute();
    else if (typeof value === 'number') await db.insertInto('product_attribute_values').values({ ...base, number_value: value }).execute();
    else if (code === 'notes') await db.insertInto('product_attribute_values').values({ ...base, text_value: String(value) }).execute();
    else for (const opt of [value].flat()) await db.insertInto('product_attribute_values').values({ ...base, option_id: tax.options[`${code}.${opt}`] }).execute();
  }
  for (const rating of p.reviews ?? []) {
    await db.insertInto('product_reviews').values({ product_id: id, author_name: 'A', customer_id: null, locale: 'en', rating, title: 't', body: 'b', status: 'approved' }).execute();
  }
  for (const rating of p.hiddenReviews ?? []) {
    await db.insertInto('product_reviews').values({ product_id: id, author_name: 'B', customer_id: null, locale: 'en', rating, title: 't', body: 'b', status: 'pending' }).execute();
  }
  if (p.unitsSold !== undefined) await db.insertInto('product_stats').values({ product_id: id, units_sold: p.unitsSold }).execute();
  if (p.image) {
    const iid = (await db.insertInto('product_images').values({ product_id: id, variant_id: null, storage_key: p.image.key, width: 800, height: 600, position: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    for (const [locale, alt] of Object.entries(p.image.alt ?? {})) await db.insertInto('product_image_translations').values({ image_id: iid, locale, alt }).execute();
  }
  return id;
}
