import type { CacheKind } from '../cache/read-cache.js';
import { NotFoundError } from '../errors.js';
import { withImages } from '../media/ready-images.js';
import type { Context } from '../trpc/context.js';
import { catalogTags } from './catalog-tags.js';
import { type ProductDetail, productDetailSelect } from './product-summaries.js';

// Public catalog reads, through the read cache: the category tree and a product's page. Listing and
// search are in their own files.

/** How long each kind of read is served as is, then served stale while it is refreshed. */
export const catalogCacheKinds = {
  categories: { name: 'categories', freshMs: 5 * 60_000, staleMs: 60 * 60_000 },
  productPage: { name: 'product-page', freshMs: 30_000, staleMs: 10 * 60_000 },
  productDetail: { name: 'product-detail', freshMs: 60_000, staleMs: 10 * 60_000 },
  // Searches are many and each is asked less often than a listing page: kept for less long.
  productSearch: { name: 'product-search', freshMs: 30_000, staleMs: 5 * 60_000 },
  productSuggest: { name: 'product-suggest', freshMs: 60_000, staleMs: 10 * 60_000 },
} satisfies Record<string, CacheKind>;

export async function listCategories(ctx: Pick<Context, 'db' | 'cache'>) {
  return ctx.cache.read(catalogCacheKinds.categories, 'all', async () => ({
    value: await ctx.db.prisma.category.findMany({
      select: { id: true, slug: true, name: true, parentId: true },
      orderBy: [{ position: 'asc' }, { name: 'asc' }],
      take: 500,
    }),
    tags: [catalogTags.categories],
  }));
}

/** An active product's page. */
export async function getProductBySlug(
  ctx: Pick<Context, 'db' | 'cache'>,
  slug: string,
): Promise<ProductDetail> {
  return ctx.cache.read(catalogCacheKinds.productDetail, slug, async () => {
    const found = await ctx.db.prisma.product.findFirst({
      select: productDetailSelect,
      where: { slug, status: 'active' },
    });
    // A missing product is not cached: the slug may be created any moment.
    if (!found) throw new NotFoundError('Product', slug);
    return {
      value: withImages(found),
      tags: [catalogTags.product(found.id), catalogTags.category(found.category.id)],
    };
  });
}
