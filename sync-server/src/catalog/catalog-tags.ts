/**
 * The cache tags of catalog reads: what a cached read shows, so that a write invalidates exactly the reads
 * that show what it changed.
 *
 * - `product:<id>`: the product's detail page and every listing, search or suggestion page it appears on.
 * - `category:<id>`: every page showing a product of that category (it shows the category's name).
 * - `listing:<category|all>`: every listing page of the category, its subcategories included, whatever
 *   the filters and order: for writes that change which products the category holds or their name order.
 * - `listing-variants:<category|all>`: the listing pages whose selection or order depends on variants
 *   beyond the products they show (price orders; size, colour, price and stock filters): for price, size
 *   and colour changes, which cannot move a product in or out of a plain name-ordered page.
 * - `search`: every search and suggestion result, for writes that change what a query finds.
 * - `categories`: the category tree.
 *
 * Stock changes invalidate nothing: in-stock filtered pages are as fresh as their kind's fresh time.
 */
export const catalogTags = {
  categories: 'categories',
  category: (categoryId: string) => `category:${categoryId}`,
  product: (productId: string) => `product:${productId}`,
  listing: (categoryId: string | undefined) => `listing:${categoryId ?? 'all'}`,
  listingVariants: (categoryId: string | undefined) => `listing-variants:${categoryId ?? 'all'}`,
  search: 'search',
};

/**
 * The listing tags a product in a category reaches: the unfiltered listing and the listing of the
 * category and of each of its ancestors (`chain`, the category first), which include it.
 */
export function listingTags(chain: readonly string[], tag = catalogTags.listing): string[] {
  return [tag(undefined), ...chain.map((categoryId) => tag(categoryId))];
}
