// The SQL of product photos: product_images and their alt texts per locale.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

export type Db = Kysely<Database> | Transaction<Database>;

export interface ImageRow {
  id: number;
  product_id: number;
  variant_id: number | null;
  storage_key: string;
  width: number;
  height: number;
  position: number;
  created_at: string;
}

const IMAGE_COLUMNS = ['id', 'product_id', 'variant_id', 'storage_key', 'width', 'height', 'position', 'created_at'] as const;

export async function productExists(db: Db, productId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst());
}

export async function variantBelongsTo(db: Db, productId: number, variantId: number): Promise<boolean> {
  return Boolean(
    await db.selectFrom('variants').select('id').where('id', '=', variantId).where('product_id', '=', productId).executeTakeFirst(),
  );
}

export async function findImageByKey(db: Db, storageKey: string): Promise<{ id: number; product_id: number } | undefined> {
  return db.selectFrom('product_images').select(['id', 'product_id']).where('storage_key', '=', storageKey).executeTakeFirst();
}

export async function findImage(db: Db, productId: number, imageId: number): Promise<ImageRow | undefined> {
  return db.selectFrom('product_images').select(IMAGE_COLUMNS).where('id', '=', imageId).where('product_id', '=', productId).executeTakeFirst();
}

/** A product's images in display order. */
export async function imagesOf(db: Db, productId: number): Promise<ImageRow[]> {
  return db.selectFrom('product_images').select(IMAGE_COLUMNS).where('product_id', '=', productId).orderBy('position').orderBy('id').execute();
}

/** Alt texts of the given images: image id → locale → alt. */
export async function altsOf(db: Db, imageIds: number[]): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>(imageIds.map((id) => [id, {}]));
  if (imageIds.length === 0) return out;
  const rows = await db.selectFrom('product_image_translations').select(['image_id', 'locale', 'alt']).where('image_id', 'in', imageIds).orderBy('locale').execute();
  for (const r of rows) out.get(r.image_id)![r.locale] = r.alt;
  return out;
}

export async function insertImage(
  db: Db,
  row: { product_id: number; variant_id: number | null; storage_key: string; width: number; height: number; position: number },
): Promise<number> {
  const inserted = await db.insertInto('product_images').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Sets (non-empty) or removes (null) alt texts of one image. */
export async function writeAlts(db: Db, imageId: number, alt: Record<string, string | null>): Promise<void> {
  const locales = Object.keys(alt);
  if (locales.length === 0) return;
  await db.deleteFrom('product_image_translations').where('image_id', '=', imageId).where('locale', 'in', locales).execute();
  const rows = Object.entries(alt).flatMap(([locale, text]) => (text ? [{ image_id: imageId, locale, alt: text }] : []));
  if (rows.length > 0) await db.insertInto('product_image_translations').values(rows).execute();
}

/** Gives the product's images the positions 0, 1, 2… in the order of `orderedIds`. */
export async function writePositions(db: Db, productId: number, orderedIds: number[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await db.updateTable('product_images').set({ position }).where('id', '=', id).where('product_id', '=', productId).execute();
  }
}

export async function setVariant(db: Db, imageId: number, variantId: number | null): Promise<void> {
  await db.updateTable('product_images').set({ variant_id: variantId }).where('id', '=', imageId).execute();
}

export async function deleteImageRow(db: Db, imageId: number): Promise<void> {
  await db.deleteFrom('product_image_translations').where('image_id', '=', imageId).execute();
  await db.deleteFrom('product_images').where('id', '=', imageId).execute();
}
