import type { Prisma } from '@allure/db/client';
import type { ProductImage, Rendition } from '@allure/shared/product-image';

/** A product's ready images, in order: what the shop shows (the documents of terminals build theirs in SQL). */
export const readyImagesSelect = {
  select: {
    id: true,
    variantId: true,
    position: true,
    width: true,
    height: true,
    placeholder: true,
    renditions: true,
  },
  where: { status: 'ready' },
  orderBy: [{ position: 'asc' }, { id: 'asc' }],
} satisfies Prisma.Product$imagesArgs;

type ReadyImageRow = Prisma.ProductImageGetPayload<{ select: (typeof readyImagesSelect)['select'] }>;

/** A ready row has every field the job filled in. */
export function toProductImage(row: ReadyImageRow): ProductImage {
  return {
    id: row.id,
    variantId: row.variantId,
    position: row.position,
    width: row.width ?? 1,
    height: row.height ?? 1,
    placeholder: row.placeholder ?? '',
    renditions: (row.renditions ?? []) as Rendition[],
  };
}

/** The row with its `images` in the shape every client knows. */
export function withImages<T extends { images: ReadyImageRow[] }>(
  row: T,
): Omit<T, 'images'> & { images: ProductImage[] } {
  return { ...row, images: row.images.map(toProductImage) };
}
