import { type ProductImage, srcSet } from '@allure/shared/product-image';

/** The product page's main photo: the whole column on phones, about half a wide page. */
export const MAIN_IMAGE_SIZES = '(min-width: 56rem) 32rem, 100vw';

/** A rendition's address: a path on the API's origin (its disk store) or already absolute (a CDN). */
export function mediaUrl(apiUrl: string, src: string): string {
  return src.startsWith('/') ? `${apiUrl}${src}` : src;
}

/** `srcset` of each format, with absolute addresses. */
export function pictureSources(apiUrl: string, image: ProductImage) {
  const absolute = {
    renditions: image.renditions.map((item) => ({ ...item, src: mediaUrl(apiUrl, item.src) })),
  };
  return { avif: srcSet(absolute, 'avif'), webp: srcSet(absolute, 'webp') };
}

/** What the page's head preloads of the main photo: the format the `<picture>` will pick first. */
export function mainImagePreload(apiUrl: string, image: ProductImage) {
  const sources = pictureSources(apiUrl, image);
  return sources.avif
    ? { srcset: sources.avif, sizes: MAIN_IMAGE_SIZES, type: 'image/avif' }
    : { srcset: sources.webp, sizes: MAIN_IMAGE_SIZES, type: 'image/webp' };
}
