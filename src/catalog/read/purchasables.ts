// What the cart and checkout need to know about the variants a shopper buys: name, options, picture, weight, tax
// class and price in the cart's currency with its tier prices. Four queries for any number of variants.
import type { AppContext } from '../../platform/context.ts';
import { groupBy, pickLocale } from './localize.ts';

export interface TierPrice { min_quantity: number; amount: number }

export interface Purchasable {
  variantId: number;
  sku: string;
  productId: number;
  /** Only active products can be bought. */
  active: boolean;
  allowBackorder: boolean;
  name: string;
  slug: string;
  /** "Size: M · Colour: Indigo", in the locale. */
  optionsLabel: string;
  image: { storage_key: string; width: number; height: number } | null;
  weightGrams: number;
  taxClass: string;
  /** Null when the variant has no price in this currency: it cannot be bought in it. */
  price: { amount: number; compare_at_amount: number | null; tiers: TierPrice[] } | null;
}

/** The unit price for a quantity: the best tier whose minimum the quantity reaches, else the base price. */
export function unitPriceFor(price: { amount: number; tiers: TierPrice[] }, quantity: number): { amount: number; tier: TierPrice | null } {
  let best: TierPrice | null = null;
  for (const tier of price.tiers) {
    if (quantity >= tier.min_quantity && tier.amount < (best?.amount ?? price.amount)) best = tier;
  }
  return { amount: best?.amount ?? price.amount, tier: best };
}

export async function loadPurchasables(
  ctx: AppContext,
  variantIds: number[],
  opts: { locale: string; currency: string },
): Promise<Map<number, Purchasable>> {
  const ids = [...new Set(variantIds)].filter((id) => Number.isSafeInteger(id));
  const out = new Map<number, Purchasable>();
  if (ids.length === 0) return out;
  const db = ctx.db.kysely;
  const fallback = ctx.config.defaultLocale;
  const locales = [...new Set([opts.locale, fallback])];

  const [variants, prices, tiers, options] = await Promise.all([
    db.selectFrom('variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .where('v.id', 'in', ids)
      .select(['v.id', 'v.sku', 'v.product_id', 'v.weight_grams', 'p.status', 'p.allow_backorder', 'p.tax_class'])
      .execute(),
    db.selectFrom('variant_prices').where('variant_id', 'in', ids).where('currency', '=', opts.currency)
      .select(['variant_id', 'amount', 'compare_at_amount']).execute(),
    db.selectFrom('tier_prices').where('variant_id', 'in', ids).where('currency', '=', opts.currency)
      .select(['variant_id', 'min_quantity', 'amount']).orderBy('min_quantity').execute(),
    db.selectFrom('variant_option_values as vov')
      .innerJoin('product_option_values as pov', 'pov.id', 'vov.value_id')
      .innerJoin('product_options as po', 'po.id', 'pov.option_id')
      .leftJoin('product_option_translations as pot', (j) => j.onRef('pot.option_id', '=', 'po.id').on('pot.locale', 'in', locales))
      .leftJoin('product_option_value_translations as povt', (j) => j.onRef('povt.value_id', '=', 'pov.id').on('povt.locale', 'in', locales))
      .where('vov.variant_id', 'in', ids)
      .select(['vov.variant_id', 'po.position', 'po.code as option_code', 'pov.code as value_code', 'pot.locale as name_locale', 'pot.name', 'povt.locale as label_locale', 'povt.label'])
      .execute(),
  ]);
  const productIds = [...new Set(variants.map((v) => v.product_id))];
  const [texts, images] = productIds.length === 0 ? [[], []] : await Promise.all([
    db.selectFrom('product_translations').where('product_id', 'in', productIds).where('locale', 'in', locales)
      .select(['product_id', 'locale', 'name', 'slug']).execute(),
    db.selectFrom('product_images').where('product_id', 'in', productIds)
      .select(['product_id', 'variant_id', 'storage_key', 'width', 'height', 'position', 'id'])
      .orderBy('position').orderBy('id').execute(),
  ]);

  const priceBy = new Map(prices.map((p) => [p.variant_id, p]));
  const tiersBy = groupBy(tiers, (t) => t.variant_id);
  const optionsBy = groupBy(options, (o) => o.variant_id);
  const textsBy = groupBy(texts, (t) => t.product_id);
  const imagesBy = groupBy(images, (i) => i.product_id);

  for (const v of variants) {
    const text = pickLocale(textsBy.get(v.product_id) ?? [], opts.locale, fallback);
    const price = priceBy.get(v.id);
    const productImages = imagesBy.get(v.product_id) ?? [];
    const image = productImages.find((i) => i.variant_id === v.id) ?? productImages[0];
    out.set(v.id, {
      variantId: v.id,
      sku: v.sku,
      productId: v.product_id,
      active: v.status === 'active',
      allowBackorder: v.allow_backorder === 1,
      name: text?.name ?? v.sku,
      slug: text?.slug ?? String(v.product_id),
      optionsLabel: optionsLabel(optionsBy.get(v.id) ?? [], opts.locale, fallback),
      image: image ? { storage_key: image.storage_key, width: image.width, height: image.height } : null,
      weightGrams: v.weight_grams ?? 0,
      taxClass: v.tax_class,
      price: price
        ? {
            amount: Number(price.amount),
            compare_at_amount: price.compare_at_amount === null ? null : Number(price.compare_at_amount),
            tiers: (tiersBy.get(v.id) ?? []).map((t) => ({ min_quantity: t.min_quantity, amount: Number(t.amount) })),
          }
        : null,
    });
  }
  return out;
}

type OptionRow = { position: number; option_code: string; value_code: string; name_locale: string | null; name: string | null; label_locale: string | null; label: string | null };

function optionsLabel(rows: OptionRow[], locale: string, fallback: string): string {
  const byOption = groupBy(rows, (r) => r.option_code);
  return [...byOption.values()]
    .sort((a, b) => a[0]!.position - b[0]!.position)
    .map((group) => {
      const pick = (localeOf: (r: OptionRow) => string | null, text: (r: OptionRow) => string | null) =>
        text(group.find((r) => localeOf(r) === locale) ?? group.find((r) => localeOf(r) === fallback) ?? group[0]!);
      const name = pick((r) => r.name_locale, (r) => r.name) ?? group[0]!.option_code;
      const label = pick((r) => r.label_locale, (r) => r.label) ?? group[0]!.value_code;
      return `${name}: ${label}`;
    })
    .join(' · ');
}
