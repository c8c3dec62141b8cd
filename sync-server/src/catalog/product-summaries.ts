import type { Database, Prisma } from '@allure/db/client';
import type { ProductImage } from '@allure/shared/product-image';
import { readyImagesSelect, withImages } from '../media/ready-images.js';
import { catalogTags } from './catalog-tags.js';

// What the shop shows of a product: in lists (summary) and on its page (detail). Lists find the ids of a
// page with SQL of their own, then load the summaries here, one query per relation whatever the page size.

const variantSummarySelect = {
  id: true,
  sku: true,
  barcode: true,
  size: true,
  colour: true,
  price: true,
  currency: true,
} satisfies Prisma.VariantSelect;

export const productSummarySelect = {
  id: true,
  slug: true,
  name: true,
  brand: true,
  category: { select: { id: true, slug: true, name: true } },
  variants: {
    select: variantSummarySelect,
    where: { active: true },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  },
  /** The first image only: a list shows one picture per product. */
  images: { ...readyImagesSelect, take: 1 },
} satisfies Prisma.ProductSelect;

export const productDetailSelect = {
  ...productSummarySelect,
  description: true,
  vatRate: true,
  images: readyImagesSelect,
} satisfies Prisma.ProductSelect;

/** Images in the shape every client knows (`withImages`). */
type Shown<T> = Omit<T, 'images'> & { images: ProductImage[] };
export type ProductSummary = Shown<Prisma.ProductGetPayload<{ select: typeof productSummarySelect }>>;
export type ProductDetail = Shown<Prisma.ProductGetPayload<{ select: typeof productDetailSelect }>>;

/** The summaries of `ids`, in that order; ids of products gone since are skipped. */
export async function loadSummaries(db: Database, ids: readonly string[]): Promise<ProductSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.product.findMany({
    select: productSummarySelect,
    where: { id: { in: [...ids] } },
  });
  const byId = new Map(rows.map((row) => [row.id, withImages(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** What a page of products shows: each product, and each product's category (its name is on the page). */
export function shownTags(items: readonly { id: string; category: { id: string } }[]): string[] {
  const categories = new Set(items.map((item) => item.category.id));
  return [
    ...items.map((item) => catalogTags.product(item.id)),
    ...[...categories].map((categoryId) => catalogTags.category(categoryId)),
  ];
}
