import type {
  ListLowStockInput,
  ListStockLevelsInput,
  SetLocationThresholdInput,
  SetLowStockThresholdInput,
} from '@allure/shared/inventory.schema';
import type { Page } from '@allure/shared/pagination';
import type { StaffPrincipal } from '../auth/store-scope.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { pageOf, readCursor } from '../keyset.js';
import type { Context } from '../trpc/context.js';
import { reachableLocations, scopedStoreId } from './location-access.js';
import { announceStockChanges } from './stock-changes.js';

// Stock levels per location with their variant and product labels, in one statement per page (raw SQL:
// the order is the variant's SKU, across a join, which Prisma cannot page on). The low-stock list reads the
// partial indexes of low levels, so it costs the same however many levels are not low.

export interface StockLevelView {
  variantId: string;
  locationId: string;
  quantity: number;
  reserved: number;
  /** Units not reserved for web orders. */
  available: number;
  lowStockThreshold: number | null;
  low: boolean;
  /** When the level went at or under its threshold. */
  lowSince: Date | null;
  updatedAt: Date;
  variant: {
    sku: string;
    barcode: string | null;
    size: string;
    colour: string;
    productId: string;
    productName: string;
  };
  location: { code: string; name: string };
}

interface LevelRow {
  variant_id: string;
  location_id: string;
  quantity: number;
  reserved: number;
  low_stock_threshold: number | null;
  low_since: Date | null;
  updated_at: Date;
  sku: string;
  barcode: string | null;
  size: string;
  colour: string;
  product_id: string;
  product_name: string;
  location_code: string;
  location_name: string;
}

const levelColumns = `s.variant_id, s.location_id, s.quantity, s.reserved, s.low_stock_threshold, s.low_since,
       s.updated_at, v.sku, v.barcode, v.size, v.colour, v.product_id, p.name AS product_name,
       l.code AS location_code, l.name AS location_name`;

const levelJoins = `JOIN stock_location l ON l.id = s.location_id
  JOIN variant v ON v.id = s.variant_id
  JOIN product p ON p.id = v.product_id`;

function view(row: LevelRow): StockLevelView {
  return {
    variantId: row.variant_id,
    locationId: row.location_id,
    quantity: row.quantity,
    reserved: row.reserved,
    available: row.quantity - row.reserved,
    lowStockThreshold: row.low_stock_threshold,
    low: row.low_since !== null,
    lowSince: row.low_since,
    updatedAt: row.updated_at,
    variant: {
      sku: row.sku,
      barcode: row.barcode,
      size: row.size,
      colour: row.colour,
      productId: row.product_id,
      productName: row.product_name,
    },
    location: { code: row.location_code, name: row.location_name },
  };
}

/** WHERE conditions with their positional parameters, added as the filters present require. */
class Conditions {
  readonly params: unknown[] = [];
  readonly clauses: string[] = [];
  add(clause: (next: () => string) => string, ...values: unknown[]): void {
    let index = 0;
    this.clauses.push(
      clause(() => {
        this.params.push(values[index++]);
        return `$${this.params.length}`;
      }),
    );
  }
  get sql(): string {
    return this.clauses.length === 0 ? 'TRUE' : this.clauses.join(' AND ');
  }
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

function scoped(conditions: Conditions, principal: StaffPrincipal, locationId: string | undefined) {
  const storeId = scopedStoreId(principal);
  if (storeId !== null) conditions.add((p) => `l.store_id = ${p()}`, storeId);
  if (locationId !== undefined) conditions.add((p) => `s.location_id = ${p()}`, locationId);
}

/**
 * The first string after every string that starts with `prefix` (letters, digits and hyphens only, as the
 * schema allows). The range [prefix, end) lets the SKU index seek to the matches, which LIKE cannot do
 * unless the collation is exactly C; LIKE then keeps only true prefixes, whatever the collation's order.
 */
function prefixEnd(prefix: string): string {
  return `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
}

/** Levels in (SKU, location) order; `search` is a SKU prefix (any case) or a whole barcode. */
export async function listStockLevels(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ListStockLevelsInput,
): Promise<Page<StockLevelView>> {
  if (input.locationId !== undefined) await reachableLocations(ctx, principal, [input.locationId]);
  const where = new Conditions();
  scoped(where, principal, input.locationId);
  if (input.variantId !== undefined) where.add((p) => `s.variant_id = ${p()}`, input.variantId);
  if (input.productId !== undefined) where.add((p) => `v.product_id = ${p()}`, input.productId);
  if (input.search !== undefined) {
    const prefix = input.search.toUpperCase();
    where.add(
      (p) => `((v.sku >= ${p()} AND v.sku < ${p()} AND v.sku LIKE ${p()}) OR v.barcode = ${p()})`,
      prefix,
      prefixEnd(prefix),
      `${prefix}%`,
      input.search,
    );
  }
  if (input.lowOnly) where.add(() => 's.quantity <= s.low_stock_threshold');
  if (input.cursor !== undefined) {
    const [sku, locationId] = readCursor(input.cursor, 'levels', ['string', 'uuid']);
    // The first term alone is what the SKU index can seek to; the row comparison settles ties on the SKU.
    where.add(
      (p) => `v.sku >= ${p()} AND (v.sku, s.location_id) > (${p()}, ${p()}::uuid)`,
      sku,
      sku,
      locationId,
    );
  }
  const { rows } = await ctx.db.pool.query<LevelRow>(
    `SELECT ${levelColumns}
       FROM stock_level s ${levelJoins}
      WHERE ${where.sql}
      ORDER BY v.sku, s.location_id
      LIMIT ${where.param(input.limit + 1)}`,
    where.params,
  );
  return pageOf(rows.map(view), input.limit, 'levels', (level) => [level.variant.sku, level.locationId]);
}

/**
 * Levels at or under their threshold: most recently gone low first, or fewest units first. Each order is
 * one partial index read backwards or forwards, paged on its whole key.
 */
export async function listLowStock(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ListLowStockInput,
): Promise<Page<StockLevelView>> {
  if (input.locationId !== undefined) await reachableLocations(ctx, principal, [input.locationId]);
  const where = new Conditions();
  where.add(() => 's.quantity <= s.low_stock_threshold');
  scoped(where, principal, input.locationId);
  const recent = input.order === 'recent';
  if (input.cursor !== undefined) {
    if (recent) {
      const [since, variantId, locationId] = readCursor(input.cursor, 'low:recent', ['time', 'uuid', 'uuid']);
      where.add(
        (p) =>
          `(s.low_since, s.variant_id, s.location_id) < (${p()}::timestamptz, ${p()}::uuid, ${p()}::uuid)`,
        since,
        variantId,
        locationId,
      );
    } else {
      const [quantity, variantId, locationId] = readCursor(input.cursor, 'low:quantity', [
        'number',
        'uuid',
        'uuid',
      ]);
      where.add(
        (p) => `(s.quantity, s.variant_id, s.location_id) > (${p()}::int, ${p()}::uuid, ${p()}::uuid)`,
        quantity,
        variantId,
        locationId,
      );
    }
  }
  const order = recent
    ? 's.low_since DESC, s.variant_id DESC, s.location_id DESC'
    : 's.quantity, s.variant_id, s.location_id';
  const { rows } = await ctx.db.pool.query<LevelRow>(
    `SELECT ${levelColumns}
       FROM stock_level s ${levelJoins}
      WHERE ${where.sql}
      ORDER BY ${order}
      LIMIT ${where.param(input.limit + 1)}`,
    where.params,
  );
  return pageOf(rows.map(view), input.limit, recent ? 'low:recent' : 'low:quantity', (level) => [
    recent ? (level.lowSince ?? new Date(0)) : level.quantity,
    level.variantId,
    level.locationId,
  ]);
}

type ThresholdCtx = Pick<Context, 'db' | 'changeFeed' | 'cache'>;

const isForeignKeyViolation = (error: unknown) => (error as { code?: unknown }).code === '23503';

/** Sets one level's threshold, creating the level (empty) if the variant was never stocked there. */
export async function setLowStockThreshold(
  ctx: ThresholdCtx,
  principal: StaffPrincipal,
  input: SetLowStockThresholdInput,
): Promise<StockLevelView> {
  const places = await reachableLocations(ctx, principal, [input.locationId]);
  const params = [input.variantId, input.locationId, input.threshold];
  // Removing a threshold from a level that does not exist is nothing to do; setting one creates it.
  const write =
    input.threshold === null
      ? `UPDATE stock_level SET low_stock_threshold = NULL, updated_at = now()
          WHERE variant_id = $1 AND location_id = $2 AND low_stock_threshold IS DISTINCT FROM $3::int`
      : `INSERT INTO stock_level (variant_id, location_id, low_stock_threshold, updated_at)
         VALUES ($1, $2, $3, now())
         ON CONFLICT (variant_id, location_id) DO UPDATE
            SET low_stock_threshold = EXCLUDED.low_stock_threshold, updated_at = EXCLUDED.updated_at
          WHERE stock_level.low_stock_threshold IS DISTINCT FROM EXCLUDED.low_stock_threshold`;
  const written = await ctx.db.pool.query(write, params).catch((error: unknown) => {
    if (isForeignKeyViolation(error)) throw new NotFoundError('Variant', input.variantId);
    throw error;
  });
  const { rows } = await ctx.db.pool.query<LevelRow>(
    `SELECT ${levelColumns} FROM stock_level s ${levelJoins} WHERE s.variant_id = $1 AND s.location_id = $2`,
    [input.variantId, input.locationId],
  );
  const row = rows[0];
  if (!row) {
    const known = await ctx.db.prisma.variant.count({ where: { id: input.variantId } });
    if (known === 0) throw new NotFoundError('Variant', input.variantId);
    throw new NotFoundError('Stock level', `${input.variantId}:${input.locationId}`);
  }
  if ((written.rowCount ?? 0) > 0) {
    await announceStockChanges(ctx, {
      storeIds: [places.get(input.locationId)?.storeId ?? null],
      productIds: [],
      listingCategoryIds: [],
      variants: false,
    });
  }
  return view(row);
}

/** One threshold for the listed variants at a location, or for every level the location has. */
export async function setLocationThreshold(
  ctx: ThresholdCtx,
  principal: StaffPrincipal,
  input: SetLocationThresholdInput,
): Promise<{ updated: number }> {
  const places = await reachableLocations(ctx, principal, [input.locationId]);
  let updated: number;
  if (input.variantIds === undefined) {
    const result = await ctx.db.pool.query(
      `UPDATE stock_level SET low_stock_threshold = $2, updated_at = now()
        WHERE location_id = $1 AND low_stock_threshold IS DISTINCT FROM $2::int`,
      [input.locationId, input.threshold],
    );
    updated = result.rowCount ?? 0;
  } else {
    const ids = [...input.variantIds].sort();
    const write =
      input.threshold === null
        ? `UPDATE stock_level SET low_stock_threshold = NULL, updated_at = now()
            WHERE location_id = $1 AND variant_id = ANY($2::uuid[]) AND low_stock_threshold IS NOT NULL`
        : `INSERT INTO stock_level (variant_id, location_id, low_stock_threshold, updated_at)
           SELECT k.variant_id, $1, $3, now() FROM unnest($2::uuid[]) AS k(variant_id) ORDER BY k.variant_id
           ON CONFLICT (variant_id, location_id) DO UPDATE
              SET low_stock_threshold = EXCLUDED.low_stock_threshold, updated_at = EXCLUDED.updated_at
            WHERE stock_level.low_stock_threshold IS DISTINCT FROM EXCLUDED.low_stock_threshold`;
    const result = await ctx.db.pool
      .query(
        write,
        input.threshold === null ? [input.locationId, ids] : [input.locationId, ids, input.threshold],
      )
      .catch((error: unknown) => {
        if (isForeignKeyViolation(error))
          throw new InvalidInputError('variantIds names a variant that does not exist');
        throw error;
      });
    updated = result.rowCount ?? 0;
  }
  if (updated > 0) {
    await announceStockChanges(ctx, {
      storeIds: [places.get(input.locationId)?.storeId ?? null],
      productIds: [],
      listingCategoryIds: [],
      variants: false,
    });
  }
  return { updated };
}
