// The product detail read model: everything a product page (and GET /api/store/products/{slug}) shows, in a fixed
// number of queries whatever the product's size: one to resolve the slug, a dozen in parallel for the product,
// then stock and related products. Only active products are public.
import { cacheKey, catalogCache } from '../../platform/cache/catalog-cache.ts';
import type { CurrencyCode, Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { getAvailability } from '../../inventory/index.ts';
import { categoryPath, getCategoryTree } from './categories.ts';
import { loadExpertRatings, type ExpertRating } from './expert-ratings.ts';
import { groupBy, pickLocale, slugMap } from './localize.ts';
import { cardPrice, cardStock, type CardStock } from './product-cards.ts';
import { loadRelatedProducts, type RelatedProducts } from './related.ts';
import { loadReviews, type ReviewPage, type ReviewSort, type ReviewSummary } from './reviews.ts';

export interface DetailVariant {
  id: number;
  sku: string;
  barcode: string | null;
  weight_grams: number | null;
  dimensions_mm: { length: number; width: number; height: number } | null;
  /** Option values of this variant, in option order: e.g. [{ option: 'size', name: 'Size', value: '750ml', label: '750 ml' }]. */
  options: Array<{ option: string; name: string; value: string; label: string }>;
  price: { amount: number; compare_at_amount: number | null } | null;
  /** Unit prices from a quantity on, ascending by quantity. */
  tier_prices: Array<{ min_quantity: number; amount: number }>;
  /** `available` only when the shop shows stock counts and the variant's stock is tracked. */
  stock: { status: CardStock; available: number | null };
}

export interface Specification {
  code: string;
  name: string;
  kind: 'text' | 'number' | 'enum' | 'boolean';
  /** The value formatted for the locale, with its unit. */
  value: string;
  /** Null for a product-wide value; the variant's id for a per-variant one. */
  variant_id: number | null;
}

export interface DetailImage { id: number; storage_key: string; width: number; height: number; alt: string; variant_id: number | null }

export interface ProductDetail {
  id: number;
  /** The slug for the requested locale (own translation, else the default locale's). */
  slug: string;
  /** The locale the texts are in: the requested one, or the default locale when a translation is missing. */
  text_locale: string;
  /** The requested slug was another locale's (or an old one): pages redirect to `slug`. */
  slug_mismatch: boolean;
  slugs: Partial<Record<Locale, string>>;
  name: string;
  short_description: string | null;
  description: string | null;
  keywords: string | null;
  seo_title: string | null;
  seo_description: string | null;
  featured: boolean;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  brand: { slug: string; name: string } | null;
  /** Root → leaf path of the primary category. */
  breadcrumb: Array<{ id: number; slug: string; name: string; slugs: Partial<Record<Locale, string>> }>;
  currency: string;
  /** The lowest variant price, as on product cards. */
  price: { amount: number; compare_at_amount: number | null; from: boolean } | null;
  stock: CardStock;
  options: Array<{ code: string; name: string; values: Array<{ code: string; label: string }> }>;
  variants: DetailVariant[];
  specifications: Specification[];
  images: DetailImage[];
  rating: ReviewSummary;
  reviews: ReviewPage;
  expert_ratings: ExpertRating[];
  related: RelatedProducts;
}

export interface DetailOptions {
  slug: string;
  locale: Locale;
  currency: CurrencyCode;
  reviews_page?: number;
  reviews_per_page?: number;
  reviews_sort?: ReviewSort;
}

/**
 * The product whose slug (in `locale`, else in any locale) is `slug`; null when none is active. Served from the
 * catalogue cache when asked since the last catalogue change; callers must not modify the answer.
 */
export function getProductDetail(ctx: AppContext, opts: DetailOptions): Promise<ProductDetail | null> {
  return catalogCache(ctx).get(cacheKey('product', opts), () => loadProductDetail(ctx, opts));
}

async function loadProductDetail(ctx: AppContext, opts: DetailOptions): Promise<ProductDetail | null> {
  const db = ctx.db.kysely;
  const fallback = ctx.config.defaultLocale;
  const locales = [...new Set([opts.locale, fallback])];

  const matches = await db
    .selectFrom('product_translations as t')
    .innerJoin('products as p', 'p.id', 't.product_id')
    .where('t.slug', '=', opts.slug)
    .where('p.status', '=', 'active')
    .select(['t.product_id', 't.locale'])
    .orderBy('t.product_id')
    .execute();
  const match = pickLocale(matches, opts.locale, fallback) ?? matches[0];
  if (!match) return null;
  const id = match.product_id;

  const [product, translations, tree, options, optionValues, variants, variantValues, prices, tiers, attributes, images, reviewData, expert] =
    await Promise.all([
      db.selectFrom('products as p')
        .leftJoin('brands as b', 'b.id', 'p.brand_id')
        .where('p.id', '=', id)
        .select(['p.id', 'p.primary_category_id', 'p.featured', 'p.created_at', 'p.updated_at', 'p.published_at', 'b.slug as brand_slug', 'b.name as brand_name'])
        .executeTakeFirstOrThrow(),
      db.selectFrom('product_translations').selectAll().where('product_id', '=', id).orderBy('locale').execute(),
      getCategoryTree(ctx, opts.locale),
      db.selectFrom('product_options as o')
        .leftJoin('product_option_translations as t', (j) => j.onRef('t.option_id', '=', 'o.id').on('t.locale', 'in', locales))
        .where('o.product_id', '=', id)
        .select(['o.id', 'o.code', 'o.position', 't.locale', 't.name'])
        .execute(),
      db.selectFrom('product_option_values as v')
        .innerJoin('product_options as o', 'o.id', 'v.option_id')
        .leftJoin('product_option_value_translations as t', (j) => j.onRef('t.value_id', '=', 'v.id').on('t.locale', 'in', locales))
        .where('o.product_id', '=', id)
        .select(['v.id', 'v.option_id', 'v.code', 'v.position', 't.locale', 't.label'])
        .execute(),
      db.selectFrom('variants').selectAll().where('product_id', '=', id).orderBy('position').orderBy('id').execute(),
      db.selectFrom('variant_option_values as vv')
        .innerJoin('variants as v', 'v.id', 'vv.variant_id')
        .where('v.product_id', '=', id)
        .select(['vv.variant_id', 'vv.value_id'])
        .execute(),
      db.selectFrom('variant_prices as vp')
        .innerJoin('variants as v', 'v.id', 'vp.variant_id')
        .where('v.product_id', '=', id)
        .where('vp.currency', '=', opts.currency)
        .select(['vp.variant_id', 'vp.amount', 'vp.compare_at_amount'])
        .execute(),
      db.selectFrom('tier_prices as tp')
        .innerJoin('variants as v', 'v.id', 'tp.variant_id')
        .where('v.product_id', '=', id)
        .where('tp.currency', '=', opts.currency)
        .select(['tp.variant_id', 'tp.min_quantity', 'tp.amount'])
        .orderBy('tp.min_quantity')
        .execute(),
      db.selectFrom('product_attribute_values as av')
        .innerJoin('attributes as a', 'a.id', 'av.attribute_id')
        .leftJoin('attribute_translations as at', (j) => j.onRef('at.attribute_id', '=', 'a.id').on('at.locale', 'in', locales))
        .leftJoin('attribute_options as ao', 'ao.id', 'av.option_id')
        .leftJoin('attribute_option_translations as ot', (j) => j.onRef('ot.option_id', '=', 'av.option_id').on('ot.locale', 'in', locales))
        .where('av.product_id', '=', id)
        .select([
          'av.id', 'av.variant_id', 'av.text_value', 'av.number_value', 'av.boolean_value', 'a.code', 'a.kind', 'a.unit', 'a.position',
          'at.locale as name_locale', 'at.name', 'ao.code as option_code', 'ot.locale as label_locale', 'ot.label',
        ])
        .execute(),
      db.selectFrom('product_images as i')
        .leftJoin('product_image_translations as t', (j) => j.onRef('t.image_id', '=', 'i.id').on('t.locale', 'in', locales))
        .where('i.product_id', '=', id)
        .select(['i.id', 'i.variant_id', 'i.storage_key', 'i.width', 'i.height', 'i.position', 't.locale', 't.alt'])
        .execute(),
      loadReviews(ctx, id, { page: opts.reviews_page, per_page: opts.reviews_per_page, sort: opts.reviews_sort }),
      loadExpertRatings(ctx, id),
    ]);

  const [stock, related] = await Promise.all([
    getAvailability(db, variants.map((v) => v.id)),
    loadRelatedProducts(ctx, id, { locale: opts.locale, currency: opts.currency }),
  ]);

  const text = pickLocale(translations, opts.locale, fallback) ?? translations[0]!;
  const slugs = slugMap(translations);
  const slug = slugs[opts.locale] ?? slugs[fallback] ?? text.slug;

  // Options and their values, localised.
  const optionRows = [...groupBy(options, (o) => o.id).values()]
    .map((rows) => ({ ...rows[0]!, name: pickLocale(rows.filter(named), opts.locale, fallback)?.name ?? rows[0]!.code }))
    .sort((a, b) => a.position - b.position || a.id - b.id);
  const valueRows = [...groupBy(optionValues, (v) => v.id).values()]
    .map((rows) => ({ ...rows[0]!, label: pickLocale(rows.filter(labelled), opts.locale, fallback)?.label ?? rows[0]!.code }))
    .sort((a, b) => a.position - b.position || a.id - b.id);
  const valueById = new Map(valueRows.map((v) => [v.id, v]));
  const optionIndex = new Map(optionRows.map((o, i) => [o.id, i]));

  const priceBy = new Map(prices.map((p) => [p.variant_id, p]));
  const tiersBy = groupBy(tiers, (t) => t.variant_id);
  const valuesBy = groupBy(variantValues, (v) => v.variant_id);
  const detailVariants: DetailVariant[] = variants.map((v) => {
    const p = priceBy.get(v.id);
    const s = stock.get(v.id);
    const values = (valuesBy.get(v.id) ?? [])
      .map((vv) => valueById.get(vv.value_id))
      .filter((x): x is NonNullable<typeof x> => x !== undefined)
      .sort((a, b) => (optionIndex.get(a.option_id) ?? 0) - (optionIndex.get(b.option_id) ?? 0));
    return {
      id: v.id,
      sku: v.sku,
      barcode: v.barcode,
      weight_grams: v.weight_grams,
      dimensions_mm: v.length_mm !== null && v.width_mm !== null && v.height_mm !== null ? { length: v.length_mm, width: v.width_mm, height: v.height_mm } : null,
      options: values.map((x) => {
        const o = optionRows[optionIndex.get(x.option_id) ?? 0]!;
        return { option: o.code, name: o.name, value: x.code, label: x.label };
      }),
      price: p ? { amount: Number(p.amount), compare_at_amount: p.compare_at_amount === null ? null : Number(p.compare_at_amount) } : null,
      tier_prices: (tiersBy.get(v.id) ?? []).map((t) => ({ min_quantity: Number(t.min_quantity), amount: Number(t.amount) })),
      stock: { status: s?.status ?? 'in_stock', available: ctx.config.showStockCounts && s ? Math.max(0, s.available) : null },
    };
  });

  const lowest = cardPrice(detailVariants.map((v) => ({ amount: v.price?.amount ?? null, compare_at_amount: v.price?.compare_at_amount ?? null })), opts.currency);

  return {
    id,
    slug,
    text_locale: text.locale,
    slug_mismatch: slug !== opts.slug,
    slugs,
    name: text.name,
    short_description: text.short_description,
    description: text.description,
    keywords: text.keywords,
    seo_title: text.seo_title,
    seo_description: text.seo_description,
    featured: Number(product.featured) === 1,
    created_at: product.created_at,
    updated_at: product.updated_at,
    published_at: product.published_at,
    brand: product.brand_slug && product.brand_name ? { slug: product.brand_slug, name: product.brand_name } : null,
    breadcrumb: categoryPath(tree, product.primary_category_id).map((c) => ({ id: c.id, slug: c.slug, name: c.name, slugs: c.slugs })),
    currency: opts.currency,
    price: lowest ? { amount: lowest.amount, compare_at_amount: lowest.compare_at_amount, from: lowest.from } : null,
    stock: cardStock(detailVariants.map((v) => v.stock.status)),
    options: optionRows.map((o) => ({ code: o.code, name: o.name, values: valueRows.filter((v) => v.option_id === o.id).map((v) => ({ code: v.code, label: v.label })) })),
    variants: detailVariants,
    specifications: specifications(attributes, opts.locale, fallback),
    images: [...groupBy(images, (i) => i.id).values()]
      .map((rows) => {
        const i = rows[0]!;
        const alt = pickLocale(rows.filter((r): r is typeof r & { locale: string; alt: string } => r.locale !== null && r.alt !== null), opts.locale, fallback)?.alt;
        return { id: i.id, storage_key: i.storage_key, width: i.width, height: i.height, alt: alt ?? text.name, variant_id: i.variant_id, position: i.position };
      })
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map(({ position: _position, ...rest }) => rest),
    rating: reviewData.summary,
    reviews: reviewData.reviews,
    expert_ratings: expert,
    related,
  };
}

const named = <T extends { locale: string | null; name: string | null }>(r: T): r is T & { locale: string; name: string } => r.locale !== null && r.name !== null;
const labelled = <T extends { locale: string | null; label: string | null }>(r: T): r is T & { locale: string; label: string } => r.locale !== null && r.label !== null;

const YES_NO: Record<Locale, [string, string]> = {
  en: ['Yes', 'No'], id: ['Ya', 'Tidak'], th: ['ใช่', 'ไม่ใช่'], fil: ['Oo', 'Hindi'], es: ['Sí', 'No'],
};

interface AttributeRow {
  id: number; variant_id: number | null; text_value: string | null; number_value: number | null; boolean_value: number | null;
  code: string; kind: 'text' | 'number' | 'enum' | 'boolean'; unit: string | null; position: number;
  name_locale: string | null; name: string | null; option_code: string | null; label_locale: string | null; label: string | null;
}

/** One row per attribute value (the joins repeat it per translation), formatted for the locale, in attribute order. */
export function specifications(rows: AttributeRow[], locale: Locale, fallback: Locale): Specification[] {
  // No grouping: a vintage is 2016, not 2,016.
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false });
  const out: Array<Specification & { position: number; id: number }> = [];
  for (const list of groupBy(rows, (r) => r.id).values()) {
    const r = list[0]!;
    const name = pickLocale(list.filter((x) => x.name_locale !== null && x.name !== null).map((x) => ({ locale: x.name_locale!, name: x.name! })), locale, fallback)?.name ?? r.code;
    let value: string | null = null;
    if (r.kind === 'enum') {
      value = pickLocale(list.filter((x) => x.label_locale !== null && x.label !== null).map((x) => ({ locale: x.label_locale!, label: x.label! })), locale, fallback)?.label ?? r.option_code;
    } else if (r.kind === 'number' && r.number_value !== null) {
      value = numbers.format(Number(r.number_value)) + (r.unit ? (r.unit === '%' ? '%' : ` ${r.unit}`) : '');
    } else if (r.kind === 'boolean' && r.boolean_value !== null) {
      value = YES_NO[locale][Number(r.boolean_value) === 1 ? 0 : 1];
    } else if (r.kind === 'text') {
      value = r.text_value;
    }
    if (value === null || value === '') continue;
    out.push({ code: r.code, name, kind: r.kind, value, variant_id: r.variant_id, position: r.position, id: r.id });
  }
  return out
    .sort((a, b) => a.position - b.position || (a.variant_id ?? 0) - (b.variant_id ?? 0) || a.id - b.id)
    .map(({ position: _p, id: _i, ...s }) => s);
}
