/**
 * The catalogue: categories (a tree), products (what a customer calls a "robe wax"), and variants (one size
 * and colour of a product, with its own SKU, barcode and price). Stock, order lines and prices are always
 * per variant.
 *
 * A variant's price is in minor units of its currency, at shelf price: tax-inclusive in stores whose
 * prices include tax. The VAT rate belongs to the product.
 */
import { z } from 'zod';
import { barcode } from './barcode.js';
import { description, name, searchText, sku, slug, uuid } from './common.schema.js';
import { currency } from './currency.js';
import { productStatus } from './enums.js';
import { nonNegativeAmount } from './money.js';
import { pageInput } from './pagination.js';
import { vatRate } from './tax.js';

export const category = z
  .object({ id: uuid, slug, name, parentId: uuid.optional() })
  .refine((value) => value.parentId !== value.id, {
    message: 'a category cannot be its own parent',
    path: ['parentId'],
  });
export type Category = z.infer<typeof category>;

export const createCategoryInput = z.object({ slug, name, parentId: uuid.optional() });
export type CreateCategoryInput = z.infer<typeof createCategoryInput>;

/** Omitted fields are kept; `parentId: null` moves the category to the top level. */
export const updateCategoryInput = z
  .object({ id: uuid, slug: slug.optional(), name: name.optional(), parentId: uuid.nullable().optional() })
  .refine((value) => value.parentId !== value.id, {
    message: 'a category cannot be its own parent',
    path: ['parentId'],
  });
export type UpdateCategoryInput = z.infer<typeof updateCategoryInput>;

export const product = z.object({
  id: uuid,
  slug,
  name,
  description,
  categoryId: uuid,
  vatRate,
  status: productStatus,
});
export type Product = z.infer<typeof product>;

export const createProductInput = product
  .omit({ id: true })
  .extend({ status: productStatus.default('draft') });
export type CreateProductInput = z.input<typeof createProductInput>;

export const updateProductInput = product.omit({ id: true }).partial().extend({ id: uuid });
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const listProductsInput = pageInput.extend({
  categoryId: uuid.optional(),
  status: productStatus.optional(),
  search: searchText.optional(),
});
export type ListProductsInput = z.infer<typeof listProductsInput>;

/** Size and colour are free text ("M", "42", "TU"; "Indigo") and absent when a product has one only. */
const variantOption = z.string().trim().min(1).max(40);

export const variant = z.object({
  id: uuid,
  productId: uuid,
  sku,
  barcode: barcode.optional(),
  size: variantOption.optional(),
  colour: variantOption.optional(),
  price: nonNegativeAmount,
  currency,
});
export type Variant = z.infer<typeof variant>;

export const createVariantInput = variant.omit({ id: true });
export type CreateVariantInput = z.infer<typeof createVariantInput>;

/** Omitted fields are kept; `null` clears barcode, size or colour. A variant never changes product. */
export const updateVariantInput = z.object({
  id: uuid,
  sku: sku.optional(),
  barcode: barcode.nullable().optional(),
  size: variantOption.nullable().optional(),
  colour: variantOption.nullable().optional(),
  price: nonNegativeAmount.optional(),
  currency: currency.optional(),
});
export type UpdateVariantInput = z.infer<typeof updateVariantInput>;

export const listVariantsInput = pageInput.extend({
  productId: uuid.optional(),
  search: searchText.optional(),
});
export type ListVariantsInput = z.infer<typeof listVariantsInput>;

/** What the till scanner or the cashier types: a barcode or a SKU. */
export const findVariantByCodeInput = z.object({ code: z.string().trim().min(1).max(64) });
export type FindVariantByCodeInput = z.infer<typeof findVariantByCodeInput>;
