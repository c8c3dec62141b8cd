import {
  adminListProductsInput,
  createCategoryInput,
  createProductInput,
  createVariantInput,
  deleteCategoryInput,
  moveCategoryInput,
  productLookupInput,
  setProductStatusInput,
  setVariantActiveInput,
  updateCategoryInput,
  updateProductInput,
  updateVariantInput,
} from '@allure/shared/catalog.schema';
import { allow, router } from '../trpc/trpc.js';
import { getProductForEditing, listProductsForEditing } from './catalog-admin-read.service.js';
import { variantCurrency } from './catalog-write.js';
import { createCategory, deleteCategory, moveCategory, updateCategory } from './category-admin.service.js';
import { createProduct, setProductStatus, updateProduct } from './product-admin.service.js';
import { createVariant, setVariantActive, updateVariant } from './variant-admin.service.js';

// The back office's catalog: what managers and admins read and write. The catalog is shared by every
// store, so a manager's write reaches every store's tills.
const manager = allow('admin', 'manager');

export const catalogAdminRouter = router({
  /** The currency every price is typed in (the stores'), so a form can read "12,50" before any variant exists. */
  currency: manager.query(async ({ ctx }) => ({ currency: await variantCurrency(ctx.db, []) })),
  categories: router({
    create: manager.input(createCategoryInput).mutation(({ ctx, input }) => createCategory(ctx, input)),
    update: manager.input(updateCategoryInput).mutation(({ ctx, input }) => updateCategory(ctx, input)),
    move: manager.input(moveCategoryInput).mutation(({ ctx, input }) => moveCategory(ctx, input)),
    delete: manager.input(deleteCategoryInput).mutation(({ ctx, input }) => deleteCategory(ctx, input)),
  }),
  products: router({
    /** Every status, with variant counts and price ranges; searchable by name, SKU or barcode. */
    list: manager.input(adminListProductsInput).query(({ ctx, input }) => listProductsForEditing(ctx, input)),
    /** By id or slug, any status, every variant with its cost price. */
    get: manager.input(productLookupInput).query(({ ctx, input }) => getProductForEditing(ctx, input)),
    create: manager.input(createProductInput).mutation(({ ctx, input }) => createProduct(ctx, input)),
    update: manager.input(updateProductInput).mutation(({ ctx, input }) => updateProduct(ctx, input)),
    setStatus: manager
      .input(setProductStatusInput)
      .mutation(({ ctx, input }) => setProductStatus(ctx, input)),
  }),
  variants: router({
    create: manager.input(createVariantInput).mutation(({ ctx, input }) => createVariant(ctx, input)),
    update: manager.input(updateVariantInput).mutation(({ ctx, input }) => updateVariant(ctx, input)),
    setActive: manager
      .input(setVariantActiveInput)
      .mutation(({ ctx, input }) => setVariantActive(ctx, input)),
  }),
});
