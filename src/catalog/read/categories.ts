// The category tree as shoppers see it: localised names and slugs (falling back to the default locale), every
// locale's slug (for hreflang and the sitemap), and optionally the number of active products in each subtree.
import { sql } from 'kysely';
import type { Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { groupBy, pickLocale, slugMap } from './localize.ts';

export interface CategoryNode {
  id: number;
  code: string;
  parent_id: number | null;
  slug: string;
  name: string;
  description: string | null;
  seo_title: string | null;
  seo_description: string | null;
  /** Slug in every locale the category is translated into. */
  slugs: Partial<Record<Locale, string>>;
  /** Active products in this category and its subcategories (0 when counts were not asked for). */
  product_count: number;
  children: CategoryNode[];
}

export interface CategoryTree {
  roots: CategoryNode[];
  byId: Map<number, CategoryNode>;
}

/** Two queries (three with counts), whatever the size of the tree. */
export async function getCategoryTree(ctx: AppContext, locale: Locale, options: { counts?: boolean } = {}): Promise<CategoryTree> {
  const db = ctx.db.kysely;
  const fallback = ctx.config.defaultLocale;
  const [categories, translations, counts] = await Promise.all([
    db.selectFrom('categories').select(['id', 'parent_id', 'code', 'position']).orderBy('position').orderBy('id').execute(),
    db.selectFrom('category_translations').selectAll().execute(),
    options.counts ? countProductsPerCategory(ctx) : Promise.resolve(new Map<number, number>()),
  ]);
  const byCategory = groupBy(translations, (t) => t.category_id);
  const byId = new Map<number, CategoryNode>();
  for (const c of categories) {
    const rows = byCategory.get(c.id) ?? [];
    const t = pickLocale(rows, locale, fallback) ?? rows[0];
    byId.set(c.id, {
      id: c.id,
      code: c.code,
      parent_id: c.parent_id,
      slug: t?.slug ?? c.code,
      name: t?.name ?? c.code,
      description: t?.description ?? null,
      seo_title: t?.seo_title ?? null,
      seo_description: t?.seo_description ?? null,
      slugs: slugMap(rows),
      product_count: counts.get(c.id) ?? 0,
      children: [],
    });
  }
  const roots: CategoryNode[] = [];
  for (const c of categories) {
    const node = byId.get(c.id)!;
    const parent = c.parent_id === null ? undefined : byId.get(c.parent_id);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { roots, byId };
}

/** Root → leaf path to `id` (empty for an unknown id). */
export function categoryPath(tree: CategoryTree, id: number | null): CategoryNode[] {
  const path: CategoryNode[] = [];
  const seen = new Set<number>();
  for (let node = id === null ? undefined : tree.byId.get(id); node && !seen.has(node.id); node = node.parent_id === null ? undefined : tree.byId.get(node.parent_id)) {
    seen.add(node.id);
    path.unshift(node);
  }
  return path;
}

/** The category whose slug in `locale` (or, failing that, in any locale) is `slug`. */
export function findCategoryBySlug(tree: CategoryTree, slug: string, locale: Locale): CategoryNode | undefined {
  const nodes = [...tree.byId.values()];
  return nodes.find((n) => n.slugs[locale] === slug) ?? nodes.find((n) => n.slug === slug) ?? nodes.find((n) => Object.values(n.slugs).includes(slug));
}

/**
 * Distinct active products per category including its subtree, counted in the database: a recursive CTE maps each
 * category to its ancestors, so a product filed under a leaf counts once for every ancestor.
 */
async function countProductsPerCategory(ctx: AppContext): Promise<Map<number, number>> {
  const result = await sql<{ category_id: number; n: number | string }>`
    with recursive anc(category_id, ancestor_id) as (
      select id, id from categories
      union all
      select anc.category_id, c.parent_id from anc join categories c on c.id = anc.ancestor_id where c.parent_id is not null
    ),
    membership(product_id, category_id) as (
      select product_id, category_id from product_categories
      union
      select id, primary_category_id from products where primary_category_id is not null
    )
    select anc.ancestor_id as category_id, count(distinct m.product_id) as n
    from membership m
    join products p on p.id = m.product_id and p.status = 'active'
    join anc on anc.category_id = m.category_id
    group by anc.ancestor_id`.execute(ctx.db.kysely);
  return new Map(result.rows.map((r) => [Number(r.category_id), Number(r.n)]));
}
