import { listProductsInput, searchProductsInput } from '@allure/shared/catalog.schema';
import { getProductBySlug, listCategories } from '@allure/sync-server/catalog/catalog.service';
import { listProducts } from '@allure/sync-server/catalog/product-listing.service';
import { searchProducts } from '@allure/sync-server/catalog/product-search.service';
import { NotFoundError } from '@allure/sync-server/errors';
import type { Context } from '@allure/sync-server/trpc/context';
import type { CatalogReads } from '../src/api/shop-types.js';

const NO_PRODUCTS = { items: [], nextCursor: null };

/**
 * The catalog as the server renders it: the API's own services and read cache, in this process, with
 * every input checked by the API's schemas. A query the API would refuse finds nothing here.
 */
export function serviceCatalogReads(ctx: Pick<Context, 'db' | 'cache'>): CatalogReads {
  return {
    categories: () => listCategories(ctx),
    products: async (input) => {
      const parsed = listProductsInput.safeParse(input);
      return parsed.success ? listProducts(ctx, parsed.data) : NO_PRODUCTS;
    },
    search: async (input) => {
      const parsed = searchProductsInput.safeParse(input);
      return parsed.success ? searchProducts(ctx, parsed.data) : NO_PRODUCTS;
    },
    product: (slug) =>
      getProductBySlug(ctx, slug).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
  };
}
