import { type ImageFormat, type ProductImage, renditionFor, srcSet } from '@allure/shared/product-image';

/**
 * A product's picture on the till: the right rendition for the box, from the browser's HTTP cache when it
 * has it (renditions are immutable, so a cached one is shown without asking the network, offline too),
 * and the inline blurred placeholder while it loads or when it cannot be had at all (offline, never seen).
 */

export interface Thumbnail {
  src: string;
  srcSet: string;
  /** CSS pixels the box is wide, for `sizes`. */
  width: number;
  placeholder: string;
  /** For the box's aspect ratio, before anything has loaded. */
  aspectRatio: number;
}

/** AVIF when the engine decodes it (Chromium does), else WebP. */
const FORMATS: readonly ImageFormat[] = ['avif', 'webp'];

/**
 * The thumbnail `width` CSS pixels wide of a product: its first image of `variantId` (the colour on the
 * till's screen) when it has one, else its first image; null when it has no image.
 */
export function thumbnailOf(
  images: readonly ProductImage[],
  width: number,
  serverUrl: string,
  options: { variantId?: string; devicePixelRatio?: number } = {},
): Thumbnail | null {
  const image = images.find((candidate) => candidate.variantId === options.variantId) ?? images[0];
  if (!image) return null;
  const rendition = renditionFor(image, Math.ceil(width * (options.devicePixelRatio ?? 1)), FORMATS);
  if (!rendition) return null;
  // A path is on the server's own origin; object storage gives absolute URLs.
  const resolve = (src: string) => new URL(src, serverUrl).toString();
  const set = srcSet(image, rendition.format)
    .split(', ')
    .map((entry) => {
      const [src = '', descriptor = ''] = entry.split(' ');
      return `${resolve(src)} ${descriptor}`;
    })
    .join(', ');
  return {
    src: resolve(rendition.src),
    srcSet: set,
    width,
    placeholder: image.placeholder,
    aspectRatio: image.width / image.height,
  };
}

/**
 * Shows a thumbnail in an <img>: the placeholder at once as its background, the rendition over it when it
 * loads, and the placeholder alone when it cannot (the error is expected offline, not an error to report).
 */
export function showThumbnail(element: HTMLImageElement, thumbnail: Thumbnail): void {
  element.style.backgroundImage = `url("${thumbnail.placeholder}")`;
  element.style.backgroundSize = 'cover';
  element.style.aspectRatio = String(thumbnail.aspectRatio);
  element.decoding = 'async';
  element.sizes = `${thumbnail.width}px`;
  element.onerror = () => {
    element.onerror = null;
    element.removeAttribute('srcset');
    element.src = thumbnail.placeholder;
    element.dataset.fallback = 'placeholder';
  };
  element.srcset = thumbnail.srcSet;
  element.src = thumbnail.src;
}
