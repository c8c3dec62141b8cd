import type pg from 'pg';
import { quoteIdentifier } from '../database-admin.js';

/** One column of a bulk insert: its name, the Postgres type its array is cast to, and how to read it. */
export interface Column<Row> {
  name: string;
  /** Element type, e.g. `uuid`, `text`, `int4`, `timestamptz`, `"product_status"`. */
  type: string;
  value: (row: Row) => unknown;
}

/**
 * Inserts rows with one `INSERT … SELECT * FROM unnest($1::t1[], $2::t2[], …)` per chunk: one parameter
 * per column, whatever the number of rows, which is much faster than multi-row VALUES for big seeds.
 */
export async function insertRows<Row>(
  client: pg.ClientBase,
  table: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  chunkSize = 20_000,
): Promise<void> {
  const names = columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const casts = columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ');
  const sql = `INSERT INTO ${quoteIdentifier(table)} (${names}) SELECT * FROM unnest(${casts})`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await client.query(
      sql,
      columns.map((column) => chunk.map(column.value)),
    );
  }
}
