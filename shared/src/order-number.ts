/**
 * Human-readable order numbers that terminals can mint OFFLINE without ever colliding.
 *
 * Point of sale: `<store>-<terminal>-<sequence>`, e.g. `DKR1-T02-000123`.
 *   store     2–8 uppercase letters or digits, unique per tenant (`DKR1`, `PARIS11`);
 *   terminal  `T` and 2 digits, or 3 without a leading zero, unique within the store (`T01` … `T99`, `T100` …
 *             `T999`), so that `T01` and `T001` can never both exist;
 *   sequence  per terminal, from 1, zero-padded to 6 digits and simply longer past 999999 (`1000000`).
 * Uniqueness comes from the (store, terminal) prefix; each terminal only ever increments its own counter,
 * which it persists locally and which the server also keeps as a high-water mark for re-provisioning.
 *
 * Web shop: `<store>-W-<sequence>`, e.g. `DKR1-W-000042`: the store that fulfils the order, the letter W
 * (never a terminal code, which starts with T), and a per-store web sequence allocated by the server at
 * checkout (web orders are created online, so a database sequence suffices).
 *
 * Only the canonical form parses: `DKR1-T02-123` and `DKR1-T02-0001000000` are rejected, so one order has
 * exactly one number string. Compare with `compareOrderNumbers`, not string order: `…-999999` comes before
 * `…-1000000`.
 */
import { z } from 'zod';
import type { Channel } from './enums.js';

export const SEQUENCE_PADDING = 6;
/** Sequences stay exact numbers and order numbers stay short (at most 8+1+4+1+15 = 29 characters). */
export const MAX_SEQUENCE = 999_999_999_999_999;
export const WEB_MARKER = 'W';

const storeCodePattern = /^[A-Z0-9]{2,8}$/;
const terminalCodePattern = /^T(?:[0-9]{2}|[1-9][0-9]{2})$/;

export const storeCode = z.string().regex(storeCodePattern, 'store code: 2 to 8 uppercase letters or digits');
export const terminalCode = z.string().regex(terminalCodePattern, 'terminal code: T01 to T999');

export type OrderNumberParts =
  | { channel: Extract<Channel, 'pos'>; storeCode: string; terminalCode: string; sequence: number }
  | { channel: Extract<Channel, 'web'>; storeCode: string; sequence: number };

function isSequence(sequence: number): boolean {
  return Number.isSafeInteger(sequence) && sequence >= 1 && sequence <= MAX_SEQUENCE;
}

/** Throws a RangeError on parts that would not parse back. */
export function formatOrderNumber(parts: OrderNumberParts): string {
  if (!storeCodePattern.test(parts.storeCode)) {
    throw new RangeError(`invalid store code ${JSON.stringify(parts.storeCode)}`);
  }
  if (parts.channel === 'pos' && !terminalCodePattern.test(parts.terminalCode)) {
    throw new RangeError(`invalid terminal code ${JSON.stringify(parts.terminalCode)}`);
  }
  if (!isSequence(parts.sequence)) {
    throw new RangeError(`sequence must be an integer in 1..${MAX_SEQUENCE}, got ${parts.sequence}`);
  }
  const middle = parts.channel === 'pos' ? parts.terminalCode : WEB_MARKER;
  return `${parts.storeCode}-${middle}-${String(parts.sequence).padStart(SEQUENCE_PADDING, '0')}`;
}

const orderNumberPattern = /^([A-Z0-9]{2,8})-(T(?:[0-9]{2}|[1-9][0-9]{2})|W)-([0-9]{6,15})$/;

/** The parts of a canonical order number, or null for anything else. */
export function parseOrderNumber(value: string): OrderNumberParts | null {
  const match = orderNumberPattern.exec(value);
  if (!match) return null;
  const [, store = '', middle = '', digits = ''] = match;
  if (digits.length > SEQUENCE_PADDING && digits.startsWith('0')) return null;
  const sequence = Number(digits);
  if (!isSequence(sequence)) return null;
  return middle === WEB_MARKER
    ? { channel: 'web', storeCode: store, sequence }
    : { channel: 'pos', storeCode: store, terminalCode: middle, sequence };
}

/** The number after `previous` on the same terminal or web counter. */
export function nextOrderNumber(previous: OrderNumberParts): OrderNumberParts {
  return { ...previous, sequence: previous.sequence + 1 };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Terminals by number (T99 before T100), then the web counter after every terminal. */
function counterRank(parts: OrderNumberParts): number {
  return parts.channel === 'pos' ? Number(parts.terminalCode.slice(1)) : 1000;
}

/**
 * Total order for lists and reports: by store, then terminal by number (web after every terminal), then sequence
 * numerically. Throws a RangeError if either argument is not an order number.
 */
export function compareOrderNumbers(a: string, b: string): number {
  const left = parseOrderNumber(a);
  const right = parseOrderNumber(b);
  if (!left || !right) {
    throw new RangeError(`not an order number: ${JSON.stringify(left ? b : a)}`);
  }
  return (
    compareText(left.storeCode, right.storeCode) ||
    counterRank(left) - counterRank(right) ||
    Math.sign(left.sequence - right.sequence)
  );
}

export const orderNumber = z
  .string()
  .max(32)
  .refine((value) => parseOrderNumber(value) !== null, 'order number: STORE-T01-000001 or STORE-W-000001');
