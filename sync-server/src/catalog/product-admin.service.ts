import type {
  CreateProductInput,
  SetProductStatusInput,
  UpdateProductInput,
} from '@allure/shared/catalog.schema';
import { ConflictError, NotFoundError } from '../errors.js';
import { type ProductForEditing, productEditSelect } from './catalog-admin-read.service.js';
import { catalogTags, listingTags } from './catalog-tags.js';
import {
  categoryChain,
  explained,
  freeSlug,
  isMissingRecord,
  isSlugTaken,
  published,
  variantCurrency,
  type WriteContext,
} from './catalog-write.js';
import { codeConflicts, takenCodes } from './variant-codes.js';

// Manager writes to products. A product goes on sale (status active) only with an active variant to
// sell. What the shop shows changes only for active products: a draft's writes invalidate nothing public.

const productConflicts = (slug: string) => ({
  product_slug_key: () => new ConflictError(`slug "${slug}" is already used by another product`),
  ...codeConflicts,
});

export async function createProduct(
  ctx: WriteContext,
  input: CreateProductInput,
): Promise<ProductForEditing> {
  if (input.status === 'active' && !input.variants.some((variant) => variant.active)) {
    throw new ConflictError(
      'a product goes on sale with an active variant: add one, or create it as a draft',
    );
  }
  const variants = input.variants.length === 0 ? [] : await variantRows(ctx, input.variants);
  for (let attempt = 1; ; attempt += 1) {
    const slug = input.slug ?? (await freeSlug(ctx.db, 'product', input.name));
    try {
      const product = await ctx.db.prisma.product.create({
        data: {
          name: input.name,
          slug,
          description: input.description,
          categoryId: input.categoryId,
          brand: input.brand ?? null,
          vatRate: input.vatRate,
          status: input.status,
          variants: { createMany: { data: variants } },
        },
        select: productEditSelect,
      });
      const tags =
        product.status === 'active'
          ? [...listingTags(await categoryChain(ctx.db.prisma, product.category.id)), catalogTags.search]
          : [];
      await published(ctx, product.variants.length > 0 ? ['products', 'variants'] : ['products'], tags);
      return product;
    } catch (error) {
      if (input.slug === undefined && attempt < 3 && isSlugTaken(error, 'product_slug_key')) continue;
      throw explained(error, {
        ...productConflicts(slug),
        product_category_id_fkey: () => new NotFoundError('Category', input.categoryId),
      });
    }
  }
}

/** The rows of a new product's variants, in the catalog currency, their codes checked free. */
async function variantRows(ctx: WriteContext, variants: CreateProductInput['variants']) {
  const requested = variants.flatMap((variant) => (variant.currency ? [variant.currency] : []));
  const currency = await variantCurrency(ctx.db, requested);
  const taken = await takenCodes(ctx.db, variants);
  if (taken) throw taken;
  return variants.map((variant, index) => ({
    sku: variant.sku,
    barcode: variant.barcode ?? null,
    size: variant.size ?? '',
    colour: variant.colour ?? '',
    price: variant.price,
    costPrice: variant.costPrice ?? null,
    currency,
    position: variant.position ?? index,
    active: variant.active,
  }));
}

/** Name, slug, description, category, brand, VAT rate. */
export async function updateProduct(
  ctx: WriteContext,
  input: UpdateProductInput,
): Promise<ProductForEditing> {
  const before = await ctx.db.prisma.product.findUnique({
    where: { id: input.id },
    select: { name: true, slug: true, brand: true, categoryId: true },
  });
  if (!before) throw new NotFoundError('Product', input.id);
  const product = await ctx.db.prisma.product
    .update({
      where: { id: input.id },
      data: {
        name: input.name,
        slug: input.slug,
        description: input.description,
        categoryId: input.categoryId,
        brand: input.brand,
        vatRate: input.vatRate,
      },
      select: productEditSelect,
    })
    .catch((error: unknown) => {
      if (isMissingRecord(error)) throw new NotFoundError('Product', input.id);
      throw explained(error, {
        ...productConflicts(input.slug ?? ''),
        product_category_id_fkey: () => new NotFoundError('Category', input.categoryId ?? ''),
      });
    });
  const tags = [catalogTags.product(product.id)];
  if (product.status === 'active') {
    const moved = product.category.id !== before.categoryId;
    // A new name moves the product in name order; a new category moves it between listings.
    if (moved || product.name !== before.name) {
      const chains = await Promise.all(
        [...new Set([before.categoryId, product.category.id])].map((id) => categoryChain(ctx.db.prisma, id)),
      );
      tags.push(...listingTags(chains.flat()));
    }
    if (
      moved ||
      product.name !== before.name ||
      product.brand !== before.brand ||
      product.slug !== before.slug
    ) {
      tags.push(catalogTags.search);
    }
  }
  await published(ctx, ['products'], tags);
  return product;
}

/** Draft, active (on sale: needs an active variant) or archived (off sale, kept for past orders). */
export async function setProductStatus(
  ctx: WriteContext,
  input: SetProductStatusInput,
): Promise<ProductForEditing> {
  const before = await ctx.db.prisma.product.findUnique({
    where: { id: input.id },
    select: { status: true, _count: { select: { variants: { where: { active: true } } } } },
  });
  if (!before) throw new NotFoundError('Product', input.id);
  if (input.status === 'active' && before._count.variants === 0) {
    throw new ConflictError('a product goes on sale with an active variant: add or activate one first');
  }
  const product = await ctx.db.prisma.product
    .update({ where: { id: input.id }, data: { status: input.status }, select: productEditSelect })
    .catch((error: unknown) => {
      if (isMissingRecord(error)) throw new NotFoundError('Product', input.id);
      throw error;
    });
  // Between draft and archived, nothing the shop shows changes.
  const shown = before.status === 'active' || product.status === 'active';
  const tags =
    shown && before.status !== product.status
      ? [
          catalogTags.product(product.id),
          ...listingTags(await categoryChain(ctx.db.prisma, product.category.id)),
          catalogTags.search,
        ]
      : [];
  await published(ctx, ['products'], tags);
  return product;
}
