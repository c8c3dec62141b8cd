import { listProductsInput } from '@allure/shared/catalog.schema';
import { slug } from '@allure/shared/common.schema';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc/trpc.js';
import { getProductBySlug, listCategories, listProducts } from './catalog.service.js';

// Public catalog reads; the shop and terminals share them. Manager writes arrive with the back-office API.
const publicListProductsInput = listProductsInput.pick({ limit: true, cursor: true, categoryId: true });

export const catalogRouter = router({
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx)),
  products: router({
    list: publicProcedure.input(publicListProductsInput).query(({ ctx, input }) => listProducts(ctx, input)),
    bySlug: publicProcedure
      .input(z.object({ slug }))
      .query(({ ctx, input }) => getProductBySlug(ctx, input.slug)),
  }),
});
