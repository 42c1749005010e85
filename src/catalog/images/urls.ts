// Where a product photo's web renditions live. The storefront, the admin and the JSON API build image URLs only
// through this file; the media route (./media.routes.ts) serves what these URLs name.

/** Widths offered in srcset; a rendition is made on first request and kept on disk. */
export const IMAGE_WIDTHS = [160, 320, 480, 800, 1200] as const;
export type ImageWidth = (typeof IMAGE_WIDTHS)[number];

/** AVIF and WebP for browsers that take them (all current ones); JPEG as the <img> fallback. */
export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** A storage key is the hex SHA-256 prefix of the original file: content-addressed, so URLs never go stale. */
export const STORAGE_KEY_PATTERN = /^[a-f0-9]{32}$/;

export function imageUrl(storageKey: string, width: ImageWidth, format: ImageFormat): string {
  return `/media/products/${storageKey}/${width}.${format}`;
}

/** Widths not wider than the original (a rendition is never upscaled); at least the smallest. */
export function widthsFor(originalWidth: number): ImageWidth[] {
  const fitting = IMAGE_WIDTHS.filter((w) => w <= originalWidth);
  return fitting.length > 0 ? fitting : [IMAGE_WIDTHS[0]];
}

export function srcset(storageKey: string, originalWidth: number, format: ImageFormat): string {
  return widthsFor(originalWidth).map((w) => `${imageUrl(storageKey, w, format)} ${w}w`).join(', ');
}
