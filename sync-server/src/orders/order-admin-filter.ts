import type { OrderFilterInput } from '@allure/shared/order-admin.schema';
import { decodeCursor, encodeCursor } from '@allure/shared/pagination';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { InvalidInputError } from '../errors.js';

// The back-office order filters as SQL, built once for the list, its count and the CSV export, so the three
// always describe the same orders. Raw SQL rather than a Prisma `where`: the count needs the planner's
// estimate of this very predicate (EXPLAIN) and the export a server-side cursor over it.
//
// Every filter is an equality or a range on a column an index of "order" leads with, and the order is
// (placed_at DESC, id DESC), the tail of those indexes: a page is an index range scan that stops after
// `limit` rows, at row 20 as at row 2,000,000 (docs/orders-reports.md lists the indexes).

/** Positional parameters, added as the conditions that use them are written. */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** `$n` for a new parameter. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The conditions on `"order" o` for a caller and a filter, to be joined with AND (true when empty). */
export function orderConditions(
  principal: StaffPrincipal,
  filter: OrderFilterInput,
  parameters: SqlParameters,
): string[] {
  const conditions: string[] = [];
  const scope = storeScope(principal).storeId;
  if (scope !== undefined) conditions.push(`o.store_id = ${parameters.add(scope)}::uuid`);
  if (filter.storeId !== undefined) conditions.push(`o.store_id = ${parameters.add(filter.storeId)}::uuid`);
  if (filter.channel !== undefined) {
    conditions.push(`o.channel = ${parameters.add(filter.channel)}::order_channel`);
  }
  if (filter.status !== undefined) {
    conditions.push(`o.status = ${parameters.add(filter.status)}::order_status`);
  }
  if (filter.paymentStatus !== undefined) {
    conditions.push(`o.payment_status = ${parameters.add(filter.paymentStatus)}::payment_status`);
  }
  if (filter.customerId !== undefined) {
    conditions.push(`o.customer_id = ${parameters.add(filter.customerId)}::uuid`);
  }
  if (filter.placedFrom !== undefined) {
    conditions.push(`o.placed_at >= ${parameters.add(filter.placedFrom)}::timestamptz`);
  }
  if (filter.placedTo !== undefined) {
    conditions.push(`o.placed_at < ${parameters.add(filter.placedTo)}::timestamptz`);
  }
  if (filter.numberPrefix !== undefined) {
    // The schema allows letters, digits and hyphens only, so the prefix holds no LIKE wildcard. The
    // expression is the one order_number_prefix_idx is built on.
    conditions.push(`o.number::text LIKE ${parameters.add(`${filter.numberPrefix}%`)}`);
  }
  return conditions;
}

export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

export interface OrderKey {
  placedAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeOrderCursor(key: OrderKey): string {
  return encodeCursor([key.placedAt.toISOString(), key.id]);
}

export function decodeOrderCursor(cursor: string): OrderKey {
  const [placedAt, id] = decodeCursor(cursor) ?? [];
  const time = typeof placedAt === 'string' ? Date.parse(placedAt) : Number.NaN;
  if (Number.isNaN(time) || typeof id !== 'string' || !UUID.test(id)) {
    throw new InvalidInputError('cursor is not one this list gave out');
  }
  return { placedAt: new Date(time), id };
}

/** Rows after `key` in (placed_at DESC, id DESC) order: one row comparison, which the indexes serve. */
export function afterKey(key: OrderKey, parameters: SqlParameters): string {
  return `(o.placed_at, o.id) < (${parameters.add(key.placedAt)}::timestamptz, ${parameters.add(key.id)}::uuid)`;
}

export const NEWEST_FIRST = 'ORDER BY o.placed_at DESC, o.id DESC';
