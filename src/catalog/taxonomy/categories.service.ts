// The category tree in the back office: list (depth-first, with product counts), create, replace, delete.
// A category moves by changing its parent, never under itself or its own subtree; one with subcategories or
// products cannot be deleted (409), so no product silently loses its place in the shop.
import type { Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { CategoryInput, type AdminCategory } from './taxonomy.schemas.ts';
import { guardUnique, requireDefaultLocale, slugsFor, throwIf, validate, type FieldProblem } from './taxonomy-helpers.ts';

export async function listCategoriesForAdmin(ctx: AppContext): Promise<AdminCategory[]> {
  const db = ctx.db.kysely;
  const [rows, translations, counts] = await Promise.all([
    db.selectFrom('categories').select(['id', 'parent_id', 'code', 'position']).orderBy('position').orderBy('code').execute(),
    db.selectFrom('category_translations').selectAll().orderBy('locale').execute(),
    db.selectFrom('product_categories').select(['category_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category_id').execute(),
  ]);
  const count = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
  const code = new Map(rows.map((r) => [r.id, r.code]));
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const out: AdminCategory[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({
        id: r.id,
        code: r.code,
        parent: r.parent_id === null ? null : code.get(r.parent_id)!,
        position: r.position,
        depth,
        product_count: count.get(r.id) ?? 0,
        translations: Object.fromEntries(translations.filter((t) => t.category_id === r.id).map((t) => [t.locale, {
          name: t.name, slug: t.slug,
          ...(t.description ? { description: t.description } : {}),
          ...(t.seo_title ? { seo_title: t.seo_title } : {}),
          ...(t.seo_description ? { seo_description: t.seo_description } : {}),
        }])),
      });
      if (depth < 50) visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

export async function getCategoryForAdmin(ctx: AppContext, id: number): Promise<AdminCategory | null> {
  return (await listCategoriesForAdmin(ctx)).find((c) => c.id === id) ?? null;
}

/** Creates a category; 409 when the code or an explicit slug is taken, 400 for an unknown parent. */
export async function createCategory(ctx: AppContext, raw: CategoryInput): Promise<AdminCategory> {
  const input = validate(CategoryInput, raw);
  const db = ctx.db.kysely;
  const parentId = await checkCategory(ctx, input, null);
  const id = await guardUnique('The code or a slug', () =>
    db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('categories').values({ code: input.code, parent_id: parentId, position: input.position ?? 0 }).returning('id').executeTakeFirstOrThrow();
      await writeTranslations(trx, row.id, input);
      return row.id;
    }),
  );
  await ctx.events.publish('catalog.taxonomy_changed', {});
  return (await getCategoryForAdmin(ctx, id))!;
}

/** Replaces code, parent, position and translations (a translation without a slug keeps its slug). */
export async function updateCategory(ctx: AppContext, id: number, raw: CategoryInput): Promise<AdminCategory> {
  const input = validate(CategoryInput, raw);
  const db = ctx.db.kysely;
  if (!(await db.selectFrom('categories').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('Category', { id });
  const parentId = await checkCategory(ctx, input, id);
  await guardUnique('The code or a slug', () =>
    db.transaction().execute(async (trx) => {
      await trx.updateTable('categories').set({ code: input.code, parent_id: parentId, position: input.position ?? 0 }).where('id', '=', id).execute();
      await writeTranslations(trx, id, input);
    }),
  );
  await ctx.events.publish('catalog.taxonomy_changed', {});
  // Listings and the search index name categories: the products in it are re-indexed too.
  const products = await db.selectFrom('product_categories').select('product_id').where('category_id', '=', id).execute();
  if (products.length) await ctx.events.publish('catalog.products_changed', { productIds: products.map((p) => p.product_id) });
  return (await getCategoryForAdmin(ctx, id))!;
}

/** Deletes an empty leaf category; 409 while it has subcategories or products. */
export async function deleteCategory(ctx: AppContext, id: number): Promise<void> {
  const db = ctx.db.kysely;
  if (!(await db.selectFrom('categories').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('Category', { id });
  const child = await db.selectFrom('categories').select('code').where('parent_id', '=', id).executeTakeFirst();
  if (child) throw new AppError(409, 'category_not_empty', `The category has subcategories (such as "${child.code}"); move or delete them first`);
  const product = await db.selectFrom('product_categories').select('product_id').where('category_id', '=', id).executeTakeFirst()
    ?? await db.selectFrom('products').select('id as product_id').where('primary_category_id', '=', id).executeTakeFirst();
  if (product) throw new AppError(409, 'category_not_empty', `The category still has products (such as product ${product.product_id}); move them first`);
  await db.deleteFrom('categories').where('id', '=', id).execute();
  await ctx.events.publish('catalog.taxonomy_changed', {});
}

/** Locale, code and parent checks; returns the parent's id. `self` is the category being replaced. */
async function checkCategory(ctx: AppContext, input: CategoryInput, self: number | null): Promise<number | null> {
  const db = ctx.db.kysely;
  const problems: FieldProblem[] = [];
  requireDefaultLocale(problems, '/translations', input.translations, ctx.config.defaultLocale);
  throwIf(problems);
  let codeOwner = db.selectFrom('categories').select('id').where('code', '=', input.code);
  if (self !== null) codeOwner = codeOwner.where('id', '!=', self);
  if (await codeOwner.executeTakeFirst()) throwIf([{ path: '/code', message: `a category with the code "${input.code}" exists` }], 409);
  if (!input.parent) return null;
  const parent = await db.selectFrom('categories').select(['id', 'parent_id']).where('code', '=', input.parent).executeTakeFirst();
  if (!parent) throwIf([{ path: '/parent', message: `unknown category "${input.parent}"` }]);
  if (self !== null) {
    // Walk up from the new parent: meeting the category itself would make a cycle.
    const parents = new Map((await db.selectFrom('categories').select(['id', 'parent_id']).execute()).map((c) => [c.id, c.parent_id]));
    for (let at: number | null = parent!.id, steps = 0; at !== null && steps < 1000; at = parents.get(at) ?? null, steps++) {
      if (at === self) throwIf([{ path: '/parent', message: 'a category cannot be moved under itself or one of its subcategories' }]);
    }
  }
  return parent!.id;
}

async function writeTranslations(trx: Transaction<Database>, id: number, input: CategoryInput): Promise<void> {
  const slugs = await slugsFor(trx, 'category_translations', id, input.translations);
  await trx.deleteFrom('category_translations').where('category_id', '=', id).execute();
  await trx.insertInto('category_translations').values(Object.entries(input.translations).map(([locale, t]) => ({
    category_id: id, locale, name: t.name, slug: slugs[locale]!, description: t.description ?? null,
    seo_title: t.seo_title ?? null, seo_description: t.seo_description ?? null,
  }))).execute();
}
