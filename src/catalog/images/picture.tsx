// A product photo as a responsive <picture>: AVIF, then WebP, then a JPEG <img> with width and height (no layout
// shift) and lazy loading unless it is the page's main image.
import { imageUrl, srcset, widthsFor } from './urls.ts';

export interface PictureImage { storage_key: string; width: number; height: number; alt: string }

export interface PictureProps {
  image: PictureImage;
  /** The `sizes` attribute: how wide the image is shown, e.g. "(min-width: 800px) 25vw, 50vw". */
  sizes: string;
  /** The width the <img> falls back to, and from which width/height attributes are scaled. */
  displayWidth: number;
  /** The largest image above the fold: load it eagerly with high priority. */
  eager?: boolean;
  class?: string;
}

export function ProductPicture({ image, sizes, displayWidth, eager = false, class: className }: PictureProps) {
  const widths = widthsFor(image.width);
  const fallback = widths.find((w) => w >= displayWidth) ?? widths[widths.length - 1]!;
  const height = Math.round((image.height / image.width) * displayWidth);
  return (
    <picture class={className}>
      <source type="image/avif" srcset={srcset(image.storage_key, image.width, 'avif')} sizes={sizes} />
      <source type="image/webp" srcset={srcset(image.storage_key, image.width, 'webp')} sizes={sizes} />
      <img
        src={imageUrl(image.storage_key, fallback, 'jpeg')}
        width={displayWidth}
        height={height}
        alt={image.alt}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        {...(eager ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}
