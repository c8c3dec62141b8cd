import {
  listProductsInput,
  searchProductsInput,
  setVariantPriceInput,
  suggestProductsInput,
  variantAvailabilityInput,
} from '@allure/shared/catalog.schema';
import { slug } from '@allure/shared/common.schema';
import { z } from 'zod';
import { allow, publicProcedure, router } from '../trpc/trpc.js';
import { getProductBySlug, listCategories } from './catalog.service.js';
import { catalogAdminRouter } from './catalog-admin.router.js';
import { listProducts } from './product-listing.service.js';
import { searchProducts, suggestProducts } from './product-search.service.js';
import { setVariantPrice } from './variant-admin.service.js';
import { variantAvailability } from './variant-availability.service.js';

// The catalog: public reads the shop and terminals share (cached, but for availability), and the back
// office under `admin`.
export const catalogRouter = router({
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx)),
  products: router({
    /** Active products, filtered (category and below, size, colour, price, stock) and sorted. */
    list: publicProcedure.input(listProductsInput).query(({ ctx, input }) => listProducts(ctx, input)),
    /** Typo-tolerant, accent-insensitive, French and English; by relevance. */
    search: publicProcedure.input(searchProductsInput).query(({ ctx, input }) => searchProducts(ctx, input)),
    /** A few names for search as you type. */
    suggest: publicProcedure
      .input(suggestProductsInput)
      .query(({ ctx, input }) => suggestProducts(ctx, input)),
    bySlug: publicProcedure
      .input(z.object({ slug }))
      .query(({ ctx, input }) => getProductBySlug(ctx, input.slug)),
    /** What the shop may offer of each variant: the units one web checkout would accept now. */
    availability: publicProcedure
      .input(variantAvailabilityInput)
      .query(({ ctx, input }) => variantAvailability(ctx, input)),
  }),
  variants: router({
    /** A new shelf price; terminals receive it live, and offline sales keep the price they showed. */
    setPrice: allow('admin', 'manager')
      .input(setVariantPriceInput)
      .mutation(({ ctx, input }) => setVariantPrice(ctx, input)),
  }),
  admin: catalogAdminRouter,
});
