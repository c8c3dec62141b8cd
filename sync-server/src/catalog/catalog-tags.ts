/**
 * The cache tags of catalog reads: what a cached read shows, so that a write invalidates exactly the reads
 * that show what it changed. A product's tag covers its detail page and every listing page it appears on;
 * a listing's tag covers its pages, for writes that change which products it holds.
 */
export const catalogTags = {
  categories: 'categories',
  product: (productId: string) => `product:${productId}`,
  listing: (categoryId: string | undefined) => `listing:${categoryId ?? 'all'}`,
};
