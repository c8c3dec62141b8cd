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
import { type CursorOrder, parseKeysetCursor } from './catalog-cursor.js';
import { byIdInput, description, hasUniqueKeys, name, sku, slug, uuid } from './common.schema.js';
import { productStatus } from './enums.js';
import { currency } from './money.schema.js';
import { pageInput } from './pagination.js';
import { MAX_SEARCH_WORDS, searchWords } from './search-text.js';
import { vatRate } from './tax.js';

// --- Fields ----------------------------------------------------------------------------------------------

/**
 * Size and colour are free text ("M", "42", "TU"; "Indigo"), absent when a product comes in one only (the
 * database then holds an empty string). Lengths are the columns'.
 */
export const variantSize = z.string().trim().min(1).max(16);
export const variantColour = z.string().trim().min(1).max(40);

/** A shelf price cap that fits the price columns (32-bit), far above any garment in any currency. */
export const MAX_SHELF_PRICE = 1_000_000_000;
/** Minor units of the catalog currency. */
export const shelfPrice = z.number().int().min(0).max(MAX_SHELF_PRICE);

export const brand = z.string().trim().min(1).max(80);
/** Order among siblings (categories) or within a product (variants); lower first. */
export const position = z.number().int().min(0).max(100_000);

/** Filters take few values each: a shopper ticks a handful of sizes, not the whole size chart. */
export const MAX_FILTER_VALUES = 20;

// --- Entities --------------------------------------------------------------------------------------------

export const category = z
  .object({ id: uuid, slug, name, parentId: uuid.optional() })
  .refine((value) => value.parentId !== value.id, {
    message: 'a category cannot be its own parent',
    path: ['parentId'],
  });
export type Category = z.infer<typeof category>;

export const product = z.object({
  id: uuid,
  slug,
  name,
  description,
  categoryId: uuid,
  brand: brand.optional(),
  vatRate,
  status: productStatus,
});
export type Product = z.infer<typeof product>;

export const variant = z.object({
  id: uuid,
  productId: uuid,
  sku,
  barcode: barcode.optional(),
  size: variantSize.optional(),
  colour: variantColour.optional(),
  price: shelfPrice,
  currency,
});
export type Variant = z.infer<typeof variant>;

// --- Manager writes --------------------------------------------------------------------------------------
// Omitted fields are kept (updates) or take their default (creates); `null` clears an optional field.
// A slug left out of a create is made from the name.

export const createCategoryInput = z.object({
  name,
  slug: slug.optional(),
  parentId: uuid.nullable().optional(),
  position: position.optional(),
});
export type CreateCategoryInput = z.infer<typeof createCategoryInput>;

/** Moving is its own operation (moveCategoryInput): it is the one that can break the tree. */
export const updateCategoryInput = z.object({
  id: uuid,
  name: name.optional(),
  slug: slug.optional(),
  position: position.optional(),
});
export type UpdateCategoryInput = z.infer<typeof updateCategoryInput>;

/** `parentId: null` moves the category to the top level. */
export const moveCategoryInput = z
  .object({ id: uuid, parentId: uuid.nullable(), position: position.optional() })
  .refine((value) => value.parentId !== value.id, {
    message: 'a category cannot be its own parent',
    path: ['parentId'],
  });
export type MoveCategoryInput = z.infer<typeof moveCategoryInput>;

export const deleteCategoryInput = byIdInput;

const newVariant = z.object({
  sku,
  barcode: barcode.optional(),
  size: variantSize.optional(),
  colour: variantColour.optional(),
  price: shelfPrice,
  costPrice: shelfPrice.optional(),
  /** The catalog currency when omitted; anything else is refused (see catalog-currency.ts). */
  currency: currency.optional(),
  position: position.optional(),
  active: z.boolean().default(true),
});

export const createVariantInput = newVariant.extend({ productId: uuid });
export type CreateVariantInput = z.infer<typeof createVariantInput>;

/** Variants listed with a new product: no two with one SKU, one barcode, or one size and colour. */
const newVariants = z
  .array(newVariant)
  .max(100)
  .refine((variants) => hasUniqueKeys(variants, (item) => item.sku), 'two variants have the same SKU')
  .refine(
    (variants) =>
      hasUniqueKeys(
        variants.filter((item) => item.barcode !== undefined),
        (item) => item.barcode ?? '',
      ),
    'two variants have the same barcode',
  )
  .refine(
    (variants) => hasUniqueKeys(variants, (item) => JSON.stringify([item.size ?? '', item.colour ?? ''])),
    'two variants have the same size and colour',
  );

export const createProductInput = z.object({
  name,
  slug: slug.optional(),
  description: description.default(''),
  categoryId: uuid,
  brand: brand.optional(),
  vatRate,
  status: productStatus.default('draft'),
  variants: newVariants.default([]),
});
export type CreateProductInput = z.infer<typeof createProductInput>;

/** A product's status has its own operation (setProductStatusInput): going active has a precondition. */
export const updateProductInput = z.object({
  id: uuid,
  name: name.optional(),
  slug: slug.optional(),
  description: description.optional(),
  categoryId: uuid.optional(),
  brand: brand.nullable().optional(),
  vatRate: vatRate.optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const setProductStatusInput = z.object({ id: uuid, status: productStatus });
export type SetProductStatusInput = z.infer<typeof setProductStatusInput>;

/** A variant never changes product, nor currency (it is the catalog's). */
export const updateVariantInput = z.object({
  id: uuid,
  sku: sku.optional(),
  barcode: barcode.nullable().optional(),
  size: variantSize.nullable().optional(),
  colour: variantColour.nullable().optional(),
  price: shelfPrice.optional(),
  costPrice: shelfPrice.nullable().optional(),
  position: position.optional(),
});
export type UpdateVariantInput = z.infer<typeof updateVariantInput>;

export const setVariantActiveInput = z.object({ id: uuid, active: z.boolean() });
export type SetVariantActiveInput = z.infer<typeof setVariantActiveInput>;

export const setVariantPriceInput = z.object({ id: uuid, price: shelfPrice });
export type SetVariantPriceInput = z.infer<typeof setVariantPriceInput>;

// --- Reads -----------------------------------------------------------------------------------------------

/** A cursor must come from the same order: checked here, so that a stray one is a 400 naming the field. */
function cursorFor(orders: (input: { sort?: unknown }) => readonly CursorOrder[]) {
  return (input: { cursor?: string | undefined; sort?: unknown }, ctx: z.RefinementCtx) => {
    const { cursor } = input;
    if (cursor !== undefined && orders(input).every((order) => parseKeysetCursor(cursor, order) === null)) {
      ctx.addIssue({
        code: 'custom',
        message: 'cursor: not one this list gave out for this order',
        path: ['cursor'],
      });
    }
  };
}

/** What a search box sends: folded into at most MAX_SEARCH_WORDS words of letters and digits. */
export const searchQuery = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .transform(searchWords)
  .pipe(
    z
      .array(z.string())
      .min(1, 'search: type letters or digits')
      .max(MAX_SEARCH_WORDS, `search: at most ${MAX_SEARCH_WORDS} words`),
  );

export const productSorts = ['name', 'price-asc', 'price-desc', 'newest'] as const;
export const productSort = z.enum(productSorts);
export type ProductSort = z.infer<typeof productSort>;

/**
 * The shop's listing. Size, colour, price and stock filters apply to one variant: "M, in stock, under
 * 20,000" finds products with an active variant that is all three. Price sorts use each product's lowest
 * price among the variants that pass the filters.
 */
export const listProductsInput = pageInput
  .extend({
    /** The category and everything under it. */
    categoryId: uuid.optional(),
    sizes: z.array(variantSize).min(1).max(MAX_FILTER_VALUES).optional(),
    colours: z.array(variantColour).min(1).max(MAX_FILTER_VALUES).optional(),
    priceMin: shelfPrice.optional(),
    priceMax: shelfPrice.optional(),
    /** Some variant has stock at a web location (what the shop can ship). */
    inStock: z.boolean().optional(),
    sort: productSort.default('name'),
  })
  .superRefine((input, ctx) => {
    if (input.priceMin !== undefined && input.priceMax !== undefined && input.priceMin > input.priceMax) {
      ctx.addIssue({ code: 'custom', message: 'priceMin is above priceMax', path: ['priceMin'] });
    }
  })
  .superRefine(cursorFor((input) => [(input.sort as ProductSort | undefined) ?? 'name']));
export type ListProductsInput = z.infer<typeof listProductsInput>;

/** By relevance; a page of typo-tolerant matches when the words themselves match nothing. */
export const searchProductsInput = pageInput
  .extend({ q: searchQuery })
  .superRefine(cursorFor(() => ['relevance', 'similarity']));
export type SearchProductsInput = z.infer<typeof searchProductsInput>;

/** Search as you type: a few product names for what is typed so far. */
export const suggestProductsInput = z.object({
  q: searchQuery,
  limit: z.number().int().min(1).max(10).default(6),
});
export type SuggestProductsInput = z.infer<typeof suggestProductsInput>;

/** Variants one availability request may ask about: a product page's, with room to spare. */
export const MAX_AVAILABILITY_VARIANTS = 100;

/** The variants a product page shows, each named once. */
export const variantAvailabilityInput = z.object({
  variantIds: z
    .array(uuid)
    .min(1)
    .max(MAX_AVAILABILITY_VARIANTS)
    .refine((ids) => hasUniqueKeys(ids, (id) => id.toLowerCase()), 'each variant appears once'),
});
export type VariantAvailabilityInput = z.infer<typeof variantAvailabilityInput>;

/**
 * How many units of a variant one web checkout would accept now: 0 for a variant that is unknown, switched
 * off, of a product not on sale, or out of stock online.
 */
export interface VariantAvailability {
  variantId: string;
  available: number;
}

/** The back office's search box: the text as typed (a SKU or a barcode) and its words (a name). */
export const adminSearchQuery = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .transform((text) => ({ text, words: searchWords(text) }))
  .refine((query) => query.words.length > 0, 'search: type letters or digits')
  .refine((query) => query.words.length <= MAX_SEARCH_WORDS, `search: at most ${MAX_SEARCH_WORDS} words`);

/** The back office's product list: every status, by name; `search` also finds a SKU or a barcode. */
export const adminListProductsInput = pageInput
  .extend({
    status: productStatus.optional(),
    /** The category and everything under it. */
    categoryId: uuid.optional(),
    search: adminSearchQuery.optional(),
  })
  .superRefine(cursorFor(() => ['name']));
export type AdminListProductsInput = z.infer<typeof adminListProductsInput>;

/** A product by id or by slug: exactly one of them. */
export const productLookupInput = z
  .object({ id: uuid.optional(), slug: slug.optional() })
  .refine((value) => (value.id === undefined) !== (value.slug === undefined), {
    message: 'give the id or the slug of the product, not both',
    path: ['id'],
  });
export type ProductLookupInput = z.infer<typeof productLookupInput>;

/** What the till scanner or the cashier types: a barcode or a SKU. */
export const findVariantByCodeInput = z.object({ code: z.string().trim().min(1).max(64) });
export type FindVariantByCodeInput = z.infer<typeof findVariantByCodeInput>;
