/**
 * Product images as every client sees them: the renditions the server makes of an upload (each width in
 * AVIF and WebP), the tiny blurred placeholder shown until one loads (or instead of it, offline), and how a
 * client picks the rendition to show.
 *
 * A rendition's `src` is either an absolute URL (object storage, a CDN) or a path on the API's own origin
 * (`/media/images/…`, images on the server's disk): resolve it against the server's address.
 */

/** Widths made of every image (never wider than the original). */
export const IMAGE_WIDTHS = [320, 640, 1280, 1920] as const;
/** Best compression first: a client offers them to the browser in this order. */
export const imageFormats = ['avif', 'webp'] as const;
export type ImageFormat = (typeof imageFormats)[number];
export const MAX_PRODUCT_IMAGES = 20;
/** Renditions of one image: every width in every format. */
export const MAX_RENDITIONS = IMAGE_WIDTHS.length * imageFormats.length;

export const imageStatuses = ['pending', 'ready', 'failed'] as const;
export type ImageStatus = (typeof imageStatuses)[number];

// Type aliases, not interfaces: they are stored as JSON columns, whose types take only plain object types.
export type Rendition = {
  format: ImageFormat;
  width: number;
  height: number;
  src: string;
};

/** A ready image: what the shop and the terminals show. */
export type ProductImage = {
  id: string;
  /** Set when the image shows one colour (one variant) rather than the product as a whole. */
  variantId: string | null;
  position: number;
  width: number;
  height: number;
  /** A data: URL of a few hundred bytes, blurred: shown at once, and whenever the image cannot load. */
  placeholder: string;
  renditions: Rendition[];
};

/**
 * The widths to make of an original `width` pixels wide: each standard width it reaches, or only its own
 * width when it is narrower than the smallest (an image is never enlarged).
 */
export function renditionWidths(width: number): number[] {
  const widths = IMAGE_WIDTHS.filter((candidate) => candidate <= width);
  return widths.length > 0 ? widths : [width];
}

/** `srcset` of one format, narrowest first (`/a-320.webp 320w, /a-640.webp 640w`). */
export function srcSet(image: Pick<ProductImage, 'renditions'>, format: ImageFormat): string {
  return image.renditions
    .filter((candidate) => candidate.format === format)
    .sort((a, b) => a.width - b.width)
    .map((candidate) => `${candidate.src} ${candidate.width}w`)
    .join(', ');
}

/**
 * The rendition to show in a box `width` CSS pixels wide: the narrowest at least that wide (the widest when
 * none is), in the first of `formats` the image has.
 */
export function renditionFor(
  image: Pick<ProductImage, 'renditions'>,
  width: number,
  formats: readonly ImageFormat[] = imageFormats,
): Rendition | undefined {
  const format = formats.find((candidate) => image.renditions.some((item) => item.format === candidate));
  const sorted = image.renditions
    .filter((candidate) => candidate.format === format)
    .sort((a, b) => a.width - b.width);
  return sorted.find((candidate) => candidate.width >= width) ?? sorted.at(-1);
}
