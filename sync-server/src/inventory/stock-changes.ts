import { catalogTags } from '../catalog/catalog-tags.js';
import type { ChangeScope } from '../sync/change-feed.js';
import type { Context } from '../trpc/context.js';

/** What a committed stock write changed, for the live terminals and the public catalog cache. */
export interface StockChanges {
  /** Stores whose locations' levels changed (a location without a store is not replicated to tills). */
  storeIds: Iterable<string | null>;
  /** Products whose variants' stock changed: their cached pages show availability. */
  productIds: Iterable<string>;
  /**
   * Categories of products whose web stock went from none to some or back: the in-stock listing gains or
   * loses them, which a product's own tag does not cover.
   */
  listingCategoryIds: Iterable<string>;
  /** Variant rows changed too (a receipt's new cost price). */
  variants: boolean;
}

/** After the commit: never before, or a terminal could pull before the change is visible. */
export async function announceStockChanges(
  ctx: Pick<Context, 'changeFeed' | 'cache'>,
  changes: StockChanges,
): Promise<void> {
  const scopes: ChangeScope[] = [...new Set(changes.storeIds)].flatMap((storeId) =>
    storeId === null ? [] : [{ collection: 'stock' as const, storeId }],
  );
  if (changes.variants) scopes.push({ collection: 'variants', storeId: null });
  const categories = [...new Set(changes.listingCategoryIds)];
  const tags = [
    ...[...new Set(changes.productIds)].map(catalogTags.product),
    ...categories.map((categoryId) => catalogTags.listing(categoryId)),
    ...(categories.length > 0 ? [catalogTags.listing(undefined)] : []),
  ];
  await Promise.all([ctx.changeFeed.announce(scopes), ctx.cache.invalidate(tags)]);
}
