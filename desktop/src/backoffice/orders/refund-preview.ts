/**
 * What a refund will give back, computed before it is sent with the very code the server runs
 * (shared/src/refund.ts): each line's share of what was paid for it, fitted to what is left of the
 * payments. The server computes it again from the stored order; the preview only shows the manager the
 * figure before they commit to it.
 */
import type { Channel, OrderStatus, PaymentStatus } from '@allure/shared/enums';
import { canTransitionOrder, transitionPayment } from '@allure/shared/order-status';
import {
  computeRefund,
  fitRefundToPaid,
  type RefundQuantity,
  type RefundResult,
  remainingRefund,
} from '@allure/shared/refund';
import { takenPaymentStatuses } from '@allure/shared/report';

/** An order as `orders.admin.get` answers it, as far as a refund needs it. */
export interface RefundableOrder {
  lines: readonly { id: string; quantity: number; total: number; tax: number; refundedQuantity: number }[];
  payments: readonly { amount: number; status: PaymentStatus }[];
  refunds: readonly { amount: number }[];
}

const taken = new Set<PaymentStatus>(takenPaymentStatuses);

function refundable(order: RefundableOrder) {
  const lines = order.lines.map((line) => ({
    orderLineId: line.id,
    quantity: line.quantity,
    total: line.total,
    tax: line.tax,
    net: line.total - line.tax,
  }));
  const previous = order.lines
    .filter((line) => line.refundedQuantity > 0)
    .map((line) => ({ orderLineId: line.id, quantity: line.refundedQuantity }));
  return { lines, previous };
}

/** Every unit not refunded yet: what a full refund names. */
export function unitsLeft(order: RefundableOrder): RefundQuantity[] {
  const { lines, previous } = refundable(order);
  return remainingRefund(lines, previous);
}

/** The refund of `request` (lines and units), as the server will record it. */
export function previewRefund(order: RefundableOrder, request: readonly RefundQuantity[]): RefundResult {
  const { lines, previous } = refundable(order);
  const result = computeRefund(lines, previous, request);
  if (!result.ok) return result;
  const paid = order.payments
    .filter((payment) => taken.has(payment.status))
    .reduce((sum, payment) => sum + payment.amount, 0);
  const refunded = order.refunds.reduce((sum, refund) => sum + refund.amount, 0);
  return fitRefundToPaid(result, Math.max(0, paid - refunded));
}

/** Whether the order's status and payment allow a refund at all (order-status.ts), as the server checks. */
export function canRefund(order: { channel: Channel; status: OrderStatus; paymentStatus: PaymentStatus }) {
  return (['partially_refunded', 'refunded'] as const).some(
    (after) =>
      canTransitionOrder(order.channel, order.status, after) &&
      transitionPayment(order.paymentStatus, after).ok,
  );
}
