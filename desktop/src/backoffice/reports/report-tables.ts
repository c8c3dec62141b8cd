/**
 * Each report as a table: its columns, what each cell holds and of which kind. One definition drives the
 * table on screen (money in the store's currency, in the UI's language) and its CSV export (plain decimals
 * a spreadsheet sums), so the two always show the same figures.
 */

import { CSV_BOM, type CsvValue, csvRow, decimalAmount } from '@allure/shared/csv';
import type { Currency } from '@allure/shared/currency';
import type { ManagerSession } from '../manager-session.js';

type Reports = ManagerSession['api']['reports'];
type RowsOf<K extends keyof Reports> =
  Awaited<ReturnType<Reports[K]['query']>> extends {
    rows: (infer R)[];
  }
    ? R
    : never;

/** `instant`: an ISO date-time, shown as the store's wall clock and exported as it is. */
export type CellKind = 'text' | 'count' | 'money' | 'bps' | 'instant';

/** Translates a message key of the reports catalog (`t` bound to `reports.`). */
export type Words = (key: string) => string;

export interface Column<R> {
  /** Its heading is the message `columns.<id>`. */
  id: string;
  kind: CellKind;
  value: (row: R, words: Words) => string | number | null;
}

export type MarginRow = RowsOf<'margins'>;

const money = <R>(id: string, value: (row: R) => number): Column<R> => ({ id, kind: 'money', value });
const count = <R>(id: string, value: (row: R) => number): Column<R> => ({ id, kind: 'count', value });

type Sales = { orders: number; discounts: number; sales: number; refunds: number; netSales: number };
type Taxed = { netSales: number; tax: number; total: number };

function salesColumns<R extends Sales & Taxed>(): Column<R>[] {
  return [
    count('orders', (row) => row.orders),
    money('discounts', (row) => row.discounts),
    money('sales', (row) => row.sales),
    money('refunds', (row) => row.refunds),
    money('netSales', (row) => row.netSales),
    money('tax', (row) => row.tax),
    money('total', (row) => row.total),
  ];
}

export const salesByDayColumns: Column<RowsOf<'salesByDay'>>[] = [
  { id: 'day', kind: 'text', value: (row) => row.day },
  ...salesColumns<RowsOf<'salesByDay'>>(),
];

export const byCashierColumns: Column<RowsOf<'byCashier'>>[] = [
  { id: 'cashier', kind: 'text', value: (row, words) => row.cashier?.name ?? words('webShop') },
  ...salesColumns<RowsOf<'byCashier'>>(),
];

export const byCategoryColumns: Column<RowsOf<'byCategory'>>[] = [
  { id: 'category', kind: 'text', value: (row, words) => row.category.name || words('uncategorised') },
  count('netUnits', (row) => row.netUnits),
  money('discounts', (row) => row.discounts),
  money('sales', (row) => row.sales),
  money('refunds', (row) => row.refunds),
  money('netSales', (row) => row.netSales),
  money('tax', (row) => row.tax),
  money('total', (row) => row.total),
];

export const byPaymentMethodColumns: Column<RowsOf<'byPaymentMethod'>>[] = [
  { id: 'method', kind: 'text', value: (row, words) => words(`methods.${row.method}`) },
  count('payments', (row) => row.payments),
  money('taken', (row) => row.taken),
  count('refundCount', (row) => row.refundCount),
  money('refunded', (row) => row.refunded),
  money('net', (row) => row.net),
];

export const topProductsColumns: Column<RowsOf<'topProducts'>>[] = [
  { id: 'product', kind: 'text', value: (row) => row.product.name },
  count('netUnits', (row) => row.netUnits),
  money('netSales', (row) => row.netSales),
  money('tax', (row) => row.tax),
  money('total', (row) => row.total),
];

/** The store's totals come last, as a row named "All categories" (`category` null). */
export const marginColumns: Column<
  Omit<MarginRow, 'category'> & { category: MarginRow['category'] | null }
>[] = [
  {
    id: 'category',
    kind: 'text',
    value: (row, words) =>
      row.category === null ? words('allCategories') : row.category.name || words('uncategorised'),
  },
  money('netSales', (row) => row.netSales),
  money('costedSales', (row) => row.costedSales),
  money('cost', (row) => row.cost),
  money('margin', (row) => row.margin),
  { id: 'marginRate', kind: 'bps', value: (row) => row.marginBps },
  money('uncostedSales', (row) => row.uncostedSales),
];

export const shiftColumns: Column<RowsOf<'shifts'>>[] = [
  { id: 'terminal', kind: 'text', value: (row) => row.terminal.code },
  { id: 'openedAt', kind: 'instant', value: (row) => row.openedAt },
  { id: 'closedAt', kind: 'instant', value: (row) => row.closedAt },
  { id: 'openedBy', kind: 'text', value: (row) => row.openedBy.name },
  { id: 'closedBy', kind: 'text', value: (row) => row.closedBy?.name ?? null },
  money('openingFloat', (row) => row.openingFloat),
  { id: 'countedCash', kind: 'money', value: (row) => row.countedCash },
];

/** A cell as a spreadsheet reads it: amounts as decimals of the currency, rates as percents. */
function csvValue(kind: CellKind, value: string | number | null, currency: Currency): CsvValue {
  if (value === null || typeof value === 'string') return value;
  if (kind === 'money') return decimalAmount(value, currency);
  if (kind === 'bps') return percentOfBps(value);
  return value;
}

/** Basis points as a percent with two decimals: 1234 → `12.34`, -5 → `-0.05`. */
export function percentOfBps(bps: number): string {
  const units = Math.abs(bps);
  const sign = bps < 0 ? '-' : '';
  return `${sign}${Math.trunc(units / 100)}.${String(units % 100).padStart(2, '0')}`;
}

/** The table as a CSV file's text: byte-order mark, a heading row, one row per row. */
export function tableCsv<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  currency: Currency,
  words: Words,
): string {
  const heading = csvRow(columns.map((column) => words(`columns.${column.id}`)));
  const body = rows.map((row) =>
    csvRow(columns.map((column) => csvValue(column.kind, column.value(row, words), currency))),
  );
  return CSV_BOM + heading + body.join('');
}
