// Test helpers for photos, reviews and ratings: a minimal product written straight to the tables, real images made
// with sharp, and a multipart body builder (what a browser or curl -F sends).
import crypto from 'node:crypto';
import sharp from 'sharp';
import type { AppContext } from '../../platform/context.ts';

let serial = 0;

/** An active product with one variant and an English translation; returns its ids and slug. */
export async function makeProduct(ctx: AppContext, opts: { status?: 'active' | 'draft'; name?: string } = {}) {
  const n = ++serial;
  const db = ctx.db.kysely;
  const { id } = await db.insertInto('products').values({ status: opts.status ?? 'active' }).returning('id').executeTakeFirstOrThrow();
  const slug = `test-product-${n}-${crypto.randomBytes(3).toString('hex')}`;
  await db.insertInto('product_translations').values({ product_id: id, locale: 'en', name: opts.name ?? `Test product ${n}`, slug }).execute();
  await db.insertInto('product_translations').values({ product_id: id, locale: 'id', name: `Produk uji ${n}`, slug: `${slug}-id` }).execute();
  const variant = await db.insertInto('variants').values({ product_id: id, sku: `T-${n}-${crypto.randomBytes(3).toString('hex')}` }).returning('id').executeTakeFirstOrThrow();
  return { id, slug, variantId: variant.id };
}

let hue = 0;
/** A real image of `width`×`height` in a colour no other call uses (so each has its own storage key). */
export async function makeImage(format: 'png' | 'jpeg' | 'webp' | 'gif' | 'avif', width = 1000, height = 600): Promise<Buffer> {
  hue += 7;
  const background = { r: (hue * 13) % 256, g: (hue * 29) % 256, b: (hue * 47) % 256 };
  const img = sharp({ create: { width, height, channels: 3, background } });
  return img.toFormat(format, format === 'avif' ? { effort: 0 } : {}).toBuffer();
}

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body and its content-type header. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pasar${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** An upload of one file with optional alt texts and fields. */
export function upload(file: Buffer, fields: Record<string, string> = {}, filename = 'photo.png', contentType = 'image/png') {
  return multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', value: file, filename, contentType }]);
}
