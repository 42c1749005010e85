// The back office's product list: drafts and archived products included, searched by name (any locale) or SKU,
// filtered by status, category (with its subcategories) and brand, newest changes first.
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { ProductList, ProductListQuery } from './product-admin.schemas.ts';

export async function listProductsForAdmin(ctx: AppContext, query: Partial<ProductListQuery>): Promise<ProductList> {
  const db = ctx.db.kysely;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const perPage = Math.min(100, Math.max(1, Math.floor(query.per_page ?? 25)));
  const empty = { items: [], total: 0, page, per_page: perPage };

  let base = db.selectFrom('products as p');
  if (query.status) base = base.where('p.status', '=', query.status);
  if (query.brand) {
    const brand = await db.selectFrom('brands').select('id').where('slug', '=', query.brand).executeTakeFirst();
    if (!brand) return empty;
    base = base.where('p.brand_id', '=', brand.id);
  }
  if (query.category) {
    const ids = await categorySubtree(ctx, query.category);
    if (ids.length === 0) return empty;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('product_categories as pc').select('pc.product_id').whereRef('pc.product_id', '=', 'p.id').where('pc.category_id', 'in', ids)),
    );
  }
  const q = query.q?.trim().toLowerCase();
  if (q) {
    // LIKE with the user's % and _ taken literally.
    const pattern = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    base = base.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('product_translations as t').select('t.product_id').whereRef('t.product_id', '=', 'p.id')
          .where(sql<boolean>`lower(t.name) like ${pattern} escape '\\'`)),
        eb.exists(eb.selectFrom('variants as v').select('v.product_id').whereRef('v.product_id', '=', 'p.id')
          .where(sql<boolean>`lower(v.sku) like ${pattern} escape '\\'`)),
      ]),
    );
  }

  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  if (total === 0) return empty;
  const rows = await base
    .leftJoin('brands as b', 'b.id', 'p.brand_id')
    .leftJoin('categories as c', 'c.id', 'p.primary_category_id')
    .select(['p.id', 'p.status', 'p.featured', 'p.updated_at', 'b.name as brand', 'c.code as category'])
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { ...empty, total };

  const [translations, variants] = await Promise.all([
    db.selectFrom('product_translations').select(['product_id', 'locale', 'name', 'slug']).where('product_id', 'in', ids).orderBy('locale').execute(),
    db.selectFrom('variants').select(['product_id', 'sku']).where('product_id', 'in', ids).orderBy('position').orderBy('id').execute(),
  ]);
  const defaultLocale = ctx.config.defaultLocale;
  const items = rows.map((r) => {
    const own = translations.filter((t) => t.product_id === r.id);
    const main = own.find((t) => t.locale === defaultLocale) ?? own[0];
    const skus = variants.filter((v) => v.product_id === r.id).map((v) => v.sku);
    return {
      id: r.id,
      status: r.status,
      featured: r.featured === 1,
      name: main?.name ?? '',
      slug: main?.slug ?? '',
      brand: r.brand ?? null,
      category: r.category ?? null,
      skus: skus.slice(0, 10),
      variant_count: skus.length,
      locales: own.map((t) => t.locale),
      updated_at: r.updated_at,
    };
  });
  return { items, total, page, per_page: perPage };
}

/** Ids of the category with this code and of every category below it (one recursive query). */
export async function categorySubtree(ctx: AppContext, code: string): Promise<number[]> {
  const rows = await ctx.db.kysely
    .withRecursive('tree(id)', (qb) =>
      qb.selectFrom('categories').select('id').where('code', '=', code)
        .unionAll((q) => q.selectFrom('categories as c').innerJoin('tree', 'tree.id', 'c.parent_id').select('c.id')),
    )
    .selectFrom('tree')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}
