/** Schemas of product images: what the server sends every client, and the managers' inputs. */
import { z } from 'zod';
import { uuid } from './common.schema.js';
import {
  imageFormats,
  MAX_PRODUCT_IMAGES,
  MAX_RENDITIONS,
  type ProductImage,
  type Rendition,
} from './product-image.js';

export const rendition = z.object({
  format: z.enum(imageFormats),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  src: z.string().max(600),
}) satisfies z.ZodType<Rendition>;

/** A ready image: what the shop and the terminals show. */
export const productImage = z.object({
  id: uuid,
  /** Set when the image shows one colour (one variant) rather than the product as a whole. */
  variantId: uuid.nullable(),
  position: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  /** A data: URL of a few hundred bytes, blurred: shown at once, and whenever the image cannot load. */
  placeholder: z.string().max(2_000),
  renditions: z.array(rendition).min(1).max(MAX_RENDITIONS),
}) satisfies z.ZodType<ProductImage>;

// --- Manager inputs ----------------------------------------------------------------------------------

export const updateImageInput = z
  .object({
    id: uuid,
    position: z
      .number()
      .int()
      .min(0)
      .max(MAX_PRODUCT_IMAGES - 1)
      .optional(),
    /** The variant (colour) the image shows; null for the product as a whole. */
    variantId: uuid.nullable().optional(),
  })
  .refine((input) => input.position !== undefined || input.variantId !== undefined, {
    message: 'give a position or a variantId to change',
  });
export type UpdateImageInput = z.infer<typeof updateImageInput>;

export const listImagesInput = z.object({ productId: uuid });
export type ListImagesInput = z.infer<typeof listImagesInput>;

export const failedImagesInput = z.object({ limit: z.number().int().min(1).max(100).default(50) });
export type FailedImagesInput = z.infer<typeof failedImagesInput>;
