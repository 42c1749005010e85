// Product photos: store an upload, change its alt texts, variant and position, reorder, delete. Files are written
// before the rows and removed again when the rows cannot be written, so a failed upload leaves nothing behind;
// `catalog.products_changed` follows every committed change (listings show the first photo).
import fs from 'node:fs/promises';
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { originalPath, removeImageFiles, storageKeyOf, writeFileAtomic } from './image-files.ts';
import {
  altsOf,
  deleteImageRow,
  findImage,
  findImageByKey,
  imagesOf,
  insertImage,
  productExists,
  setVariant,
  variantBelongsTo,
  writeAlts,
  writePositions,
  type Db,
  type ImageRow,
} from './images.repository.ts';
import { normalizeImage } from './normalize-image.ts';
import { imageUrl, widthsFor } from './urls.ts';

export const MAX_ALT_LENGTH = 300;

export interface StoreImageOptions {
  /** Alt text per locale; empty texts are left out. */
  alt?: Record<string, string>;
  variantId?: number | null;
  /** 0-based place among the product's photos; default: after the last. */
  position?: number;
  /** Scale the stored original down to this longest side (the demo seed stores 800 px originals). */
  maxSide?: number;
  /** false for bulk loads (the demo seed) that rebuild the search index once at the end. Default true. */
  publishEvents?: boolean;
}

export interface StoredImage {
  id: number;
  storage_key: string;
  width: number;
  height: number;
}

export interface ProductImage extends StoredImage {
  product_id: number;
  variant_id: number | null;
  position: number;
  created_at: string;
  alt: Record<string, string>;
  /** The largest JPEG rendition, for previews. */
  url: string;
}

export interface ImagePatch {
  /** Alt texts to set; `null` or an empty string removes that locale's text. */
  alt?: Record<string, string | null>;
  position?: number;
  variant_id?: number | null;
}

const altProblem = (locale: string, message: string) =>
  new AppError(400, 'validation_failed', `alt.${locale}: ${message}`, [{ path: `/alt/${locale}`, message }]);

/** Alt texts trimmed, whitespace collapsed, locales and lengths checked; empty → null (remove). */
export function cleanAlts(alt: Record<string, unknown> | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [locale, value] of Object.entries(alt ?? {})) {
    if (!(SUPPORTED_LOCALES as readonly string[]).includes(locale)) throw altProblem(locale, `unknown locale (use ${SUPPORTED_LOCALES.join(', ')})`);
    if (value !== null && typeof value !== 'string') throw altProblem(locale, 'must be a string');
    const text = (value ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
    if (text.length > MAX_ALT_LENGTH) throw altProblem(locale, `at most ${MAX_ALT_LENGTH} characters`);
    out[locale] = text || null;
  }
  return out;
}

function checkPosition(position: number | undefined): void {
  if (position !== undefined && (!Number.isInteger(position) || position < 0 || position > 10_000)) {
    throw new AppError(400, 'validation_failed', 'position must be an integer from 0', [{ path: '/position', message: 'must be an integer from 0' }]);
  }
}

async function requireProduct(db: Db, productId: number): Promise<void> {
  if (!(await productExists(db, productId))) throw notFound('Product', { id: productId });
}

async function requireVariant(db: Db, productId: number, variantId: number | null | undefined): Promise<void> {
  if (variantId === null || variantId === undefined) return;
  if (!Number.isInteger(variantId) || !(await variantBelongsTo(db, productId, variantId))) {
    throw new AppError(400, 'unknown_variant', `Variant ${variantId} is not a variant of product ${productId}`, [{ path: '/variant_id', message: 'not a variant of this product' }]);
  }
}

/** `ids` with `id` moved to `position` (clamped to the list). */
function moved(ids: number[], id: number, position: number): number[] {
  const rest = ids.filter((x) => x !== id);
  rest.splice(Math.min(position, rest.length), 0, id);
  return rest;
}

function toProductImage(row: ImageRow, alt: Record<string, string>): ProductImage {
  const widths = widthsFor(row.width);
  return {
    id: row.id,
    product_id: row.product_id,
    variant_id: row.variant_id,
    storage_key: row.storage_key,
    width: row.width,
    height: row.height,
    position: row.position,
    created_at: row.created_at,
    alt,
    url: imageUrl(row.storage_key, widths[widths.length - 1]!, 'jpeg'),
  };
}

async function fileExists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

/**
 * Validates and stores a product photo: sniffed with sharp (400 for anything that is not a JPEG, PNG, WebP, AVIF or
 * GIF, 413 over 40 megapixels), stripped of metadata, auto-rotated, kept under DATA_DIR/media/originals and named
 * by its content. 404 for an unknown product, 409 when the same picture is already stored.
 */
export async function storeProductImage(ctx: AppContext, productId: number, data: Buffer, options: StoreImageOptions = {}): Promise<StoredImage> {
  const db = ctx.db.kysely;
  const alt = cleanAlts(options.alt);
  checkPosition(options.position);
  await requireProduct(db, productId);
  await requireVariant(db, productId, options.variantId);

  const image = await normalizeImage(data, { maxSide: options.maxSide });
  const key = storageKeyOf(image.bytes);
  const existing = await findImageByKey(db, key);
  if (existing) throw duplicate(existing);

  const file = originalPath(ctx.config.dataDir, key, image.ext);
  const hadFile = await fileExists(file); // an orphan from an interrupted upload: reuse it, never delete it
  if (!hadFile) await writeFileAtomic(file, image.bytes);
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      const ids = (await imagesOf(trx, productId)).map((r) => r.id);
      const imageId = await insertImage(trx, {
        product_id: productId,
        variant_id: options.variantId ?? null,
        storage_key: key,
        width: image.width,
        height: image.height,
        position: ids.length,
      });
      await writeAlts(trx, imageId, alt);
      if (options.position !== undefined && options.position < ids.length) {
        await writePositions(trx, productId, moved([...ids, imageId], imageId, options.position));
      }
      return imageId;
    });
  } catch (err) {
    if (!hadFile) await fs.rm(file, { force: true });
    const raced = await findImageByKey(db, key);
    if (raced) throw duplicate(raced);
    throw err;
  }
  if (options.publishEvents !== false) await ctx.events.publish('catalog.products_changed', { productIds: [productId] });
  return { id, storage_key: key, width: image.width, height: image.height };
}

function duplicate(existing: { id: number; product_id: number }): AppError {
  return new AppError(409, 'duplicate_image', `This picture is already stored (image ${existing.id} of product ${existing.product_id})`, existing);
}

/** A product's photos in display order with their alt texts (two queries); 404 for an unknown product. */
export async function listProductImages(ctx: AppContext, productId: number): Promise<ProductImage[]> {
  const db = ctx.db.kysely;
  await requireProduct(db, productId);
  const rows = await imagesOf(db, productId);
  const alts = await altsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toProductImage(r, alts.get(r.id)!));
}

export async function getProductImage(ctx: AppContext, productId: number, imageId: number): Promise<ProductImage> {
  const row = await findImage(ctx.db.kysely, productId, imageId);
  if (!row) throw notFound('Image', { product_id: productId, id: imageId });
  return toProductImage(row, (await altsOf(ctx.db.kysely, [row.id])).get(row.id)!);
}

/** Changes alt texts, the variant and/or the position of one photo, in one transaction. */
export async function updateProductImage(ctx: AppContext, productId: number, imageId: number, patch: ImagePatch): Promise<ProductImage> {
  const alt = cleanAlts(patch.alt);
  checkPosition(patch.position);
  const db = ctx.db.kysely;
  if (!(await findImage(db, productId, imageId))) throw notFound('Image', { product_id: productId, id: imageId });
  await requireVariant(db, productId, patch.variant_id);
  await db.transaction().execute(async (trx) => {
    await writeAlts(trx, imageId, alt);
    if (patch.variant_id !== undefined) await setVariant(trx, imageId, patch.variant_id);
    if (patch.position !== undefined) {
      const ids = (await imagesOf(trx, productId)).map((r) => r.id);
      await writePositions(trx, productId, moved(ids, imageId, patch.position));
    }
  });
  await ctx.events.publish('catalog.products_changed', { productIds: [productId] });
  return getProductImage(ctx, productId, imageId);
}

export async function updateImageAlt(ctx: AppContext, productId: number, imageId: number, alt: Record<string, string | null>): Promise<ProductImage> {
  return updateProductImage(ctx, productId, imageId, { alt });
}

/** Puts the product's photos in the order of `imageIds`, which must name each of them exactly once. */
export async function reorderImages(ctx: AppContext, productId: number, imageIds: number[]): Promise<ProductImage[]> {
  const db = ctx.db.kysely;
  await requireProduct(db, productId);
  await db.transaction().execute(async (trx) => {
    const current = (await imagesOf(trx, productId)).map((r) => r.id);
    const same = imageIds.length === current.length && new Set(imageIds).size === imageIds.length && imageIds.every((id) => current.includes(id));
    if (!same) {
      throw new AppError(400, 'validation_failed', `The new order must name each of the product's images exactly once (${current.join(', ')})`, [
        { path: '/image_ids', message: 'must name each image of the product exactly once' },
      ]);
    }
    await writePositions(trx, productId, imageIds);
  });
  await ctx.events.publish('catalog.products_changed', { productIds: [productId] });
  return listProductImages(ctx, productId);
}

/** Deletes a photo, its alt texts, its original and its renditions; the others close the gap. */
export async function deleteProductImage(ctx: AppContext, productId: number, imageId: number): Promise<void> {
  const db = ctx.db.kysely;
  const row = await findImage(db, productId, imageId);
  if (!row) throw notFound('Image', { product_id: productId, id: imageId });
  await db.transaction().execute(async (trx) => {
    await deleteImageRow(trx, imageId);
    await writePositions(trx, productId, (await imagesOf(trx, productId)).map((r) => r.id));
  });
  // After the commit: a crash here leaves unreferenced files, never a row pointing at a missing file.
  await removeImageFiles(ctx.config.dataDir, row.storage_key);
  await ctx.events.publish('catalog.products_changed', { productIds: [productId] });
}
