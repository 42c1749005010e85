// Brands in the back office: list with product counts, create, replace, delete (refused while products use it).
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { BrandInput, type AdminBrand } from './taxonomy.schemas.ts';
import { guardUnique, throwIf, validate } from './taxonomy-helpers.ts';

export async function listBrandsForAdmin(ctx: AppContext): Promise<AdminBrand[]> {
  const db = ctx.db.kysely;
  const [rows, counts] = await Promise.all([
    db.selectFrom('brands').selectAll().orderBy('name').orderBy('id').execute(),
    db.selectFrom('products').select(['brand_id', (eb) => eb.fn.countAll<number>().as('n')]).where('brand_id', 'is not', null).groupBy('brand_id').execute(),
  ]);
  const count = new Map(counts.map((c) => [c.brand_id, Number(c.n)]));
  return rows.map((b) => ({ id: b.id, slug: b.slug, name: b.name, ...(b.description ? { description: b.description } : {}), product_count: count.get(b.id) ?? 0 }));
}

export async function getBrandForAdmin(ctx: AppContext, id: number): Promise<AdminBrand | null> {
  return (await listBrandsForAdmin(ctx)).find((b) => b.id === id) ?? null;
}

async function checkSlugFree(ctx: AppContext, slug: string, self: number | null): Promise<void> {
  let q = ctx.db.kysely.selectFrom('brands').select('id').where('slug', '=', slug);
  if (self !== null) q = q.where('id', '!=', self);
  if (await q.executeTakeFirst()) throwIf([{ path: '/slug', message: `a brand with the slug "${slug}" exists` }], 409);
}

export async function createBrand(ctx: AppContext, raw: BrandInput): Promise<AdminBrand> {
  const input = validate(BrandInput, raw);
  await checkSlugFree(ctx, input.slug, null);
  const row = await guardUnique('The slug', () =>
    ctx.db.kysely.insertInto('brands').values({ slug: input.slug, name: input.name.trim(), description: input.description ?? null }).returning('id').executeTakeFirstOrThrow(),
  );
  await ctx.events.publish('catalog.taxonomy_changed', {});
  return (await getBrandForAdmin(ctx, row.id))!;
}

export async function updateBrand(ctx: AppContext, id: number, raw: BrandInput): Promise<AdminBrand> {
  const input = validate(BrandInput, raw);
  const db = ctx.db.kysely;
  if (!(await db.selectFrom('brands').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('Brand', { id });
  await checkSlugFree(ctx, input.slug, id);
  await guardUnique('The slug', () =>
    db.updateTable('brands').set({ slug: input.slug, name: input.name.trim(), description: input.description ?? null }).where('id', '=', id).execute(),
  );
  await ctx.events.publish('catalog.taxonomy_changed', {});
  // The brand name is searchable: its products are re-indexed.
  const products = await db.selectFrom('products').select('id').where('brand_id', '=', id).execute();
  if (products.length) await ctx.events.publish('catalog.products_changed', { productIds: products.map((p) => p.id) });
  return (await getBrandForAdmin(ctx, id))!;
}

export async function deleteBrand(ctx: AppContext, id: number): Promise<void> {
  const db = ctx.db.kysely;
  if (!(await db.selectFrom('brands').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('Brand', { id });
  const product = await db.selectFrom('products').select('id').where('brand_id', '=', id).executeTakeFirst();
  if (product) throw new AppError(409, 'brand_in_use', `Products still carry this brand (such as product ${product.id}); change them first`);
  await db.deleteFrom('brands').where('id', '=', id).execute();
  await ctx.events.publish('catalog.taxonomy_changed', {});
}
