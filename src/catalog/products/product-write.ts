// Creating, replacing, patching and deleting one product from the back office. Validation is the import's
// (prepareProducts), so a product entered by hand obeys exactly the rules of a bulk import; every write is one
// transaction and `catalog.products_changed` / `catalog.products_deleted` follow its commit.
import type { Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { importProducts, prepareProducts, writeProductDetails, type PreparedProducts } from '../import/index.ts';
import { removeImageFiles } from '../images/image-files.ts';
import type { ProductInput } from '../product-input.ts';
import type { AdminProduct, ProductPatch } from './product-admin.schemas.ts';
import { asProductWrite } from './product-errors.ts';
import { getProductForAdmin } from './product-read.ts';

async function requireProduct(ctx: AppContext, id: number) {
  const row = await ctx.db.kysely.selectFrom('products').select(['id', 'status', 'published_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Product', { id });
  return row;
}

const reread = async (ctx: AppContext, id: number): Promise<AdminProduct> => (await getProductForAdmin(ctx, id))!;

/** Creates one product (ProductInput); 400 / 409 with `[{ path, message }]` details and nothing written on bad input. */
export async function createProduct(ctx: AppContext, input: ProductInput): Promise<AdminProduct> {
  const [id] = await asProductWrite(() => importProducts(ctx, [input]));
  return reread(ctx, id!);
}

/**
 * Replaces a product with `input`: translations, options, variants, prices, tier prices, attribute values,
 * categories, tags and collections. Variants whose SKU remains keep their id (orders and stock point at it);
 * the others are deleted, new SKUs get new variants. A translation without a slug keeps its current slug (a
 * renamed product keeps its URL); a missing status keeps the current one.
 */
export async function replaceProduct(ctx: AppContext, id: number, input: ProductInput): Promise<AdminProduct> {
  const current = await requireProduct(ctx, id);
  const db = ctx.db.kysely;
  const slugRows = await db.selectFrom('product_translations').select(['locale', 'slug']).where('product_id', '=', id).execute();
  const translations = input.translations && typeof input.translations === 'object'
    ? Object.fromEntries(Object.entries(input.translations).map(([locale, t]) => {
      const kept = slugRows.find((r) => r.locale === locale)?.slug;
      return [locale, t && typeof t === 'object' && !t.slug && kept ? { ...t, slug: kept } : t];
    }))
    : input.translations;
  const full: ProductInput = { ...input, translations, status: input.status ?? current.status };

  await asProductWrite(async () => {
    const prepared = await prepareProducts(ctx, [full], id);
    await db.transaction().execute((trx) => rewrite(trx, id, full, prepared, current.published_at));
  });
  await ctx.events.publish('catalog.products_changed', { productIds: [id] });
  return reread(ctx, id);
}

async function rewrite(trx: Transaction<Database>, id: number, input: ProductInput, prepared: PreparedProducts, publishedAt: string | null): Promise<void> {
  const { refs, slugs } = prepared;
  const now = new Date().toISOString();
  const skus = new Set(input.variants.map((v) => v.sku));
  const existing = await trx.selectFrom('variants').select(['id', 'sku']).where('product_id', '=', id).execute();
  const kept = new Map(existing.filter((v) => skus.has(v.sku)).map((v) => [v.sku, v.id]));
  const gone = existing.filter((v) => !skus.has(v.sku)).map((v) => v.id);
  const keptIds = [...kept.values()];

  // Clear everything below the product row except kept variants (their prices and values are rewritten) and the
  // collection memberships (curated positions survive). Option values and attribute values cascade.
  if (gone.length) await trx.deleteFrom('variants').where('id', 'in', gone).execute();
  if (keptIds.length) {
    await trx.deleteFrom('variant_prices').where('variant_id', 'in', keptIds).execute();
    await trx.deleteFrom('tier_prices').where('variant_id', 'in', keptIds).execute();
    await trx.deleteFrom('variant_option_values').where('variant_id', 'in', keptIds).execute();
  }
  await trx.deleteFrom('product_options').where('product_id', '=', id).execute();
  await trx.deleteFrom('product_attribute_values').where('product_id', '=', id).execute();
  await trx.deleteFrom('product_translations').where('product_id', '=', id).execute();
  await trx.deleteFrom('product_categories').where('product_id', '=', id).execute();
  await trx.deleteFrom('product_tags').where('product_id', '=', id).execute();
  await syncCollections(trx, id, (input.collections ?? []).map((c) => refs.collections.get(c)!));

  const status = input.status ?? 'draft';
  await trx.updateTable('products').set({
    product_type_id: input.type ? refs.types.get(input.type)! : null,
    brand_id: input.brand ? refs.brands.get(input.brand)! : null,
    primary_category_id: input.categories?.length ? refs.categories.get(input.categories[0]!)! : null,
    status,
    featured: input.featured ? 1 : 0,
    allow_backorder: input.allow_backorder ? 1 : 0,
    tax_class: input.tax_class ?? 'standard',
    updated_at: now,
    published_at: input.published_at ? new Date(input.published_at).toISOString() : publishedAt ?? (status === 'active' ? now : null),
  }).where('id', '=', id).execute();

  await writeProductDetails(trx, [input], [id], slugs, refs, { keptVariants: kept, collections: false });
}

/** Leaves memberships that remain where they are in their collection; new ones go last. */
async function syncCollections(trx: Transaction<Database>, productId: number, collectionIds: number[]): Promise<void> {
  const wanted = new Set(collectionIds);
  const current = await trx.selectFrom('collection_products').select('collection_id').where('product_id', '=', productId).execute();
  const drop = current.map((c) => c.collection_id).filter((c) => !wanted.has(c));
  if (drop.length) await trx.deleteFrom('collection_products').where('product_id', '=', productId).where('collection_id', 'in', drop).execute();
  const have = new Set(current.map((c) => c.collection_id));
  for (const collectionId of wanted) {
    if (have.has(collectionId)) continue;
    const { last } = await trx.selectFrom('collection_products')
      .select((eb) => eb.fn.max<number | null>('position').as('last'))
      .where('collection_id', '=', collectionId).executeTakeFirstOrThrow();
    await trx.insertInto('collection_products').values({ collection_id: collectionId, product_id: productId, position: last === null ? 0 : Number(last) + 1 }).execute();
  }
}

/** Changes status and/or the featured flag only; publishing for the first time sets published_at. */
export async function patchProduct(ctx: AppContext, id: number, patch: ProductPatch): Promise<AdminProduct> {
  const current = await requireProduct(ctx, id);
  const now = new Date().toISOString();
  const set: { updated_at: string; status?: ProductPatch['status']; featured?: number; published_at?: string } = { updated_at: now };
  if (patch.status) set.status = patch.status;
  if (patch.status === 'active' && !current.published_at) set.published_at = now;
  if (patch.featured !== undefined) set.featured = patch.featured ? 1 : 0;
  await ctx.db.kysely.updateTable('products').set(set).where('id', '=', id).execute();
  await ctx.events.publish('catalog.products_changed', { productIds: [id] });
  return reread(ctx, id);
}

/**
 * Deletes a product and everything that hangs off it (translations, variants with their prices, options,
 * attribute values, images with their files, reviews, ratings, relations in both directions, collection places).
 * Stock rows of its variants belong to the inventory module and are not touched here (no foreign key links them).
 */
export async function deleteProduct(ctx: AppContext, id: number): Promise<void> {
  await requireProduct(ctx, id);
  const db = ctx.db.kysely;
  const images = await db.selectFrom('product_images').select('storage_key').where('product_id', '=', id).execute();
  // The foreign keys cascade from products to every dependant table (see the catalogue migration).
  await db.deleteFrom('products').where('id', '=', id).execute();
  // After the commit: a crash here leaves unreferenced files, never a row pointing at a missing file.
  for (const image of images) await removeImageFiles(ctx.config.dataDir, image.storage_key);
  await ctx.events.publish('catalog.products_deleted', { productIds: [id] });
}
