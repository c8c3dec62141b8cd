import { Transform, type TransformCallback } from 'node:stream';
import { CSV_BOM, csvRow, decimalAmount } from '@allure/shared/csv';
import { type Currency, isCurrency } from '@allure/shared/currency';
import type { OrderFilterInput } from '@allure/shared/order-admin.schema';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { StaffPrincipal } from '../auth/store-scope.js';
import { NEWEST_FIRST, orderConditions, SqlParameters, whereClause } from './order-admin-filter.js';

/**
 * Orders as CSV, streamed row by row: a server-side cursor (pg-query-stream) reads BATCH_ROWS rows at a
 * time, and reads the next batch only when the response has taken the last one (stream backpressure), so
 * memory stays the same for ten orders or ten million. The filters and order are the list's.
 *
 * The cursor holds one pooled connection for the length of the export, in a read-only transaction whose
 * statement timeout is the export's (a cursor's statement lasts until its last row is read, so the pool's
 * short timeout would cut every long export). It goes back to the pool when the stream closes, at the end or
 * when the client goes away; a connection whose cursor failed is discarded. A read-only transaction takes no
 * transaction id, so a long export does not hold back the sync pull.
 */

const BATCH_ROWS = 500;
/** How long one export may run, as the route's own timeout. */
export const EXPORT_TIMEOUT_MS = 30 * 60_000;

export const orderCsvColumns = [
  'number',
  'placed_at',
  'store',
  'channel',
  'status',
  'payment_status',
  'customer',
  'cashier',
  'terminal',
  'currency',
  'units',
  'subtotal',
  'discount',
  'tax',
  'total',
  'refunded',
  'payment_methods',
] as const;

interface ExportRow {
  number: string;
  placed_at: Date;
  store_code: string;
  channel: string;
  status: string;
  payment_status: string;
  customer_name: string | null;
  cashier_name: string | null;
  terminal_code: string | null;
  currency: string;
  units: number;
  subtotal: number;
  discount_total: number;
  tax_total: number;
  total: number;
  refunded: number;
  payment_methods: string | null;
}

export function orderExportQuery(principal: StaffPrincipal, filter: OrderFilterInput) {
  const parameters = new SqlParameters();
  const where = whereClause(orderConditions(principal, filter, parameters));
  const text = `
    SELECT o.number, o.placed_at, s.code AS store_code, o.channel, o.status, o.payment_status,
           c.name AS customer_name, u.name AS cashier_name, t.code AS terminal_code, o.currency,
           (SELECT coalesce(sum(l.quantity), 0)::int FROM order_line l WHERE l.order_id = o.id) AS units,
           o.subtotal, o.discount_total, o.tax_total, o.total,
           (SELECT coalesce(sum(r.amount), 0)::int FROM refund r WHERE r.order_id = o.id) AS refunded,
           (SELECT string_agg(DISTINCT p.method::text, ' ' ORDER BY p.method::text) FROM payment p
             WHERE p.order_id = o.id) AS payment_methods
      FROM "order" o
      JOIN store s ON s.id = o.store_id
      LEFT JOIN customer c ON c.id = o.customer_id
      LEFT JOIN "user" u ON u.id = o.cashier_id
      LEFT JOIN terminal t ON t.id = o.terminal_id
     ${where}
     ${NEWEST_FIRST}`;
  return { text, values: parameters.values };
}

function money(amount: number, currency: string): string | number {
  return isCurrency(currency) ? decimalAmount(amount, currency as Currency) : amount;
}

class OrderCsv extends Transform {
  constructor() {
    super({ writableObjectMode: true });
    this.push(CSV_BOM + csvRow(orderCsvColumns));
  }

  override _transform(row: ExportRow, _encoding: BufferEncoding, done: TransformCallback): void {
    done(
      null,
      csvRow([
        row.number,
        row.placed_at.toISOString(),
        row.store_code,
        row.channel,
        row.status,
        row.payment_status,
        row.customer_name,
        row.cashier_name,
        row.terminal_code,
        row.currency,
        row.units,
        money(row.subtotal, row.currency),
        money(row.discount_total, row.currency),
        money(row.tax_total, row.currency),
        money(row.total, row.currency),
        money(row.refunded, row.currency),
        row.payment_methods,
      ]),
    );
  }
}

/** Errors of a stream torn down from outside (the client went away), not of the database. */
function isTeardown(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ABORT_ERR');
}

/**
 * Starts the export: the CSV text as a readable stream. Its connection is released when the stream closes,
 * however it ends; `onClose` runs after that.
 */
export async function exportOrdersCsv(
  pool: pg.Pool,
  principal: StaffPrincipal,
  filter: OrderFilterInput,
  onClose: () => void = () => {},
): Promise<Transform> {
  const query = orderExportQuery(principal, filter);
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${EXPORT_TIMEOUT_MS}`);
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
  const rows = client.query(new QueryStream(query.text, query.values, { batchSize: BATCH_ROWS }));
  const csv = new OrderCsv();
  let failure: Error | undefined;
  rows.on('error', (error: Error) => {
    if (!isTeardown(error)) failure = error;
    csv.destroy(error);
  });
  // 'close' comes after the cursor's portal is closed and the server is ready for the next query.
  rows.once('close', () => {
    const ended = failure ? Promise.reject(failure) : client.query('COMMIT');
    ended
      .then(
        () => client.release(),
        (error: unknown) => client.release(error instanceof Error ? error : true),
      )
      .finally(onClose);
  });
  csv.once('close', () => {
    if (!rows.destroyed) rows.destroy();
  });
  rows.pipe(csv);
  return csv;
}
