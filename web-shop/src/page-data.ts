import type { CatalogReads, Category, ProductDetail, ProductPage } from './api/shop-types.js';
import type { ListingFilters, Route } from './routes.js';

/** Products per listing page and per infinite-scroll step. */
export const LISTING_PAGE_SIZE = 24;

/**
 * What a page shows from the catalog, loaded before it renders: by the server for the first view (so the
 * HTML has the content), by the browser on later navigations. Pages about one shopper (cart, checkout,
 * orders, account) load their own data in the browser and are never cached as HTML.
 */
export type PageData =
  | { page: 'home'; newest: ProductPage }
  | { page: 'category'; category: Category; products: ProductPage }
  | { page: 'search'; q: string; products: ProductPage | null }
  | { page: 'product'; product: ProductDetail }
  | { page: 'shopper' }
  | { page: 'not-found' };

export function listingInput(category: Category, filters: ListingFilters, cursor?: string) {
  return {
    categoryId: category.id,
    limit: LISTING_PAGE_SIZE,
    sort: filters.sort,
    ...(filters.sizes.length > 0 ? { sizes: filters.sizes } : {}),
    ...(filters.colours.length > 0 ? { colours: filters.colours } : {}),
    ...(filters.inStock ? { inStock: true } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export async function loadPage(route: Route, categories: Category[], reads: CatalogReads): Promise<PageData> {
  switch (route.page) {
    case 'home':
      return { page: 'home', newest: await reads.products({ limit: 8, sort: 'newest' }) };
    case 'category': {
      const category = categories.find((candidate) => candidate.slug === route.slug);
      if (!category) return { page: 'not-found' };
      return {
        page: 'category',
        category,
        products: await reads.products(listingInput(category, route.filters)),
      };
    }
    case 'search':
      return {
        page: 'search',
        q: route.q,
        products: route.q === '' ? null : await reads.search({ q: route.q, limit: LISTING_PAGE_SIZE }),
      };
    case 'product': {
      const product = await reads.product(route.slug);
      return product ? { page: 'product', product } : { page: 'not-found' };
    }
    case 'not-found':
      return { page: 'not-found' };
    default:
      return { page: 'shopper' };
  }
}
