// Product types: a name and the ordered attribute codes that apply to products of that type.
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { ProductTypeInput, type AdminProductType } from './taxonomy.schemas.ts';
import { guardUnique, throwIf, unknownCodes, validate, type FieldProblem } from './taxonomy-helpers.ts';

export async function listProductTypesForAdmin(ctx: AppContext): Promise<AdminProductType[]> {
  const db = ctx.db.kysely;
  const [rows, links, counts] = await Promise.all([
    db.selectFrom('product_types').selectAll().orderBy('name').orderBy('id').execute(),
    db.selectFrom('product_type_attributes as l').innerJoin('attributes as a', 'a.id', 'l.attribute_id')
      .select(['l.product_type_id', 'a.code']).orderBy('l.position').orderBy('a.code').execute(),
    db.selectFrom('products').select(['product_type_id', (eb) => eb.fn.countAll<number>().as('n')]).where('product_type_id', 'is not', null).groupBy('product_type_id').execute(),
  ]);
  const count = new Map(counts.map((c) => [c.product_type_id, Number(c.n)]));
  return rows.map((t) => ({
    id: t.id, code: t.code, name: t.name,
    attributes: links.filter((l) => l.product_type_id === t.id).map((l) => l.code),
    product_count: count.get(t.id) ?? 0,
  }));
}

export async function getProductTypeForAdmin(ctx: AppContext, id: number): Promise<AdminProductType | null> {
  return (await listProductTypesForAdmin(ctx)).find((t) => t.id === id) ?? null;
}

/** Checks the code and the attribute codes; returns the attribute ids in order. */
async function check(ctx: AppContext, input: ProductTypeInput, self: number | null): Promise<number[]> {
  const db = ctx.db.kysely;
  let owner = db.selectFrom('product_types').select('id').where('code', '=', input.code);
  if (self !== null) owner = owner.where('id', '!=', self);
  if (await owner.executeTakeFirst()) throwIf([{ path: '/code', message: `a product type with the code "${input.code}" exists` }], 409);
  const rows = input.attributes.length ? await db.selectFrom('attributes').select(['id', 'code']).where('code', 'in', input.attributes).execute() : [];
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  const problems: FieldProblem[] = unknownCodes(input.attributes, ids, '/attributes', 'attribute');
  if (new Set(input.attributes).size !== input.attributes.length) problems.push({ path: '/attributes', message: 'attributes repeat' });
  throwIf(problems);
  return input.attributes.map((c) => ids.get(c)!);
}

export async function createProductType(ctx: AppContext, raw: ProductTypeInput): Promise<AdminProductType> {
  const input = validate(ProductTypeInput, raw);
  const attributeIds = await check(ctx, input, null);
  const id = await guardUnique('The code', () =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await trx.insertInto('product_types').values({ code: input.code, name: input.name.trim() }).returning('id').executeTakeFirstOrThrow();
      if (attributeIds.length) await trx.insertInto('product_type_attributes').values(attributeIds.map((attribute_id, position) => ({ product_type_id: row.id, attribute_id, position }))).execute();
      return row.id;
    }),
  );
  await ctx.events.publish('catalog.taxonomy_changed', {});
  return (await getProductTypeForAdmin(ctx, id))!;
}

export async function updateProductType(ctx: AppContext, id: number, raw: ProductTypeInput): Promise<AdminProductType> {
  const input = validate(ProductTypeInput, raw);
  if (!(await ctx.db.kysely.selectFrom('product_types').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('Product type', { id });
  const attributeIds = await check(ctx, input, id);
  await guardUnique('The code', () =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('product_types').set({ code: input.code, name: input.name.trim() }).where('id', '=', id).execute();
      await trx.deleteFrom('product_type_attributes').where('product_type_id', '=', id).execute();
      if (attributeIds.length) await trx.insertInto('product_type_attributes').values(attributeIds.map((attribute_id, position) => ({ product_type_id: id, attribute_id, position }))).execute();
    }),
  );
  await ctx.events.publish('catalog.taxonomy_changed', {});
  return (await getProductTypeForAdmin(ctx, id))!;
}

/** Deletes a product type no product uses (409 otherwise). */
export async function deleteProductType(ctx: AppContext, id: number): Promise<void> {
  const db = ctx.db.kysely;
  if (!(await db.selectFrom('product_types').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('Product type', { id });
  const product = await db.selectFrom('products').select('id').where('product_type_id', '=', id).executeTakeFirst();
  if (product) throw new AppError(409, 'product_type_in_use', `Products are of this type (such as product ${product.id}); change them first`);
  await db.deleteFrom('product_types').where('id', '=', id).execute();
  await ctx.events.publish('catalog.taxonomy_changed', {});
}
