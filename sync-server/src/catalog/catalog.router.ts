import { listProductsInput, updateVariantInput } from '@allure/shared/catalog.schema';
import { slug } from '@allure/shared/common.schema';
import { z } from 'zod';
import { allow, publicProcedure, router } from '../trpc/trpc.js';
import { getProductBySlug, listCategories, listProducts } from './catalog.service.js';
import { setVariantPrice } from './catalog-admin.service.js';

// Public catalog reads, which the shop and terminals share, and the manager writes built so far (the rest
// of the back-office API comes with issue #5).
const publicListProductsInput = listProductsInput.pick({ limit: true, cursor: true, categoryId: true });
const setPriceInput = updateVariantInput.pick({ id: true, price: true }).required();

export const catalogRouter = router({
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx)),
  products: router({
    list: publicProcedure.input(publicListProductsInput).query(({ ctx, input }) => listProducts(ctx, input)),
    bySlug: publicProcedure
      .input(z.object({ slug }))
      .query(({ ctx, input }) => getProductBySlug(ctx, input.slug)),
  }),
  variants: router({
    /** A new shelf price; terminals receive it live, and offline sales keep the price they showed. */
    setPrice: allow('admin', 'manager')
      .input(setPriceInput)
      .mutation(({ ctx, input }) => setVariantPrice(ctx, input)),
  }),
});
