import { NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { catalogTags } from './catalog-tags.js';

// Manager writes to the catalog, which every store shares. The change-log and price-history triggers
// record every write; after the commit, the announcement gets it to the live terminals within
// milliseconds and the cache forgets the reads that showed it.

export async function setVariantPrice(
  ctx: Pick<Context, 'db' | 'changeFeed' | 'cache'>,
  input: { id: string; price: number },
) {
  const variant = await ctx.db.prisma.variant
    .update({
      where: { id: input.id },
      data: { price: input.price },
      select: { id: true, productId: true, sku: true, price: true, currency: true, updatedAt: true },
    })
    .catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'P2025') throw new NotFoundError('Variant', input.id);
      throw error;
    });
  await Promise.all([
    ctx.changeFeed.announce([{ collection: 'variants', storeId: null }]),
    ctx.cache.invalidate([catalogTags.product(variant.productId)]),
  ]);
  const { productId: _product, ...updated } = variant;
  return updated;
}
