import type { Prisma } from '@allure/db/client';
import type { AdminListProductsInput, ProductLookupInput } from '@allure/shared/catalog.schema';
import { encodeKeysetCursor, parseKeysetCursor } from '@allure/shared/catalog-cursor';
import type { Page } from '@allure/shared/pagination';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { categoryScopeSql, SqlParams } from './sql-params.js';

// The back office's reads: products of every status, with what a manager edits (cost prices, inactive
// variants). Not cached: managers must see their own writes at once, and they are few.

export const variantEditSelect = {
  id: true,
  productId: true,
  sku: true,
  barcode: true,
  /** '' when the product comes in one size (or colour) only. */
  size: true,
  colour: true,
  price: true,
  costPrice: true,
  currency: true,
  position: true,
  active: true,
  updatedAt: true,
} satisfies Prisma.VariantSelect;

export const productEditSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  brand: true,
  vatRate: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  category: { select: { id: true, slug: true, name: true } },
  variants: { select: variantEditSelect, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.ProductSelect;

export type ProductForEditing = Prisma.ProductGetPayload<{ select: typeof productEditSelect }>;
export type VariantForEditing = Prisma.VariantGetPayload<{ select: typeof variantEditSelect }>;

const adminSummarySelect = {
  id: true,
  slug: true,
  name: true,
  brand: true,
  status: true,
  updatedAt: true,
  category: { select: { id: true, name: true } },
} satisfies Prisma.ProductSelect;

export interface AdminProductSummary extends Prisma.ProductGetPayload<{ select: typeof adminSummarySelect }> {
  variants: { total: number; active: number };
  /** Lowest and highest price of the active variants; null when none is active. */
  priceRange: { min: number; max: number } | null;
}

export async function getProductForEditing(
  ctx: Pick<Context, 'db'>,
  input: ProductLookupInput,
): Promise<ProductForEditing> {
  const where = input.id !== undefined ? { id: input.id } : { slug: input.slug ?? '' };
  const product = await ctx.db.prisma.product.findUnique({ where, select: productEditSelect });
  if (!product) throw new NotFoundError('Product', input.id ?? input.slug ?? '');
  return product;
}

/**
 * Every status, in name order (keyset on name, id). The search finds products whose text holds every
 * word (accents and case aside), or whose variant has the SKU (from its start) or barcode typed: what a
 * manager types is a name they know or a code from a label, so no typo tolerance here.
 */
export async function listProductsForEditing(
  ctx: Pick<Context, 'db'>,
  input: AdminListProductsInput,
): Promise<Page<AdminProductSummary>> {
  const params = new SqlParams();
  const where: string[] = [];
  if (input.status !== undefined) where.push(`p.status = ${params.add(input.status, 'product_status')}`);
  if (input.categoryId !== undefined) {
    where.push(`p.category_id = ANY(${categoryScopeSql(params.add(input.categoryId, 'uuid'))})`);
  }
  if (input.search !== undefined) {
    const words = params.add(
      input.search.words.map((word) => `%${word}%`),
      'text[]',
    );
    const code = input.search.text.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(`(p.search_text LIKE ALL(${words})
      OR p.id IN (SELECT v.product_id FROM variant v
                   WHERE v.sku LIKE ${params.add(`${code}%`, 'text')} OR v.barcode = ${params.add(input.search.text, 'text')}))`);
  }
  if (input.cursor !== undefined) {
    const keyset = parseKeysetCursor(input.cursor, 'name');
    if (keyset === null) throw new InvalidInputError('cursor: not one this list gave out for this order');
    where.push(`(p.name, p.id) > (${params.add(keyset.key, 'varchar')}, ${params.add(keyset.id, 'uuid')})`);
  }
  const { rows } = await ctx.db.pool.query<{ id: string; name: string }>(
    `SELECT p.id, p.name FROM product p
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY p.name, p.id
      LIMIT ${params.add(input.limit + 1, 'int')}`,
    params.values,
  );
  const ids = rows.slice(0, input.limit).map((row) => row.id);
  const [products, counts] = await Promise.all([
    ctx.db.prisma.product.findMany({ where: { id: { in: ids } }, select: adminSummarySelect }),
    ctx.db.prisma.variant.groupBy({
      by: ['productId', 'active'],
      where: { productId: { in: ids } },
      _count: { _all: true },
      _min: { price: true },
      _max: { price: true },
    }),
  ]);
  const byId = new Map(products.map((product) => [product.id, product]));
  const groupsOf = new Map<string, typeof counts>();
  for (const group of counts)
    groupsOf.set(group.productId, [...(groupsOf.get(group.productId) ?? []), group]);
  const items = ids.flatMap((id): AdminProductSummary[] => {
    const product = byId.get(id);
    if (!product) return [];
    const groups = groupsOf.get(id) ?? [];
    const active = groups.find((group) => group.active);
    return [
      {
        ...product,
        variants: {
          total: groups.reduce((sum, group) => sum + group._count._all, 0),
          active: active?._count._all ?? 0,
        },
        priceRange:
          active?._min.price != null && active._max.price != null
            ? { min: active._min.price, max: active._max.price }
            : null,
      },
    ];
  });
  const last = rows[input.limit - 1];
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeKeysetCursor('name', last.name, last.id) : null,
  };
}
