/**
 * CSV as spreadsheets read it (RFC 4180): comma-separated cells, CRLF line ends, a cell quoted when it holds
 * a comma, a quote or a line break, quotes inside doubled. Exports start with a UTF-8 byte-order mark, or
 * Excel reads UTF-8 as the local code page and `Ndèye` becomes `NdÃ¨ye`.
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - or @ (or a tab or carriage return that
 * hides one) as a formula, so a customer named `=HYPERLINK(...)` would attack whoever opens the export. Such
 * text cells get a leading apostrophe, which makes them text. Plain numbers (`-1500`, `12.50`) are left as
 * they are: a spreadsheet reads them as numbers, never as formulas.
 */
import { type Currency, minorUnitExponent } from './currency.js';

export const CSV_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: null and undefined are empty, numbers and booleans as written, text escaped. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, line end included. */
export function csvRow(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',') + CSV_LINE_END;
}

/**
 * An amount in minor units as a decimal in its currency's exponent, with a point: 123456 EUR is `1234.56`,
 * -5 EUR is `-0.05`, 1500 XOF is `1500`. No grouping and no currency sign, so spreadsheets sum the column.
 */
export function decimalAmount(amount: number, currency: Currency): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`an amount is an integer of minor units: ${amount}`);
  const exponent = minorUnitExponent(currency);
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  const sign = amount < 0 ? '-' : '';
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
