import type { Prisma } from '@allure/db/client';
import { decodeCursor, encodeCursor, type Page, type PageInput } from '@allure/shared/pagination';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';

// Public catalog reads. Every query selects the columns it returns and nothing else, and relations are
// fetched in one batched query per relation, never one query per row.

const variantSummarySelect = {
  id: true,
  sku: true,
  barcode: true,
  size: true,
  colour: true,
  price: true,
  currency: true,
} satisfies Prisma.VariantSelect;

const productSummarySelect = {
  id: true,
  slug: true,
  name: true,
  brand: true,
  category: { select: { slug: true, name: true } },
  variants: { select: variantSummarySelect, where: { active: true }, orderBy: { position: 'asc' } },
} satisfies Prisma.ProductSelect;

const productDetailSelect = {
  ...productSummarySelect,
  description: true,
  vatRate: true,
} satisfies Prisma.ProductSelect;

export type ProductSummary = Prisma.ProductGetPayload<{ select: typeof productSummarySelect }>;
export type ProductDetail = Prisma.ProductGetPayload<{ select: typeof productDetailSelect }>;

export async function listCategories(ctx: Context) {
  return ctx.db.prisma.category.findMany({
    select: { id: true, slug: true, name: true, parentId: true },
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
    take: 500,
  });
}

/** Active products by name, keyset-paginated on (name, id). */
export async function listProducts(
  ctx: Context,
  input: PageInput & { categoryId?: string | undefined },
): Promise<Page<ProductSummary>> {
  const after = input.cursor === undefined ? undefined : parseNameCursor(input.cursor);
  const rows = await ctx.db.prisma.product.findMany({
    select: productSummarySelect,
    where: {
      status: 'active',
      ...(input.categoryId === undefined ? {} : { categoryId: input.categoryId }),
      ...(after === undefined
        ? {}
        : { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] }),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

export async function getProductBySlug(ctx: Context, slug: string): Promise<ProductDetail> {
  const product = await ctx.db.prisma.product.findFirst({
    select: productDetailSelect,
    where: { slug, status: 'active' },
  });
  if (!product) throw new NotFoundError('Product', slug);
  return product;
}

function parseNameCursor(cursor: string): { name: string; id: string } {
  const key = decodeCursor(cursor);
  const [name, id] = key ?? [];
  if (typeof name !== 'string' || typeof id !== 'string') throw new InvalidInputError('Invalid cursor');
  return { name, id };
}
