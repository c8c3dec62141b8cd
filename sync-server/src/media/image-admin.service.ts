import type { Prisma } from '@allure/db/client';
import type { Rendition } from '@allure/shared/product-image';
import type {
  FailedImagesInput,
  ListImagesInput,
  UpdateImageInput,
} from '@allure/shared/product-image.schema';
import { catalogTags } from '../catalog/catalog-tags.js';
import { published } from '../catalog/catalog-write.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { imagePrefix, type MediaStore } from './media-store.js';

// The manager's side of product images: every status (a failed one says why), reordering, the colour an
// image shows, deleting, and trying a failed one again.

export type MediaContext = Pick<Context, 'db' | 'jobs' | 'media' | 'log' | 'changeFeed' | 'cache'>;

/**
 * After an image of the product changed (the product's document includes its ready images): live
 * terminals pull it, and the shop's cached pages showing it are forgotten.
 */
export function imagesChanged(ctx: Pick<Context, 'changeFeed' | 'cache'>, productId: string): Promise<void> {
  return published(ctx, ['products'], [catalogTags.product(productId)]);
}

const imageSelect = {
  id: true,
  productId: true,
  variantId: true,
  position: true,
  status: true,
  error: true,
  contentType: true,
  byteSize: true,
  width: true,
  height: true,
  placeholder: true,
  renditions: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProductImageSelect;

type ImageRow = Prisma.ProductImageGetPayload<{ select: typeof imageSelect }>;
export type ImageForEditing = Omit<ImageRow, 'renditions'> & { renditions: Rendition[] };

const forEditing = (row: ImageRow): ImageForEditing => ({
  ...row,
  renditions: (row.renditions ?? []) as Rendition[],
});

export async function listImages(ctx: MediaContext, input: ListImagesInput): Promise<ImageForEditing[]> {
  const rows = await ctx.db.prisma.productImage.findMany({
    where: { productId: input.productId },
    select: imageSelect,
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  });
  return rows.map(forEditing);
}

/** Images whose renditions could not be made, newest first, with their product: the manager's to-do. */
export async function failedImages(ctx: MediaContext, input: FailedImagesInput) {
  const rows = await ctx.db.prisma.productImage.findMany({
    where: { status: 'failed' },
    select: { ...imageSelect, product: { select: { id: true, name: true, slug: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit,
  });
  return rows.map(({ product, ...row }) => ({ ...forEditing(row), product }));
}

/**
 * Moves an image to `position` among its product's images (the others close up around it), and/or sets
 * the variant it shows. Positions are rewritten 0..n-1 under the product's lock.
 */
export async function updateImage(ctx: MediaContext, input: UpdateImageInput): Promise<ImageForEditing[]> {
  const productId = await ctx.db.prisma.$transaction(async (tx) => {
    const image = await tx.productImage.findUnique({
      where: { id: input.id },
      select: { productId: true },
    });
    if (!image) throw new NotFoundError('Image', input.id);
    await tx.$queryRaw`SELECT id FROM product WHERE id = ${image.productId}::uuid FOR UPDATE`;
    if (input.variantId) {
      const variant = await tx.variant.findFirst({
        where: { id: input.variantId, productId: image.productId },
        select: { id: true },
      });
      if (!variant) throw new InvalidInputError(`variant ${input.variantId} is not one of this product's`);
    }
    if (input.variantId !== undefined) {
      await tx.productImage.update({ where: { id: input.id }, data: { variantId: input.variantId } });
    }
    if (input.position !== undefined) {
      const siblings = await tx.productImage.findMany({
        where: { productId: image.productId },
        select: { id: true },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
      });
      const order = siblings.map((sibling) => sibling.id).filter((id) => id !== input.id);
      order.splice(Math.min(input.position, order.length), 0, input.id);
      await tx.$executeRaw`
        UPDATE product_image i SET position = o.position - 1
          FROM unnest(${order}::uuid[]) WITH ORDINALITY AS o(id, position)
         WHERE i.id = o.id AND i.position <> o.position - 1`;
    }
    return image.productId;
  });
  await imagesChanged(ctx, productId);
  return listImages(ctx, { productId });
}

/** Deletes the image, then its files (a file left by a failure here is the orphan sweep's). */
export async function deleteImage(ctx: MediaContext, id: string): Promise<{ id: string }> {
  const deleted = await ctx.db.prisma.productImage
    .delete({ where: { id }, select: { storageKey: true, productId: true } })
    .catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'P2025') throw new NotFoundError('Image', id);
      throw error;
    });
  await imagesChanged(ctx, deleted.productId);
  await deleteImageFiles(ctx.media, id, deleted.storageKey).catch((error: unknown) =>
    ctx.log.warn({ err: error, imageId: id }, 'image files not deleted; the orphan sweep will'),
  );
  return { id };
}

export async function deleteImageFiles(store: MediaStore, imageId: string, storageKey: string) {
  const keys = [storageKey];
  for await (const object of store.list(imagePrefix(imageId))) keys.push(object.key);
  await store.delete(keys);
}

/** Tries a failed image again from its stored original. */
export async function retryImage(ctx: MediaContext, id: string): Promise<ImageForEditing> {
  const { count } = await ctx.db.prisma.productImage.updateMany({
    where: { id, status: 'failed' },
    data: { status: 'pending', error: null },
  });
  if (count === 0) {
    const exists = await ctx.db.prisma.productImage.count({ where: { id } });
    if (exists === 0) throw new NotFoundError('Image', id);
    throw new ConflictError('only a failed image can be tried again');
  }
  await ctx.jobs.renderImage(id, true);
  const row = await ctx.db.prisma.productImage.findUniqueOrThrow({ where: { id }, select: imageSelect });
  return forEditing(row);
}
