// Related products for a product page: curated similar / complementary / pairing relations in their order, and,
// where no "similar" is curated, similar products computed from shared categories and attribute values.
import type { CurrencyCode, Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { RelationKind } from '../catalog.table.ts';
import { loadProductCards, type ProductCard } from './product-cards.ts';

export const RELATED_LIMIT = 8;

export interface RelatedProducts {
  similar: ProductCard[];
  complementary: ProductCard[];
  pairing: ProductCard[];
  /** True when `similar` was computed rather than curated. */
  similar_computed: boolean;
}

/** At most three queries plus the cards' fixed number, whatever the catalogue size. */
export async function loadRelatedProducts(
  ctx: AppContext,
  productId: number,
  opts: { locale: Locale; currency: CurrencyCode | string; limit?: number },
): Promise<RelatedProducts> {
  const db = ctx.db.kysely;
  const limit = opts.limit ?? RELATED_LIMIT;
  const curated = await db
    .selectFrom('product_relations as r')
    .innerJoin('products as p', 'p.id', 'r.related_product_id')
    .where('r.product_id', '=', productId)
    .where('p.status', '=', 'active')
    .where('r.related_product_id', '<>', productId)
    .select(['r.related_product_id as id', 'r.kind'])
    .orderBy('r.kind')
    .orderBy('r.position')
    .orderBy('r.related_product_id')
    .execute();
  const ids: Record<RelationKind, number[]> = { similar: [], complementary: [], pairing: [] };
  for (const r of curated) if (ids[r.kind] && ids[r.kind].length < limit) ids[r.kind].push(r.id);

  const computed = ids.similar.length === 0;
  if (computed) ids.similar = await computeSimilar(ctx, productId, limit);

  const cards = await loadProductCards(ctx, [...ids.similar, ...ids.complementary, ...ids.pairing], opts);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const pick = (list: number[]) => list.map((id) => byId.get(id)).filter((c): c is ProductCard => c !== undefined);
  return { similar: pick(ids.similar), complementary: pick(ids.complementary), pairing: pick(ids.pairing), similar_computed: computed };
}

/**
 * Active products in the same (primary) category, ranked by how many enum attribute values they share with the product
 * (then newest). Bounded: only the product's own categories are scanned and the result is limited.
 */
export async function computeSimilar(ctx: AppContext, productId: number, limit = RELATED_LIMIT): Promise<number[]> {
  const db = ctx.db.kysely;
  // The product's own (leaf) category: a root category would scan a whole department.
  const own = db.selectFrom('products').select('primary_category_id').where('id', '=', productId);
  const rows = await db
    // The category's products, found through its two indexes (primary category, extra categories): an OR of the two
    // in one WHERE would read every active product instead.
    .with('candidates', (qb) => qb.selectFrom('products').select('id as product_id').where('primary_category_id', 'in', own)
      .union(qb.selectFrom('product_categories').select('product_id').where('category_id', 'in', own)))
    .selectFrom('candidates as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .leftJoin('product_attribute_values as av', (j) =>
      j.onRef('av.product_id', '=', 'p.id').on('av.option_id', 'in', (eb) =>
        eb.selectFrom('product_attribute_values').select('option_id').where('product_id', '=', productId).where('option_id', 'is not', null),
      ),
    )
    .where('p.status', '=', 'active')
    .where('p.id', '<>', productId)
    .select((eb) => ['p.id', eb.fn.count<number>('av.id').as('shared')])
    .groupBy(['p.id', 'p.created_at'])
    .orderBy('shared', 'desc')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
