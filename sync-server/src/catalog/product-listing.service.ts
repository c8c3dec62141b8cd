import type { ListProductsInput, ProductSort } from '@allure/shared/catalog.schema';
import { encodeKeysetCursor, parseKeysetCursor } from '@allure/shared/catalog-cursor';
import type { Page } from '@allure/shared/pagination';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { catalogCacheKinds } from './catalog.service.js';
import { catalogTags } from './catalog-tags.js';
import { loadSummaries, type ProductSummary, shownTags } from './product-summaries.js';
import { categoryScopeSql, SqlParams } from './sql-params.js';

/**
 * The shop's product listing: active products with at least one active variant (a product nobody can buy
 * is not shown), filtered and sorted, keyset-paginated on (sort key, id) whatever the order.
 *
 * Variant filters (size, colour, price, stock) apply to one variant together. By name and newest, the
 * product table is read in index order and each product checked for such a variant. By price, the
 * variant index (active, price, product_id) is read in price order and each product taken at its lowest
 * price among the variants that pass: no "from price" column to keep up to date, and the order and the
 * filters always agree. See docs/catalog.md for the plans on the 50,000-variant seed.
 */

interface KeyRow {
  id: string;
  key: string | number | Date;
}

export async function listProducts(
  ctx: Pick<Context, 'db' | 'cache'>,
  input: ListProductsInput,
): Promise<Page<ProductSummary>> {
  const canonical = {
    ...input,
    sizes: input.sizes && [...new Set(input.sizes)].sort(),
    colours: input.colours && [...new Set(input.colours)].sort(),
  };
  return ctx.cache.read(catalogCacheKinds.productPage, JSON.stringify(canonical), async () => {
    const page = await loadPage(ctx, canonical);
    const byVariants = input.sort.startsWith('price') || hasVariantFilter(input);
    return {
      value: page,
      tags: [
        catalogTags.listing(input.categoryId),
        ...(byVariants ? [catalogTags.listingVariants(input.categoryId)] : []),
        ...shownTags(page.items),
      ],
    };
  });
}

function hasVariantFilter(input: ListProductsInput): boolean {
  return (
    input.sizes !== undefined ||
    input.colours !== undefined ||
    input.priceMin !== undefined ||
    input.priceMax !== undefined ||
    input.inStock === true
  );
}

async function loadPage(ctx: Pick<Context, 'db'>, input: ListProductsInput): Promise<Page<ProductSummary>> {
  const { sql, values } = pageQuery(input);
  const { rows } = await ctx.db.pool.query<KeyRow>(sql, values);
  if (rows.length === 0 && input.categoryId !== undefined) {
    const category = await ctx.db.prisma.category.findUnique({
      where: { id: input.categoryId },
      select: { id: true },
    });
    if (!category) throw new NotFoundError('Category', input.categoryId);
  }
  const keys = rows.slice(0, input.limit);
  const items = await loadSummaries(
    ctx.db,
    keys.map((row) => row.id),
  );
  const last = keys.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? cursorOf(input.sort, last) : null,
  };
}

function cursorOf(sort: ProductSort, row: KeyRow): string {
  switch (sort) {
    case 'name':
      return encodeKeysetCursor(sort, String(row.key), row.id);
    case 'newest':
      return encodeKeysetCursor(sort, (row.key as Date).toISOString(), row.id);
    case 'price-asc':
    case 'price-desc':
      return encodeKeysetCursor(sort, Number(row.key), row.id);
  }
}

/** The cursor's keyset; the input schema has checked it, this narrows its type. */
function after<S extends ProductSort>(sort: S, cursor: string | undefined) {
  if (cursor === undefined) return null;
  const keyset = parseKeysetCursor(cursor, sort);
  if (keyset === null) throw new InvalidInputError('cursor: not one this list gave out for this order');
  return keyset;
}

function pageQuery(input: ListProductsInput): { sql: string; values: unknown[] } {
  const params = new SqlParams();
  const products = ["p.status = 'active'"];
  if (input.categoryId !== undefined) {
    products.push(`p.category_id = ANY(${categoryScopeSql(params.add(input.categoryId, 'uuid'))})`);
  }
  // Placeholders made once, used for each alias the conditions are written for.
  const sizes = input.sizes && params.add(input.sizes, 'text[]');
  const colours = input.colours && params.add(input.colours, 'text[]');
  const priceMin = input.priceMin !== undefined ? params.add(input.priceMin, 'int') : undefined;
  const priceMax = input.priceMax !== undefined ? params.add(input.priceMax, 'int') : undefined;
  const variants = (v: string) =>
    [
      `${v}.active`,
      sizes && `${v}.size = ANY(${sizes})`,
      colours && `${v}.colour = ANY(${colours})`,
      priceMin && `${v}.price >= ${priceMin}`,
      priceMax && `${v}.price <= ${priceMax}`,
      input.inStock &&
        `EXISTS (SELECT 1 FROM stock_level s WHERE s.variant_id = ${v}.id AND s.quantity > 0
           AND s.location_id = ANY(ARRAY(SELECT l.id FROM stock_location l WHERE l.kind = 'web')))`,
    ]
      .filter(Boolean)
      .join(' AND ');
  const limit = params.add(input.limit + 1, 'int');

  if (input.sort === 'price-asc' || input.sort === 'price-desc') {
    const keyset = after(input.sort, input.cursor);
    const descending = input.sort === 'price-desc';
    const position =
      keyset === null
        ? ''
        : `AND (v.price, v.product_id) ${descending ? '<' : '>'} (${params.add(keyset.key, 'int')}, ${params.add(keyset.id, 'uuid')})`;
    const direction = descending ? 'DESC' : 'ASC';
    return {
      sql: `SELECT DISTINCT ON (v.price, v.product_id) v.product_id AS id, v.price AS key
              FROM variant v JOIN product p ON p.id = v.product_id
             WHERE ${variants('v')} AND ${products.join(' AND ')}
               AND NOT EXISTS (SELECT 1 FROM variant w
                                WHERE w.product_id = v.product_id AND ${variants('w')} AND w.price < v.price)
               ${position}
             ORDER BY v.price ${direction}, v.product_id ${direction}
             LIMIT ${limit}`,
      values: params.values,
    };
  }

  const [column, direction, comparison] =
    input.sort === 'newest' ? ['p.created_at', 'DESC', '<'] : ['p.name', 'ASC', '>'];
  const keyset = input.sort === 'newest' ? after('newest', input.cursor) : after('name', input.cursor);
  const position =
    keyset === null
      ? ''
      : `AND (${column}, p.id) ${comparison} (${params.add(keyset.key, input.sort === 'newest' ? 'timestamptz' : 'varchar')}, ${params.add(keyset.id, 'uuid')})`;
  return {
    sql: `SELECT p.id, ${column} AS key
            FROM product p
           WHERE ${products.join(' AND ')}
             AND EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND ${variants('v')})
             ${position}
           ORDER BY ${column} ${direction}, p.id ${direction}
           LIMIT ${limit}`,
    values: params.values,
  };
}
