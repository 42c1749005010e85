// Product cards: what listings, search results and "related products" show for each product.
// Loaded for any number of products in a fixed number of queries (no per-product lookups).
import { sql } from 'kysely';
import { getAvailability } from '../../inventory/index.ts';
import type { CurrencyCode, Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';

export type CardStock = 'in_stock' | 'low_stock' | 'out_of_stock';

export interface ProductCard {
  id: number;
  slug: string;
  name: string;
  brand: { slug: string; name: string } | null;
  /** Lowest variant price in the currency; `from` when variants are priced differently. */
  price: { amount: number; currency: string; compare_at_amount: number | null; from: boolean } | null;
  image: { storage_key: string; width: number; height: number; alt: string } | null;
  /** Approved buyer reviews only. */
  rating: { average: number; count: number } | null;
  stock: CardStock;
}

export interface CardOptions { locale: Locale; currency: CurrencyCode | string }

/**
 * Cards for `ids`, in that order (unknown ids are skipped). Text (name, slug, image alt) is in `locale`, falling
 * back to the default locale. Six queries plus the stock lookup, whatever ids.length.
 */
export async function loadProductCards(ctx: AppContext, ids: number[], opts: CardOptions): Promise<ProductCard[]> {
  const unique = [...new Set(ids)].filter((id) => Number.isInteger(id));
  if (unique.length === 0) return [];
  const db = ctx.db.kysely;
  const fallback = ctx.config.defaultLocale;

  const [products, translations, prices, images, ratings] = await Promise.all([
    db.selectFrom('products as p')
      .leftJoin('brands as b', 'b.id', 'p.brand_id')
      .where('p.id', 'in', unique)
      .select(['p.id', 'b.slug as brand_slug', 'b.name as brand_name'])
      .execute(),
    db.selectFrom('product_translations')
      .where('product_id', 'in', unique)
      .where('locale', 'in', [opts.locale, fallback])
      .select(['product_id', 'locale', 'name', 'slug'])
      .execute(),
    db.selectFrom('variants as v')
      .leftJoin('variant_prices as vp', (j) => j.onRef('vp.variant_id', '=', 'v.id').on('vp.currency', '=', opts.currency))
      .where('v.product_id', 'in', unique)
      .select(['v.id', 'v.product_id', 'vp.amount', 'vp.compare_at_amount'])
      .execute(),
    // The first image of each product (by position, then id).
    db.selectFrom((eb) =>
      eb.selectFrom('product_images')
        .where('product_id', 'in', unique)
        .select(['id', 'product_id', 'storage_key', 'width', 'height', sql<number>`row_number() over (partition by product_id order by position, id)`.as('rn')])
        .as('i'),
    )
      .leftJoin('product_image_translations as al', (j) => j.onRef('al.image_id', '=', 'i.id').on('al.locale', '=', opts.locale))
      .leftJoin('product_image_translations as ad', (j) => j.onRef('ad.image_id', '=', 'i.id').on('ad.locale', '=', fallback))
      .where('i.rn', '=', 1)
      .select(['i.product_id', 'i.storage_key', 'i.width', 'i.height', 'al.alt as alt', 'ad.alt as alt_default'])
      .execute(),
    db.selectFrom('product_reviews')
      .where('product_id', 'in', unique)
      .where('status', '=', 'approved')
      .select((eb) => ['product_id', eb.fn.avg<number>('rating').as('average'), eb.fn.countAll<number>().as('count')])
      .groupBy('product_id')
      .execute(),
  ]);

  // Absent from the map = untracked = in stock.
  const stock = await getAvailability(db, prices.map((v) => v.id));

  const text = new Map<number, { own?: { name: string; slug: string }; fallback?: { name: string; slug: string } }>();
  for (const t of translations) {
    const entry = text.get(t.product_id) ?? {};
    if (t.locale === opts.locale) entry.own = t;
    if (t.locale === fallback) entry.fallback = t;
    text.set(t.product_id, entry);
  }
  const variantsByProduct = new Map<number, typeof prices>();
  for (const v of prices) {
    const list = variantsByProduct.get(v.product_id) ?? [];
    list.push(v);
    variantsByProduct.set(v.product_id, list);
  }
  const imageBy = new Map(images.map((i) => [i.product_id, i]));
  const ratingBy = new Map(ratings.map((r) => [r.product_id, r]));
  const productBy = new Map(products.map((p) => [p.id, p]));

  const cards: ProductCard[] = [];
  for (const id of ids) {
    const p = productBy.get(id);
    if (!p) continue;
    const t = text.get(id);
    const name = t?.own ?? t?.fallback;
    const variants = variantsByProduct.get(id) ?? [];
    const image = imageBy.get(id);
    const rating = ratingBy.get(id);
    cards.push({
      id,
      slug: name?.slug ?? String(id),
      name: name?.name ?? '',
      brand: p.brand_slug && p.brand_name ? { slug: p.brand_slug, name: p.brand_name } : null,
      price: cardPrice(variants, opts.currency),
      image: image ? { storage_key: image.storage_key, width: image.width, height: image.height, alt: image.alt ?? image.alt_default ?? name?.name ?? '' } : null,
      rating: rating && Number(rating.count) > 0 ? { average: Math.round(Number(rating.average) * 10) / 10, count: Number(rating.count) } : null,
      stock: cardStock(variants.map((v) => stock.get(v.id)?.status ?? 'in_stock')),
    });
  }
  return cards;
}

/** The lowest price among the variants priced in `currency`, with that variant's compare-at price when higher. */
export function cardPrice(
  variants: Array<{ amount: number | null; compare_at_amount: number | null }>,
  currency: string,
): ProductCard['price'] {
  const priced = variants.filter((v) => v.amount !== null).map((v) => ({ amount: Number(v.amount), compare: v.compare_at_amount === null ? null : Number(v.compare_at_amount) }));
  if (priced.length === 0) return null;
  const cheapest = priced.reduce((a, b) => (b.amount < a.amount ? b : a));
  return {
    amount: cheapest.amount,
    currency,
    compare_at_amount: cheapest.compare !== null && cheapest.compare > cheapest.amount ? cheapest.compare : null,
    from: priced.some((v) => v.amount !== cheapest.amount),
  };
}

/** A product is as available as its best variant; one without variants cannot be bought. */
export function cardStock(statuses: CardStock[]): CardStock {
  if (statuses.includes('in_stock')) return 'in_stock';
  if (statuses.includes('low_stock')) return 'low_stock';
  return 'out_of_stock';
}
