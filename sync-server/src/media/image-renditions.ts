import { createHash } from 'node:crypto';
import { type ImageFormat, imageFormats, renditionWidths } from '@allure/shared/product-image';
import sharp, { type Metadata, type OutputInfo, type Sharp, type SharpOptions } from 'sharp';

/**
 * Renditions of one original: every standard width it reaches in AVIF and WebP, and a blurred placeholder.
 * The original is decoded once, already shrunk to the widest rendition (JPEG and WebP decode at a fraction
 * of their size directly), turned upright by its EXIF orientation and into sRGB; every rendition is made
 * from that. Outputs carry no metadata (no GPS position, no camera serial): sharp writes none unless asked.
 */

export interface RenderedFile {
  format: ImageFormat;
  width: number;
  height: number;
  bytes: Buffer;
  /** Content hash, for the file's name. */
  hash: string;
}

export interface RenderedImage {
  /** Of the original, upright. */
  width: number;
  height: number;
  placeholder: string;
  files: RenderedFile[];
}

const PLACEHOLDER_WIDTH = 24;
const encoders: Record<ImageFormat, (image: Sharp) => Sharp> = {
  // Effort 2 of 9: a 1920-px AVIF in well under a second, files a few percent larger than at the default.
  avif: (image) => image.avif({ quality: 55, effort: 2 }),
  webp: (image) => image.webp({ quality: 80, effort: 4 }),
};

export const contentHash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** A problem with the file itself (not decodable): retrying cannot help. */
export class UndecodableImageError extends Error {}

/** The original's size as shown: EXIF orientations 5 to 8 turn it a quarter. */
export function uprightSize(metadata: Metadata): { width: number; height: number } {
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  return (metadata.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

export async function renderImage(path: string, maxPixels: number): Promise<RenderedImage> {
  const options = { limitInputPixels: maxPixels, sequentialRead: true } satisfies SharpOptions;
  let base: { data: Buffer; info: OutputInfo };
  let size: { width: number; height: number };
  try {
    size = uprightSize(await sharp(path, options).metadata());
    const widest = Math.max(...renditionWidths(size.width));
    base = await sharp(path, options)
      .rotate()
      .resize({ width: widest, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new UndecodableImageError(`the image could not be decoded: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const raw = { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } };
  const files: RenderedFile[] = [];
  for (const width of renditionWidths(size.width)) {
    for (const format of imageFormats) {
      const { data, info } = await encoders[format](sharp(base.data, raw).resize({ width })).toBuffer({
        resolveWithObject: true,
      });
      files.push({ format, width: info.width, height: info.height, bytes: data, hash: contentHash(data) });
    }
  }
  const tiny = await sharp(base.data, raw)
    .resize({ width: PLACEHOLDER_WIDTH })
    .blur(1)
    .webp({ quality: 40 })
    .toBuffer();
  return { ...size, placeholder: `data:image/webp;base64,${tiny.toString('base64')}`, files };
}
