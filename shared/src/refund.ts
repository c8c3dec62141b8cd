/**
 * Refunds by line and quantity against an order's computed lines (cart-totals.ts).
 *
 * What a customer gets back for a line is a share of what they actually PAID for it: the line's total after
 * its own discount, its prorated share of the cart discount and tax, never the shelf price.
 *
 * Proration rule (cumulative, so partial refunds add up exactly): for a line of Q units that paid T in
 * total, the first c units refunded are worth round(T × c ÷ Q), half away from zero. A refund of q more
 * units after p already refunded is worth round(T × (p + q) ÷ Q) − round(T × p ÷ Q). The tax refunded follows
 * the same rule on the line's tax, and net = total − tax. Hence:
 * - refunding every unit, in one go or in any sequence of partial refunds, returns exactly T, and exactly the
 *   line's tax, so the books balance to the minor unit;
 * - no refund is ever negative or takes the line past what was paid;
 * - no more units than were sold can be refunded (`exceeds_remaining`).
 * This assumes every earlier refund of the order was computed here; `previous` only needs their quantities.
 *
 * Which tender the money goes back to is a payment concern, not decided here.
 */
import type { CartTotals } from './cart-totals.js';
import { mulDivRound } from './rounding.js';
import type { TaxedAmount } from './tax.js';

export interface RefundableLine extends TaxedAmount {
  orderLineId: string;
  /** Units sold on the line. */
  quantity: number;
}

export interface RefundQuantity {
  orderLineId: string;
  quantity: number;
}

export interface RefundLine extends RefundQuantity, TaxedAmount {}

export type RefundResult =
  | (TaxedAmount & {
      ok: true;
      lines: RefundLine[];
      /** True when, with this refund, every unit of the order has been refunded. */
      fullyRefunded: boolean;
    })
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'unknown_line' | 'duplicate_line'; orderLineId: string }
  | { ok: false; reason: 'exceeds_remaining'; orderLineId: string; remaining: number };

function assertQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new RangeError(`a refund quantity must be a positive integer, got ${quantity}`);
  }
}

/** Pairs order lines (by position) with their computed totals, as `computeRefund` needs them. */
export function refundableLines(
  lines: readonly { id: string; quantity: number }[],
  totals: Pick<CartTotals, 'lines'>,
): RefundableLine[] {
  if (lines.length !== totals.lines.length) {
    throw new RangeError(`expected ${lines.length} computed lines, got ${totals.lines.length}`);
  }
  return lines.map((line, index) => {
    const { net = 0, tax = 0, total = 0 } = totals.lines[index] ?? {};
    return { orderLineId: line.id, quantity: line.quantity, net, tax, total };
  });
}

/** Units already refunded per order line. Throws if the history refunds unknown lines or too many units. */
export function refundedQuantities(
  order: readonly RefundableLine[],
  previous: readonly RefundQuantity[],
): Map<string, number> {
  const sold = new Map(order.map((line) => [line.orderLineId, line.quantity]));
  const refunded = new Map(order.map((line) => [line.orderLineId, 0]));
  for (const entry of previous) {
    assertQuantity(entry.quantity);
    const already = refunded.get(entry.orderLineId);
    if (already === undefined) {
      throw new RangeError(`refund history names unknown order line ${entry.orderLineId}`);
    }
    const next = already + entry.quantity;
    if (next > (sold.get(entry.orderLineId) ?? 0)) {
      throw new RangeError(`refund history refunds more than was sold on ${entry.orderLineId}`);
    }
    refunded.set(entry.orderLineId, next);
  }
  return refunded;
}

/** A request for every unit not refunded yet (a "full refund", also after partial ones). */
export function remainingRefund(
  order: readonly RefundableLine[],
  previous: readonly RefundQuantity[],
): RefundQuantity[] {
  const refunded = refundedQuantities(order, previous);
  return order
    .map((line) => ({
      orderLineId: line.orderLineId,
      quantity: line.quantity - (refunded.get(line.orderLineId) ?? 0),
    }))
    .filter((line) => line.quantity > 0);
}

export function computeRefund(
  order: readonly RefundableLine[],
  previous: readonly RefundQuantity[],
  request: readonly RefundQuantity[],
): RefundResult {
  if (request.length === 0) return { ok: false, reason: 'empty' };
  const refunded = refundedQuantities(order, previous);
  const byId = new Map(order.map((line) => [line.orderLineId, line]));
  const seen = new Set<string>();
  const lines: RefundLine[] = [];

  for (const { orderLineId, quantity } of request) {
    assertQuantity(quantity);
    const line = byId.get(orderLineId);
    if (!line) return { ok: false, reason: 'unknown_line', orderLineId };
    if (seen.has(orderLineId)) return { ok: false, reason: 'duplicate_line', orderLineId };
    seen.add(orderLineId);
    const before = refunded.get(orderLineId) ?? 0;
    const remaining = line.quantity - before;
    if (quantity > remaining) return { ok: false, reason: 'exceeds_remaining', orderLineId, remaining };

    const after = before + quantity;
    const share = (amount: number, units: number) => mulDivRound(amount, units, line.quantity);
    const total = share(line.total, after) - share(line.total, before);
    const tax = share(line.tax, after) - share(line.tax, before);
    lines.push({ orderLineId, quantity, net: total - tax, tax, total });
    refunded.set(orderLineId, after);
  }

  const fullyRefunded = order.every((line) => refunded.get(line.orderLineId) === line.quantity);
  const sum = (pick: (line: RefundLine) => number) => lines.reduce((acc, line) => acc + pick(line), 0);
  return {
    ok: true,
    lines,
    net: sum((line) => line.net),
    tax: sum((line) => line.tax),
    total: sum((line) => line.total),
    fullyRefunded,
  };
}

export type ComputedRefund = Extract<RefundResult, { ok: true }>;

/**
 * What a refund gives back, given what the customer paid. The lines price what was sold; the payments are
 * what was taken, and a till may have charged otherwise (a `total` discrepancy, recorded at sync rather than
 * refused). So a refund never returns more than is left of what was paid, and the refund that completes the
 * order returns exactly what is left: an order refunded in full has given back all its money, no more.
 * The difference is taken from (or added to) the last lines; a line's tax never exceeds its total.
 */
export function fitRefundToPaid(refund: ComputedRefund, remainingPaid: number): ComputedRefund {
  if (!Number.isSafeInteger(remainingPaid) || remainingPaid < 0) {
    throw new RangeError(`what is left of the payments must be a non-negative integer, got ${remainingPaid}`);
  }
  const target = refund.fullyRefunded ? remainingPaid : Math.min(refund.total, remainingPaid);
  if (target === refund.total) return refund;
  const totals = refund.lines.map((line) => line.total);
  let difference = target - refund.total;
  for (let index = totals.length - 1; index >= 0 && difference !== 0; index -= 1) {
    const current = totals[index] ?? 0;
    // Money added goes to the last line; money taken away empties lines from the last one up.
    const change = difference > 0 ? difference : Math.max(difference, -current);
    totals[index] = current + change;
    difference -= change;
  }
  const lines = refund.lines.map((line, index) => {
    const total = totals[index] ?? 0;
    const tax = Math.min(line.tax, total);
    return { ...line, total, tax, net: total - tax };
  });
  const sum = (pick: (line: RefundLine) => number) => lines.reduce((acc, line) => acc + pick(line), 0);
  return {
    ...refund,
    lines,
    net: sum((line) => line.net),
    tax: sum((line) => line.tax),
    total: sum((line) => line.total),
  };
}
