// The whole product as the back office reads it: the ProductInput shape (so it can be edited and sent back as a PUT
// body once ids and timestamps are dropped) plus ids, timestamps, photos and curated relations. A fixed number of
// queries whatever the number of variants.
import type { AppContext } from '../../platform/context.ts';
import { listProductImages } from '../images/images.service.ts';
import type { AttributeKind } from '../catalog.table.ts';
import type { AdminProduct, AdminRelations, AdminVariant } from './product-admin.schemas.ts';
import { RELATION_KINDS } from './product-admin.schemas.ts';

type AttributeValue = string | number | boolean | string[];

/** The product, or null when no product has this id. */
export async function getProductForAdmin(ctx: AppContext, id: number): Promise<AdminProduct | null> {
  const db = ctx.db.kysely;
  const product = await db
    .selectFrom('products as p')
    .leftJoin('product_types as t', 't.id', 'p.product_type_id')
    .leftJoin('brands as b', 'b.id', 'p.brand_id')
    .select([
      'p.id', 'p.status', 'p.featured', 'p.allow_backorder', 'p.tax_class', 'p.created_at', 'p.updated_at', 'p.published_at',
      'p.primary_category_id', 't.code as type_code', 'b.slug as brand_slug',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!product) return null;

  const [translations, categories, collections, tags, options, optionNames, values, valueLabels, variants, variantValues, prices, tiers, attributes, images, relations] =
    await Promise.all([
      db.selectFrom('product_translations').selectAll().where('product_id', '=', id).orderBy('locale').execute(),
      db.selectFrom('product_categories as pc').innerJoin('categories as c', 'c.id', 'pc.category_id')
        .select(['c.id', 'c.code']).where('pc.product_id', '=', id).orderBy('c.code').execute(),
      db.selectFrom('collection_products as cp').innerJoin('collections as c', 'c.id', 'cp.collection_id')
        .select('c.code').where('cp.product_id', '=', id).orderBy('c.code').execute(),
      db.selectFrom('product_tags').select('tag').where('product_id', '=', id).orderBy('tag').execute(),
      db.selectFrom('product_options').select(['id', 'code']).where('product_id', '=', id).orderBy('position').orderBy('id').execute(),
      db.selectFrom('product_option_translations as t').innerJoin('product_options as o', 'o.id', 't.option_id')
        .select(['t.option_id', 't.locale', 't.name']).where('o.product_id', '=', id).execute(),
      db.selectFrom('product_option_values as v').innerJoin('product_options as o', 'o.id', 'v.option_id')
        .select(['v.id', 'v.option_id', 'v.code']).where('o.product_id', '=', id).orderBy('v.position').orderBy('v.id').execute(),
      db.selectFrom('product_option_value_translations as t')
        .innerJoin('product_option_values as v', 'v.id', 't.value_id')
        .innerJoin('product_options as o', 'o.id', 'v.option_id')
        .select(['t.value_id', 't.locale', 't.label']).where('o.product_id', '=', id).execute(),
      db.selectFrom('variants').selectAll().where('product_id', '=', id).orderBy('position').orderBy('id').execute(),
      db.selectFrom('variant_option_values as vv').innerJoin('variants as v', 'v.id', 'vv.variant_id')
        .select(['vv.variant_id', 'vv.value_id']).where('v.product_id', '=', id).execute(),
      db.selectFrom('variant_prices as vp').innerJoin('variants as v', 'v.id', 'vp.variant_id')
        .select(['vp.variant_id', 'vp.currency', 'vp.amount', 'vp.compare_at_amount', 'vp.cost_amount'])
        .where('v.product_id', '=', id).orderBy('vp.currency').execute(),
      db.selectFrom('tier_prices as tp').innerJoin('variants as v', 'v.id', 'tp.variant_id')
        .select(['tp.variant_id', 'tp.currency', 'tp.min_quantity', 'tp.amount'])
        .where('v.product_id', '=', id).orderBy('tp.currency').orderBy('tp.min_quantity').execute(),
      db.selectFrom('product_attribute_values as av')
        .innerJoin('attributes as a', 'a.id', 'av.attribute_id')
        .leftJoin('attribute_options as o', 'o.id', 'av.option_id')
        .select(['av.variant_id', 'a.code', 'a.kind', 'o.code as option_code', 'o.position as option_position', 'av.text_value', 'av.number_value', 'av.boolean_value'])
        .where('av.product_id', '=', id).orderBy('a.position').orderBy('a.code').orderBy('o.position').execute(),
      listProductImages(ctx, id),
      loadRelations(ctx, id),
    ]);

  const byLocale = <R extends { locale: string }, V>(rows: R[], owner: (r: R) => number, value: (r: R) => V) => {
    const out = new Map<number, Record<string, V>>();
    for (const r of rows) {
      const m = out.get(owner(r)) ?? {};
      m[r.locale] = value(r);
      out.set(owner(r), m);
    }
    return out;
  };
  const names = byLocale(optionNames, (r) => r.option_id, (r) => r.name);
  const labels = byLocale(valueLabels, (r) => r.value_id, (r) => r.label);
  const optionCode = new Map(options.map((o) => [o.id, o.code]));
  const valueById = new Map(values.map((v) => [v.id, v]));

  const primary = categories.find((c) => c.id === product.primary_category_id);
  const categoryCodes = [...(primary ? [primary.code] : []), ...categories.filter((c) => c !== primary).map((c) => c.code)];

  const attributeMaps = new Map<number | null, Record<string, AttributeValue>>();
  for (const a of attributes) {
    const m = attributeMaps.get(a.variant_id) ?? {};
    attributeMaps.set(a.variant_id, m);
    const value = attributeValue(a.kind, a);
    if (value === undefined) continue;
    const prev = m[a.code];
    if (a.kind === 'enum' && prev !== undefined) m[a.code] = [...(Array.isArray(prev) ? prev : [String(prev)]), String(value)];
    else m[a.code] = value;
  }

  const adminVariants: AdminVariant[] = variants.map((v) => {
    const chosen: Record<string, string> = {};
    for (const vv of variantValues.filter((x) => x.variant_id === v.id)) {
      const value = valueById.get(vv.value_id);
      if (value) chosen[optionCode.get(value.option_id)!] = value.code;
    }
    return {
      id: v.id,
      sku: v.sku,
      ...defined({ barcode: v.barcode, weight_grams: v.weight_grams, length_mm: v.length_mm, width_mm: v.width_mm, height_mm: v.height_mm }),
      ...(Object.keys(chosen).length ? { options: chosen } : {}),
      prices: prices.filter((p) => p.variant_id === v.id).map((p) => ({
        currency: p.currency, amount: Number(p.amount),
        ...defined({ compare_at_amount: nullableNumber(p.compare_at_amount), cost_amount: nullableNumber(p.cost_amount) }),
      })),
      tier_prices: tiers.filter((t) => t.variant_id === v.id).map((t) => ({ currency: t.currency, min_quantity: t.min_quantity, amount: Number(t.amount) })),
      ...(attributeMaps.has(v.id) ? { attributes: attributeMaps.get(v.id)! } : {}),
    };
  });

  return {
    id: product.id,
    created_at: product.created_at,
    updated_at: product.updated_at,
    status: product.status,
    ...defined({ type: product.type_code, brand: product.brand_slug, published_at: product.published_at }),
    categories: categoryCodes,
    collections: collections.map((c) => c.code),
    featured: product.featured === 1,
    allow_backorder: product.allow_backorder === 1,
    tax_class: product.tax_class,
    tags: tags.map((t) => t.tag),
    translations: Object.fromEntries(translations.map((t) => [t.locale, {
      name: t.name,
      slug: t.slug,
      ...defined({ short_description: t.short_description, description: t.description, keywords: t.keywords, seo_title: t.seo_title, seo_description: t.seo_description }),
    }])),
    options: options.map((o) => ({
      code: o.code,
      names: names.get(o.id) ?? {},
      values: values.filter((v) => v.option_id === o.id).map((v) => ({ code: v.code, labels: labels.get(v.id) ?? {} })),
    })),
    variants: adminVariants,
    attributes: attributeMaps.get(null) ?? {},
    images: images.map((i) => ({ id: i.id, storage_key: i.storage_key, width: i.width, height: i.height, position: i.position, variant_id: i.variant_id, alt: i.alt })),
    relations,
  };
}

/** Curated relations of a product by kind, in their order, with the default-locale name and slug. */
export async function loadRelations(ctx: AppContext, id: number): Promise<AdminRelations> {
  const locale = ctx.config.defaultLocale;
  const rows = await ctx.db.kysely
    .selectFrom('product_relations as r')
    .leftJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'r.related_product_id').on('t.locale', '=', locale))
    .select(['r.kind', 'r.related_product_id', 't.slug', 't.name'])
    .where('r.product_id', '=', id)
    .orderBy('r.kind').orderBy('r.position').orderBy('r.related_product_id')
    .execute();
  const out: AdminRelations = { similar: [], complementary: [], pairing: [] };
  for (const r of rows) {
    if ((RELATION_KINDS as readonly string[]).includes(r.kind)) out[r.kind].push({ id: r.related_product_id, slug: r.slug ?? '', name: r.name ?? '' });
  }
  return out;
}

function attributeValue(
  kind: AttributeKind,
  row: { option_code: string | null; text_value: string | null; number_value: number | null; boolean_value: number | null },
): AttributeValue | undefined {
  switch (kind) {
    case 'enum': return row.option_code ?? undefined;
    case 'number': return row.number_value === null ? undefined : Number(row.number_value);
    case 'boolean': return row.boolean_value === null ? undefined : row.boolean_value === 1;
    default: return row.text_value ?? undefined;
  }
}

const nullableNumber = (v: number | string | null) => (v === null ? null : Number(v));

/** The entries whose value is not null: optional ProductInput fields are absent rather than null. */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };
}
