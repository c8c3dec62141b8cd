/**
 * Pricing a refund of a till order from the order as it was recorded, the same way on the till (offline,
 * from its local copy) and on the server (from the order it stored): each line's share of what was paid
 * (refund.ts), fitted to what is left of the payments. The till shows and hands back this figure; the
 * server computes it again and keeps its own.
 */
import { type Cart, type CartLine, computeCartTotals } from './cart-totals.js';
import {
  computeRefund,
  fitRefundToPaid,
  type RefundQuantity,
  type RefundResult,
  refundableLines,
  refundedQuantities,
} from './refund.js';

/** A till order as recorded: its lines priced again with cart-totals.ts, its payments as taken. */
export interface RefundableOrder extends Cart {
  lines: readonly (CartLine & { id: string })[];
  payments: readonly { amount: number }[];
}

/** A refund already given on the order: its units and what it gave back. */
export interface EarlierRefund {
  total: number;
  lines: readonly RefundQuantity[];
}

function linesOf(order: RefundableOrder) {
  return refundableLines(order.lines, computeCartTotals(order));
}

/** Units still refundable per order line, after the earlier refunds. */
export function refundableQuantities(
  order: RefundableOrder,
  earlier: readonly EarlierRefund[],
): Map<string, number> {
  const refunded = refundedQuantities(
    linesOf(order),
    earlier.flatMap((refund) => refund.lines),
  );
  return new Map(order.lines.map((line) => [line.id, line.quantity - (refunded.get(line.id) ?? 0)]));
}

/** What giving back `request` after `earlier` is worth, line by line; never more than is left of the payments. */
export function priceRefund(
  order: RefundableOrder,
  earlier: readonly EarlierRefund[],
  request: readonly RefundQuantity[],
): RefundResult {
  const result = computeRefund(
    linesOf(order),
    earlier.flatMap((refund) => refund.lines),
    request,
  );
  if (!result.ok) return result;
  const paid = order.payments.reduce((sum, payment) => sum + payment.amount, 0);
  const given = earlier.reduce((sum, refund) => sum + refund.total, 0);
  return fitRefundToPaid(result, Math.max(0, paid - given));
}
