import type {
  CreateVariantInput,
  SetVariantActiveInput,
  SetVariantPriceInput,
  UpdateVariantInput,
} from '@allure/shared/catalog.schema';
import type { ProductStatus } from '@allure/shared/enums';
import type { SyncCollection } from '@allure/shared/sync.schema';
import { NotFoundError } from '../errors.js';
import { type VariantForEditing, variantEditSelect } from './catalog-admin-read.service.js';
import { catalogTags, listingTags } from './catalog-tags.js';
import {
  type CatalogClient,
  categoryChain,
  explained,
  isMissingRecord,
  published,
  variantCurrency,
  type WriteContext,
} from './catalog-write.js';
import { codeConflicts, takenCodes } from './variant-codes.js';

// Manager writes to variants: the sellable units the tills scan and price. Terminals get every change live
// (offline sales keep the price they showed). The cache forgets the product's pages, and the listings of
// its category when what they select or order on moved: its prices, sizes, colours, or whether it can be
// sold at all. The product's search text follows its active variants' colours (by trigger).

/** What of a product the shop's reads depend on, before and after a variant write. */
interface ProductShown {
  id: string;
  status: ProductStatus;
  categoryId: string;
  searchText: string;
  activeVariants: number;
}

async function productShown(client: CatalogClient, productId: string): Promise<ProductShown | null> {
  const product = await client.product.findUnique({
    where: { id: productId },
    select: {
      id: true,
      status: true,
      categoryId: true,
      searchText: true,
      _count: { select: { variants: { where: { active: true } } } },
    },
  });
  return product && { ...product, activeVariants: product._count.variants };
}

/**
 * After the commit. `selection`: the write changed what variant filters and price orders see (a price,
 * a size or colour, a variant added or switched on or off).
 */
async function publishVariantWrite(ctx: WriteContext, before: ProductShown, selection: boolean) {
  const after = (await productShown(ctx.db.prisma, before.id)) ?? before;
  const searchMoved = after.searchText !== before.searchText;
  const collections: SyncCollection[] = searchMoved ? ['variants', 'products'] : ['variants'];
  const tags = [catalogTags.product(before.id)];
  if (after.status === 'active') {
    const sellable = (product: ProductShown) => product.activeVariants > 0;
    const membership = sellable(before) !== sellable(after);
    if (membership || selection) {
      const chain = await categoryChain(ctx.db.prisma, after.categoryId);
      tags.push(...listingTags(chain, membership ? catalogTags.listing : catalogTags.listingVariants));
    }
    if (searchMoved || membership) tags.push(catalogTags.search);
  }
  await published(ctx, collections, tags);
}

export async function createVariant(
  ctx: WriteContext,
  input: CreateVariantInput,
): Promise<VariantForEditing> {
  const before = await productShown(ctx.db.prisma, input.productId);
  if (!before) throw new NotFoundError('Product', input.productId);
  const currency = await variantCurrency(ctx.db, input.currency ? [input.currency] : []);
  const taken = await takenCodes(ctx.db, [input]);
  if (taken) throw taken;
  const last = await ctx.db.prisma.variant.aggregate({
    where: { productId: input.productId },
    _max: { position: true },
  });
  const variant = await ctx.db.prisma.variant
    .create({
      data: {
        productId: input.productId,
        sku: input.sku,
        barcode: input.barcode ?? null,
        size: input.size ?? '',
        colour: input.colour ?? '',
        price: input.price,
        costPrice: input.costPrice ?? null,
        currency,
        position: input.position ?? (last._max.position ?? -1) + 1,
        active: input.active,
      },
      select: variantEditSelect,
    })
    .catch((error: unknown) => {
      throw explained(error, {
        ...codeConflicts,
        variant_product_id_fkey: () => new NotFoundError('Product', input.productId),
      });
    });
  await publishVariantWrite(ctx, before, variant.active);
  return variant;
}

/** Codes, size and colour, prices, position; `null` clears a barcode, size, colour or cost price. */
export async function updateVariant(
  ctx: WriteContext,
  input: UpdateVariantInput,
): Promise<VariantForEditing> {
  const current = await ctx.db.prisma.variant.findUnique({
    where: { id: input.id },
    select: { productId: true, size: true, colour: true, price: true, active: true },
  });
  if (!current) throw new NotFoundError('Variant', input.id);
  const before = await productShown(ctx.db.prisma, current.productId);
  if (!before) throw new NotFoundError('Variant', input.id);
  const taken = await takenCodes(ctx.db, [input], input.id);
  if (taken) throw taken;
  const variant = await ctx.db.prisma.variant
    .update({
      where: { id: input.id },
      data: {
        sku: input.sku,
        barcode: input.barcode,
        size: input.size === null ? '' : input.size,
        colour: input.colour === null ? '' : input.colour,
        price: input.price,
        costPrice: input.costPrice,
        position: input.position,
      },
      select: variantEditSelect,
    })
    .catch((error: unknown) => {
      if (isMissingRecord(error)) throw new NotFoundError('Variant', input.id);
      throw explained(error, codeConflicts);
    });
  const selection =
    variant.active &&
    (variant.price !== current.price || variant.size !== current.size || variant.colour !== current.colour);
  await publishVariantWrite(ctx, before, selection);
  return variant;
}

/** Off sale (no longer sold nor shown) or back on sale; kept either way for past orders. */
export async function setVariantActive(
  ctx: WriteContext,
  input: SetVariantActiveInput,
): Promise<VariantForEditing> {
  return writeVariant(
    ctx,
    input.id,
    { active: input.active },
    (before, after) => before.active !== after.active,
  );
}

/** A new shelf price; terminals receive it live, and offline sales keep the price they showed. */
export async function setVariantPrice(
  ctx: WriteContext,
  input: SetVariantPriceInput,
): Promise<VariantForEditing> {
  return writeVariant(
    ctx,
    input.id,
    { price: input.price },
    (before, after) => after.active && before.price !== after.price,
  );
}

async function writeVariant(
  ctx: WriteContext,
  id: string,
  data: { active?: boolean; price?: number },
  selectionMoved: (before: { active: boolean; price: number }, after: VariantForEditing) => boolean,
): Promise<VariantForEditing> {
  const current = await ctx.db.prisma.variant.findUnique({
    where: { id },
    select: { productId: true, active: true, price: true },
  });
  if (!current) throw new NotFoundError('Variant', id);
  const before = await productShown(ctx.db.prisma, current.productId);
  if (!before) throw new NotFoundError('Variant', id);
  const variant = await ctx.db.prisma.variant
    .update({ where: { id }, data, select: variantEditSelect })
    .catch((error: unknown) => {
      if (isMissingRecord(error)) throw new NotFoundError('Variant', id);
      throw error;
    });
  await publishVariantWrite(ctx, before, selectionMoved(current, variant));
  return variant;
}
