/**
 * A return at the till against a receipt: what is left to refund on the order (this till's earlier refunds
 * counted, offline too), and the refund the till records for the units picked. Priced with the same shared
 * code the server prices it again with (pos-refund.ts). Pure, so every rule is tested without a browser.
 */
import type { Approval } from '@allure/shared/approval';
import type { PaymentMethod } from '@allure/shared/enums';
import { type EarlierRefund, priceRefund, refundableQuantities } from '@allure/shared/pos-refund';
import type { ComputedRefund, RefundQuantity } from '@allure/shared/refund';
import type { LocalRefund, RefundRecord } from '../data/refunds.js';
import type { LocalOrder } from '../data/sales.js';

/** Orders a till can take a return on: completed, or partly refunded already. */
export function isReturnable(order: Pick<LocalOrder, 'status'>): boolean {
  return order.status === 'completed' || order.status === 'partially_refunded';
}

/** The refunds that count against the order: every one given here, unless the server refused it. */
export function earlierRefunds(refunds: readonly LocalRefund[]): EarlierRefund[] {
  return refunds
    .filter((refund) => refund.syncState !== 'quarantined')
    .map((refund) => ({ total: refund.total, lines: refund.lines }));
}

/** Units still refundable per order line. */
export function returnableQuantities(
  order: LocalOrder,
  refunds: readonly LocalRefund[],
): Map<string, number> {
  return refundableQuantities(order, earlierRefunds(refunds));
}

/** The units picked: lines at zero are left out. */
export function pickedLines(quantities: ReadonlyMap<string, number>): RefundQuantity[] {
  return [...quantities]
    .filter(([, quantity]) => quantity > 0)
    .map(([orderLineId, quantity]) => ({ orderLineId, quantity }));
}

/** What the units picked give back, or why they cannot be refunded. */
export function priceReturn(
  order: LocalOrder,
  refunds: readonly LocalRefund[],
  lines: readonly RefundQuantity[],
) {
  return priceRefund(order, earlierRefunds(refunds), lines);
}

export interface BuildRefundInput {
  id: string;
  order: LocalOrder;
  refunds: readonly LocalRefund[];
  lines: readonly RefundQuantity[];
  method: PaymentMethod;
  reference: string;
  shiftId: string;
  cashierId: string;
  /** A manager's approval (approval.ts), when the person at the till is a cashier. */
  approval: Approval | null;
  now: Date;
}

export type BuildRefundOutcome =
  | { ok: true; refund: RefundRecord; priced: ComputedRefund }
  | { ok: false; reason: 'not_returnable' | 'empty' | 'exceeds_remaining' | 'reference_required' };

export function buildRefund(input: BuildRefundInput): BuildRefundOutcome {
  if (!isReturnable(input.order)) return { ok: false, reason: 'not_returnable' };
  const reference = input.reference.trim();
  if (input.method === 'mobile_money' && reference === '') return { ok: false, reason: 'reference_required' };
  const priced = priceReturn(input.order, input.refunds, input.lines);
  if (!priced.ok) {
    return { ok: false, reason: priced.reason === 'exceeds_remaining' ? 'exceeds_remaining' : 'empty' };
  }
  return {
    ok: true,
    priced,
    refund: {
      id: input.id,
      orderId: input.order.id,
      orderNumber: input.order.number,
      storeId: input.order.storeId,
      terminalId: input.order.terminalId,
      shiftId: input.shiftId,
      cashierId: input.cashierId,
      lines: priced.lines.map(({ orderLineId, quantity }) => ({ orderLineId, quantity })),
      method: input.method,
      ...(input.method !== 'cash' && reference !== '' ? { reference } : {}),
      ...(input.approval ? { approval: input.approval } : {}),
      refundedAt: input.now.toISOString(),
      total: priced.total,
    },
  };
}
