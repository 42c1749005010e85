// Active products' slugs in every locale, in pages of ids: what the sitemap lists. Two queries per page.
import type { Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { groupBy, slugMap } from './localize.ts';

export interface ProductSlugs { id: number; updated_at: string; slugs: Partial<Record<Locale, string>> }

export async function countActiveProducts(ctx: AppContext): Promise<number> {
  const row = await ctx.db.kysely.selectFrom('products').where('status', '=', 'active')
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active products ordered by id, `limit` from `offset`, each with its slug per translated locale. */
export async function listActiveProductSlugs(ctx: AppContext, page: { offset: number; limit: number }): Promise<ProductSlugs[]> {
  const db = ctx.db.kysely;
  const products = await db.selectFrom('products').where('status', '=', 'active').select(['id', 'updated_at'])
    .orderBy('id').limit(page.limit).offset(page.offset).execute();
  if (products.length === 0) return [];
  const translations = await db.selectFrom('product_translations').select(['product_id', 'locale', 'slug'])
    .where('product_id', 'in', products.map((p) => p.id)).execute();
  const byProduct = groupBy(translations, (t) => t.product_id);
  return products.map((p) => ({ id: p.id, updated_at: p.updated_at, slugs: slugMap(byProduct.get(p.id) ?? []) }));
}
