import {
  type ApprovalSale,
  approvalsRequired,
  missingApprovals,
  type StaffMember,
} from '@allure/shared/approval';
import { type CartTotals, computeCartTotals } from '@allure/shared/cart-totals';
import type { PosOrderInput } from '@allure/shared/order.schema';
import { parseOrderNumber } from '@allure/shared/order-number';

/**
 * What the server makes of a till order before recording it. Pure: the caller loads what it needs.
 *
 * Two kinds of findings. A *rejection* means the order cannot be recorded as a sale of this store at all
 * (another store's, an unknown cashier or variant): it goes to quarantine for a person to look at. A
 * *discrepancy* means the sale happened, money was taken, and something about it does not add up (a price
 * other than the catalogue's at that moment, totals priced differently, a missing manager approval): the
 * order is recorded as the till sold it and the discrepancy is recorded beside it. Offline sales are facts.
 */

export interface ReviewContext {
  store: { id: string; code: string; currency: string };
  terminal: { id: string; code: string };
  staff: ReadonlyMap<string, StaffMember>;
  variants: ReadonlySet<string>;
  customers: ReadonlySet<string>;
  /** The catalogue price of a variant at an instant (price_history), undefined when it has none. */
  priceAt(variantId: string, at: Date): number | undefined;
}

export interface Discrepancy {
  kind: 'price' | 'total' | 'approval';
  orderLineId: string | null;
  variantId: string | null;
  expected: number | null;
  actual: number | null;
  detail: string;
}

export type Review =
  | { ok: false; reason: string }
  | { ok: true; totals: CartTotals; discrepancies: Discrepancy[] };

function rejection(order: PosOrderInput, context: ReviewContext): string | null {
  if (order.storeId !== context.store.id) {
    return `order of store ${order.storeId}, but this terminal belongs to store ${context.store.id}`;
  }
  if (order.terminalId !== context.terminal.id) {
    return `order of terminal ${order.terminalId}, pushed by terminal ${context.terminal.id}`;
  }
  const number = parseOrderNumber(order.number);
  if (
    number?.channel !== 'pos' ||
    number.storeCode !== context.store.code ||
    number.terminalCode !== context.terminal.code
  ) {
    return `order number ${order.number} is not one of terminal ${context.store.code}-${context.terminal.code}`;
  }
  if (order.currency !== context.store.currency) {
    return `order in ${order.currency}, but the store sells in ${context.store.currency}`;
  }
  if (!context.staff.has(order.cashierId)) {
    return `cashier ${order.cashierId} is not staff of this store`;
  }
  const unknown = order.lines.filter((line) => !context.variants.has(line.variantId));
  if (unknown.length > 0) {
    return `unknown variant(s): ${[...new Set(unknown.map((line) => line.variantId))].join(', ')}`;
  }
  if (order.customerId !== undefined && !context.customers.has(order.customerId)) {
    return `unknown customer ${order.customerId}`;
  }
  return null;
}

function priceDiscrepancies(order: PosOrderInput, context: ReviewContext): Discrepancy[] {
  const placedAt = new Date(order.placedAt);
  return order.lines.flatMap((line): Discrepancy[] => {
    const shown = line.catalogUnitPrice ?? line.unitPrice;
    const catalogue = context.priceAt(line.variantId, placedAt);
    if (catalogue === undefined || catalogue === shown) return [];
    return [
      {
        kind: 'price',
        orderLineId: line.id,
        variantId: line.variantId,
        expected: catalogue,
        actual: shown,
        detail: `the till showed ${shown} where the catalogue said ${catalogue} at ${order.placedAt}`,
      },
    ];
  });
}

function approvalDiscrepancies(
  order: PosOrderInput,
  cashier: StaffMember,
  context: ReviewContext,
): Discrepancy[] {
  const sale: ApprovalSale = {
    lines: order.lines.map((line) => ({
      id: line.id,
      quantity: line.quantity,
      catalogUnitPrice: line.catalogUnitPrice ?? line.unitPrice,
      unitPrice: line.unitPrice,
      lineDiscount: line.lineDiscount,
    })),
    cartDiscount: order.cartDiscount,
  };
  const missing = missingApprovals(approvalsRequired(sale, cashier), order.approvals, (id) =>
    context.staff.get(id),
  );
  return missing.map((needed) => ({
    kind: 'approval',
    orderLineId: needed.orderLineId ?? null,
    variantId: order.lines.find((line) => line.id === needed.orderLineId)?.variantId ?? null,
    expected: null,
    actual: null,
    detail: `${needed.action.replace('_', ' ')} ${needed.orderLineId ? `on line ${needed.orderLineId} ` : 'on the cart '}without a valid manager approval`,
  }));
}

export function reviewOrder(order: PosOrderInput, context: ReviewContext): Review {
  const reason = rejection(order, context);
  if (reason !== null) return { ok: false, reason };
  const cashier = context.staff.get(order.cashierId) as StaffMember;
  const totals = computeCartTotals(order);
  const discrepancies = [
    ...priceDiscrepancies(order, context),
    ...approvalDiscrepancies(order, cashier, context),
  ];
  if (totals.total !== order.total) {
    discrepancies.push({
      kind: 'total',
      orderLineId: null,
      variantId: null,
      expected: totals.total,
      actual: order.total,
      detail: `the till charged ${order.total}; the lines price to ${totals.total}`,
    });
  }
  return { ok: true, totals, discrepancies };
}
