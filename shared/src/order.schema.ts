/**
 * Orders of both channels, and the inputs that create and change them.
 *
 * A POS order is priced and paid on the terminal, possibly offline, then pushed: it carries everything
 * needed to price it again (unit prices as sold, VAT rates, discounts, `pricesIncludeTax` at the time) plus
 * the `total` the terminal charged. The server recomputes with cart-totals.ts and flags a difference; it
 * never rejects a sale whose money was already taken, so the schema checks only what the terminal controls
 * (shape, limits, payments adding up to its own total, a POS order number).
 *
 * A web order is created from a checkout (checkout.schema.ts) that names variants and quantities only: the
 * server prices it from the catalogue, the browser never sends a price.
 *
 * Limits: at most MAX_CART_LINES lines (200), MAX_TENDERS payments (10), quantities ≤ MAX_QUANTITY.
 */
import { z } from 'zod';
import { approval, approvals } from './approval.js';
import { MAX_CART_LINES } from './cart-totals.js';
import { hasUniqueKeys, isoDateTime, note, quantity, uuid } from './common.schema.js';
import { discount } from './discount.js';
import { channel, orderStatus, paymentMethod, paymentStatus } from './enums.js';
import { currency, nonNegativeAmount } from './money.schema.js';
import { orderNumber, parseOrderNumber } from './order-number.js';
import { vatRate } from './tax.js';
import { MAX_TENDERS, payment, paymentReference } from './tender.js';

export const orderLine = z.object({
  id: uuid,
  variantId: uuid,
  quantity,
  /** Shelf price as sold, minor units of the order currency. */
  unitPrice: nonNegativeAmount,
  /** The catalogue price the till showed, when the cashier sold at another one (a price override). */
  catalogUnitPrice: nonNegativeAmount.optional(),
  vatRate,
  lineDiscount: discount.optional(),
});
export type OrderLine = z.infer<typeof orderLine>;

const orderLines = z
  .array(orderLine)
  .min(1)
  .max(MAX_CART_LINES)
  .refine((lines) => hasUniqueKeys(lines, (line) => line.id), 'order line ids must be unique');

const payments = z.array(payment).max(MAX_TENDERS);

const orderFields = {
  id: uuid,
  number: orderNumber,
  storeId: uuid,
  customerId: uuid.optional(),
  currency,
  pricesIncludeTax: z.boolean(),
  lines: orderLines,
  cartDiscount: discount.optional(),
  payments,
  placedAt: isoDateTime,
};

/** The fields of a till order, before the cross-field checks (sync.schema.ts extends it). */
export const posOrderShape = z.object({
  ...orderFields,
  terminalId: uuid,
  /** Who rang the sale up: the cashier signed in on the till (offline too). */
  cashierId: uuid,
  total: nonNegativeAmount,
  /** Manager approvals given on the till (approval.ts); the server re-checks them with `missingApprovals`. */
  approvals: approvals.default([]),
});

/** A till order has a till order number, and its payments add up to its total. */
export function checkPosOrder(
  value: Pick<z.infer<typeof posOrderShape>, 'number' | 'payments' | 'total'>,
  ctx: z.RefinementCtx,
): void {
  if (parseOrderNumber(value.number)?.channel !== 'pos') {
    ctx.addIssue({ code: 'custom', message: 'a till order has a till order number', path: ['number'] });
  }
  const paid = value.payments.reduce((sum, item) => sum + item.amount, 0);
  if (paid !== value.total) {
    ctx.addIssue({
      code: 'custom',
      message: `payments add up to ${paid}, not ${value.total}`,
      path: ['payments'],
    });
  }
}

export const posOrderInput = posOrderShape.superRefine(checkPosOrder);
export type PosOrderInput = z.infer<typeof posOrderInput>;

export const order = z
  .object({
    ...orderFields,
    channel,
    terminalId: uuid.optional(),
    cashierId: uuid.optional(),
    status: orderStatus,
    paymentStatus,
    subtotal: nonNegativeAmount,
    discountTotal: nonNegativeAmount,
    taxTotal: nonNegativeAmount,
    total: nonNegativeAmount,
  })
  .superRefine((value, ctx) => {
    if (parseOrderNumber(value.number)?.channel !== value.channel) {
      ctx.addIssue({ code: 'custom', message: `not a ${value.channel} order number`, path: ['number'] });
    }
    if ((value.channel === 'pos') !== (value.terminalId !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'till orders, and only they, have a terminal',
        path: ['terminalId'],
      });
    }
  });
export type Order = z.infer<typeof order>;

/** The lines of a refund: which order lines, how many units of each (each line once). */
export const refundLines = z
  .array(z.object({ orderLineId: uuid, quantity }))
  .min(1)
  .max(MAX_CART_LINES)
  .refine((lines) => hasUniqueKeys(lines, (line) => line.orderLineId), 'each order line appears once');

/**
 * Amounts are computed by refund.ts from the order; the input names only lines and units, and how the money
 * goes back (a mobile-money refund needs the operator's transaction reference).
 */
export const refundInput = z
  .object({
    id: uuid,
    orderId: uuid,
    lines: refundLines,
    method: paymentMethod,
    reference: paymentReference.optional(),
    note: note.optional(),
    refundedAt: isoDateTime,
    /** Needed when a cashier refunds (approval.ts). */
    approval: approval.optional(),
  })
  .refine((input) => input.method !== 'mobile_money' || input.reference !== undefined, {
    message: 'a mobile-money refund needs its transaction reference',
    path: ['reference'],
  });
export type RefundInput = z.infer<typeof refundInput>;

export const voidOrderInput = z.object({ orderId: uuid, reason: note.min(1), approval: approval.optional() });
export type VoidOrderInput = z.infer<typeof voidOrderInput>;

/** Checked against order-status.ts before it is applied. */
export const updateOrderStatusInput = z.object({ orderId: uuid, status: orderStatus });
export type UpdateOrderStatusInput = z.infer<typeof updateOrderStatusInput>;
