// Collections ("Gift ideas", "New harvest"): translated names and slugs, a featured flag, and an ordered list of
// products named by id or slug. Saving a collection replaces its products in the given order.
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { CollectionAdminInput, type AdminCollection } from './taxonomy.schemas.ts';
import { guardUnique, requireDefaultLocale, slugsFor, throwIf, validate, type FieldProblem } from './taxonomy-helpers.ts';

export async function listCollectionsForAdmin(ctx: AppContext): Promise<AdminCollection[]> {
  const db = ctx.db.kysely;
  const locale = ctx.config.defaultLocale;
  const [rows, translations, members] = await Promise.all([
    db.selectFrom('collections').selectAll().orderBy('code').execute(),
    db.selectFrom('collection_translations').selectAll().orderBy('locale').execute(),
    db.selectFrom('collection_products as cp')
      .leftJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'cp.product_id').on('t.locale', '=', locale))
      .select(['cp.collection_id', 'cp.product_id', 't.slug', 't.name'])
      .orderBy('cp.position').orderBy('cp.product_id').execute(),
  ]);
  return rows.map((c) => ({
    id: c.id,
    code: c.code,
    featured: c.featured === 1,
    translations: Object.fromEntries(translations.filter((t) => t.collection_id === c.id).map((t) => [t.locale, {
      name: t.name, slug: t.slug, ...(t.description ? { description: t.description } : {}),
    }])),
    products: members.filter((m) => m.collection_id === c.id).map((m) => ({ id: m.product_id, slug: m.slug ?? '', name: m.name ?? '' })),
  }));
}

export async function getCollectionForAdmin(ctx: AppContext, id: number): Promise<AdminCollection | null> {
  return (await listCollectionsForAdmin(ctx)).find((c) => c.id === id) ?? null;
}

/** Checks locales, the code and the products; returns the product ids in order. */
async function check(ctx: AppContext, input: CollectionAdminInput, self: number | null): Promise<number[]> {
  const db = ctx.db.kysely;
  const problems: FieldProblem[] = [];
  requireDefaultLocale(problems, '/translations', input.translations, ctx.config.defaultLocale);
  throwIf(problems);
  let owner = db.selectFrom('collections').select('id').where('code', '=', input.code);
  if (self !== null) owner = owner.where('id', '!=', self);
  if (await owner.executeTakeFirst()) throwIf([{ path: '/code', message: `a collection with the code "${input.code}" exists` }], 409);

  const refs = input.products ?? [];
  const numbers = refs.filter((r): r is number => typeof r === 'number');
  const slugs = refs.filter((r): r is string => typeof r === 'string');
  const [byId, bySlug] = await Promise.all([
    numbers.length ? db.selectFrom('products').select('id').where('id', 'in', numbers).execute() : [],
    slugs.length ? db.selectFrom('product_translations').select(['slug', 'product_id', 'locale']).where('slug', 'in', slugs).execute() : [],
  ]);
  const ids = new Set(byId.map((r) => r.id));
  const slugIds = new Map<string, number>();
  for (const r of bySlug) if (!slugIds.has(r.slug) || r.locale === ctx.config.defaultLocale) slugIds.set(r.slug, r.product_id);
  const out: number[] = [];
  refs.forEach((r, i) => {
    const id = typeof r === 'number' ? (ids.has(r) ? r : undefined) : slugIds.get(r);
    if (id === undefined) problems.push({ path: `/products/${i}`, message: `unknown product ${JSON.stringify(r)}` });
    else if (out.includes(id)) problems.push({ path: `/products/${i}`, message: `product ${JSON.stringify(r)} is listed twice` });
    else out.push(id);
  });
  throwIf(problems);
  return out;
}

async function save(ctx: AppContext, id: number | null, input: CollectionAdminInput, productIds: number[]): Promise<number> {
  return guardUnique('The code or a slug', () =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      let collectionId = id;
      if (collectionId === null) {
        collectionId = (await trx.insertInto('collections').values({ code: input.code, featured: input.featured ? 1 : 0 }).returning('id').executeTakeFirstOrThrow()).id;
      } else {
        await trx.updateTable('collections').set({ code: input.code, featured: input.featured ? 1 : 0 }).where('id', '=', collectionId).execute();
      }
      const slugs = await slugsFor(trx, 'collection_translations', collectionId, input.translations);
      await trx.deleteFrom('collection_translations').where('collection_id', '=', collectionId).execute();
      await trx.insertInto('collection_translations').values(Object.entries(input.translations).map(([locale, t]) => ({
        collection_id: collectionId, locale, name: t.name, slug: slugs[locale]!, description: t.description ?? null,
      }))).execute();
      await trx.deleteFrom('collection_products').where('collection_id', '=', collectionId).execute();
      if (productIds.length) {
        await trx.insertInto('collection_products').values(productIds.map((product_id, position) => ({ collection_id: collectionId, product_id, position }))).execute();
      }
      return collectionId;
    }),
  );
}

export async function createCollection(ctx: AppContext, raw: CollectionAdminInput): Promise<AdminCollection> {
  const input = validate(CollectionAdminInput, raw);
  const productIds = await check(ctx, input, null);
  const id = await save(ctx, null, input, productIds);
  await ctx.events.publish('catalog.taxonomy_changed', {});
  if (productIds.length) await ctx.events.publish('catalog.products_changed', { productIds });
  return (await getCollectionForAdmin(ctx, id))!;
}

export async function updateCollection(ctx: AppContext, id: number, raw: CollectionAdminInput): Promise<AdminCollection> {
  const input = validate(CollectionAdminInput, raw);
  const before = await getCollectionForAdmin(ctx, id);
  if (!before) throw notFound('Collection', { id });
  const productIds = await check(ctx, input, id);
  await save(ctx, id, input, productIds);
  await ctx.events.publish('catalog.taxonomy_changed', {});
  const touched = [...new Set([...before.products.map((p) => p.id), ...productIds])];
  if (touched.length) await ctx.events.publish('catalog.products_changed', { productIds: touched });
  return (await getCollectionForAdmin(ctx, id))!;
}

export async function deleteCollection(ctx: AppContext, id: number): Promise<void> {
  const before = await getCollectionForAdmin(ctx, id);
  if (!before) throw notFound('Collection', { id });
  await ctx.db.kysely.deleteFrom('collections').where('id', '=', id).execute();
  await ctx.events.publish('catalog.taxonomy_changed', {});
  if (before.products.length) await ctx.events.publish('catalog.products_changed', { productIds: before.products.map((p) => p.id) });
}
