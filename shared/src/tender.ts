/**
 * Settling a sale: what the customer hands over (tenders) becomes what the order records (payments).
 *
 * - Tenders may be split across methods (up to MAX_TENDERS): cash, card, mobile money (with the operator's
 *   transaction reference, e.g. Wave or Orange Money, so the payment can be reconciled).
 * - Change is given only from cash: card and mobile-money tenders together may not exceed the total, and the
 *   change (everything tendered above the total) must be covered by the cash tendered.
 * - All cash tenders become ONE cash payment `{ amount: applied, tendered }`, so change = tendered − amount.
 *   Cash that was not needed at all (non-cash covered the total) is handed back and not recorded.
 * - No cash rounding: XOF coins go down to 1 F and euro cents circulate, so totals are paid to the unit.
 *
 * Not enough money and change on a card are business outcomes, returned as `{ ok: false, reason }`.
 * Malformed tenders (non-integer or non-positive amounts, missing reference) throw: a schema rejects them first.
 */
import { z } from 'zod';
import { positiveAmount } from './money.schema.js';

export const MAX_TENDERS = 10;

export const paymentReference = z.string().trim().min(1).max(64);

export const tender = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash'), amount: positiveAmount }),
  z.object({ method: z.literal('card'), amount: positiveAmount, reference: paymentReference.optional() }),
  z.object({ method: z.literal('mobile_money'), amount: positiveAmount, reference: paymentReference }),
]);
export type Tender = z.infer<typeof tender>;

/** A payment as recorded on an order; `amount` is what it contributed to the total. */
export const payment = z.discriminatedUnion('method', [
  z
    .object({ method: z.literal('cash'), amount: positiveAmount, tendered: positiveAmount })
    .refine((cash) => cash.tendered >= cash.amount, {
      message: 'tendered must cover amount',
      path: ['tendered'],
    }),
  z.object({ method: z.literal('card'), amount: positiveAmount, reference: paymentReference.optional() }),
  z.object({ method: z.literal('mobile_money'), amount: positiveAmount, reference: paymentReference }),
]);
export type Payment = z.infer<typeof payment>;

export type Settlement =
  | {
      ok: true;
      /** Sums exactly to the total. */
      payments: Payment[];
      tendered: number;
      change: number;
    }
  | { ok: false; reason: 'insufficient'; remaining: number }
  | { ok: false; reason: 'change_from_non_cash'; excess: number };

const tenders = z.array(tender).max(MAX_TENDERS);

function sumAmounts(items: readonly { amount: number }[]): number {
  return items.reduce((total, item) => total + item.amount, 0);
}

function assertTotal(total: number): void {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`total must be a non-negative integer, got ${total}`);
  }
}

/** What is still to pay after these tenders (0 once covered), for the till's "remaining" display. */
export function remainingDue(total: number, given: readonly Tender[]): number {
  assertTotal(total);
  return Math.max(0, total - sumAmounts(given));
}

export function settleTenders(total: number, given: readonly Tender[]): Settlement {
  assertTotal(total);
  const parsed = tenders.safeParse(given);
  if (!parsed.success) {
    throw new RangeError(`invalid tenders: ${parsed.error.message}`);
  }
  const cashTendered = sumAmounts(parsed.data.filter((item) => item.method === 'cash'));
  const nonCash = parsed.data.filter((item) => item.method !== 'cash');
  const nonCashTendered = sumAmounts(nonCash);
  const tendered = cashTendered + nonCashTendered;

  if (tendered < total) {
    return { ok: false, reason: 'insufficient', remaining: total - tendered };
  }
  if (nonCashTendered > total) {
    return { ok: false, reason: 'change_from_non_cash', excess: nonCashTendered - total };
  }

  const change = tendered - total;
  const cashApplied = cashTendered - change;
  const payments: Payment[] = [];
  let cashRecorded = false;
  for (const item of parsed.data) {
    if (item.method !== 'cash') {
      payments.push(item);
    } else if (!cashRecorded && cashApplied > 0) {
      payments.push({ method: 'cash', amount: cashApplied, tendered: cashTendered });
      cashRecorded = true;
    }
  }
  return { ok: true, payments, tendered, change };
}
