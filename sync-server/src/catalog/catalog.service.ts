import type { Prisma } from '@allure/db/client';
import { decodeCursor, encodeCursor, type Page, type PageInput } from '@allure/shared/pagination';
import type { CacheKind } from '../cache/read-cache.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { catalogTags } from './catalog-tags.js';

// Public catalog reads, through the read cache. Every query selects the columns it returns and nothing
// else, and relations are fetched in one batched query per relation, never one query per row.

/** How long each kind of read is served as is, then served stale while it is refreshed. */
export const catalogCacheKinds = {
  categories: { name: 'categories', freshMs: 5 * 60_000, staleMs: 60 * 60_000 },
  productPage: { name: 'product-page', freshMs: 30_000, staleMs: 10 * 60_000 },
  productDetail: { name: 'product-detail', freshMs: 60_000, staleMs: 10 * 60_000 },
} satisfies Record<string, CacheKind>;

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

export async function listCategories(ctx: Pick<Context, 'db' | 'cache'>) {
  return ctx.cache.read(catalogCacheKinds.categories, 'all', async () => ({
    value: await ctx.db.prisma.category.findMany({
      select: { id: true, slug: true, name: true, parentId: true },
      orderBy: [{ position: 'asc' }, { name: 'asc' }],
      take: 500,
    }),
    tags: [catalogTags.categories],
  }));
}

/** Active products by name, keyset-paginated on (name, id). */
export async function listProducts(
  ctx: Pick<Context, 'db' | 'cache'>,
  input: PageInput & { categoryId?: string | undefined },
): Promise<Page<ProductSummary>> {
  const key = `${input.categoryId ?? 'all'}:${input.limit}:${input.cursor ?? ''}`;
  return ctx.cache.read(catalogCacheKinds.productPage, key, async () => {
    const page = await loadProducts(ctx, input);
    return {
      value: page,
      tags: [
        catalogTags.listing(input.categoryId),
        ...page.items.map((item) => catalogTags.product(item.id)),
      ],
    };
  });
}

async function loadProducts(
  ctx: Pick<Context, 'db'>,
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

export async function getProductBySlug(
  ctx: Pick<Context, 'db' | 'cache'>,
  slug: string,
): Promise<ProductDetail> {
  const product = await ctx.cache.read(catalogCacheKinds.productDetail, slug, async () => {
    const found = await ctx.db.prisma.product.findFirst({
      select: productDetailSelect,
      where: { slug, status: 'active' },
    });
    // A missing product is not cached: the slug may be created any moment.
    if (!found) throw new NotFoundError('Product', slug);
    return { value: found, tags: [catalogTags.product(found.id)] };
  });
  return product;
}

function parseNameCursor(cursor: string): { name: string; id: string } {
  const key = decodeCursor(cursor);
  const [name, id] = key ?? [];
  if (typeof name !== 'string' || typeof id !== 'string') throw new InvalidInputError('Invalid cursor');
  return { name, id };
}
