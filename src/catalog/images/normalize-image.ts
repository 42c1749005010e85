// Turns uploaded bytes into the original Pasar keeps: the type is sniffed from the content by sharp (the client's
// content type and file name are not trusted), anything but JPEG, PNG, WebP, AVIF and GIF is refused, so are images
// over 40 megapixels (before decoding them), then the image is auto-rotated and re-encoded, which drops EXIF, GPS
// and other metadata.
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../platform/http/errors.ts';
import type { OriginalExtension } from './image-files.ts';

export const MAX_IMAGE_PIXELS = 40_000_000;
export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;

export interface NormalizedImage {
  bytes: Buffer;
  ext: OriginalExtension;
  width: number;
  height: number;
}

export interface NormalizeOptions {
  /** Largest side of the stored original; larger images are scaled down (default: kept as uploaded). */
  maxSide?: number;
}

const invalid = (message: string) => new AppError(400, 'invalid_image', message);

/** The sniffed format, or null when sharp cannot read the bytes as an image. */
async function sniff(bytes: Buffer): Promise<Metadata | null> {
  try {
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return null;
  }
}

function acceptedFormat(meta: Metadata): (typeof ACCEPTED_FORMATS)[number] | null {
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : null; // HEIC photos are not web images
  return (ACCEPTED_FORMATS as readonly string[]).includes(meta.format ?? '') ? (meta.format as (typeof ACCEPTED_FORMATS)[number]) : null;
}

export async function normalizeImage(bytes: Buffer, options: NormalizeOptions = {}): Promise<NormalizedImage> {
  if (bytes.length === 0) throw invalid('The file is empty');
  const meta = await sniff(bytes);
  if (!meta || !meta.width || !meta.height) throw invalid('The file is not an image Pasar can read');
  const format = acceptedFormat(meta);
  if (!format) throw invalid(`Images must be JPEG, PNG, WebP, AVIF or GIF (this one is ${meta.format ?? 'unknown'})`);
  const pixels = meta.width * (meta.pageHeight ?? meta.height);
  if (pixels > MAX_IMAGE_PIXELS) {
    throw new AppError(413, 'image_too_large', `The image has ${(pixels / 1e6).toFixed(1)} megapixels; at most ${MAX_IMAGE_PIXELS / 1e6} are accepted`);
  }

  // PNG and GIF (first frame) keep their lossless pixels and transparency as PNG; WebP stays WebP; JPEG and AVIF
  // become a high-quality JPEG, which every tool reads.
  let pipeline = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
  if (options.maxSide) pipeline = pipeline.resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true });
  let ext: OriginalExtension;
  if (format === 'png' || format === 'gif') {
    pipeline = pipeline.png({ compressionLevel: 6 });
    ext = 'png';
  } else if (format === 'webp') {
    pipeline = pipeline.webp({ quality: 90 });
    ext = 'webp';
  } else {
    pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 90 });
    ext = 'jpg';
  }
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { bytes: data, ext, width: info.width, height: info.height };
  } catch {
    // Headers that parse but pixel data that does not (a truncated or corrupt file).
    throw invalid('The image is damaged and cannot be decoded');
  }
}
