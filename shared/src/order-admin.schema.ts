/**
 * What managers ask of orders in the back office.
 *
 * The filters are one schema for the order list, its count and its CSV export, so the three always describe
 * the same orders. `placedFrom ≤ placedAt < placedTo`; `numberPrefix` matches the start of the order number,
 * case-insensitively (`dkr1-t01` finds `DKR1-T01-000123`).
 *
 * A refund names order lines and units (left out: everything not refunded yet); its amounts are computed by
 * refund.ts from what the customer paid, never sent. Its `id` is the client's: sending the same refund again
 * (a retry after a lost answer) does not refund twice.
 */
import { z } from 'zod';
import { isoDateTime, note, uuid } from './common.schema.js';
import { channel, orderStatus, paymentMethod, paymentStatus } from './enums.js';
import { refundLines } from './order.schema.js';
import { pageInput } from './pagination.js';
import { paymentReference } from './tender.js';

export const orderNumberPrefix = z
  .string()
  .trim()
  .toUpperCase()
  .min(2)
  .max(32)
  .regex(/^[A-Z0-9-]+$/, 'order number: letters, digits and hyphens');

const orderFilterFields = {
  storeId: uuid.optional(),
  channel: channel.optional(),
  status: orderStatus.optional(),
  paymentStatus: paymentStatus.optional(),
  customerId: uuid.optional(),
  placedFrom: isoDateTime.optional(),
  placedTo: isoDateTime.optional(),
  numberPrefix: orderNumberPrefix.optional(),
};

type PlacedRange = { placedFrom?: string | undefined; placedTo?: string | undefined };
const placedRangeInOrder = (input: PlacedRange) =>
  input.placedFrom === undefined ||
  input.placedTo === undefined ||
  Date.parse(input.placedFrom) < Date.parse(input.placedTo);
const placedRangeMessage = { message: 'placedFrom must be before placedTo', path: ['placedTo'] };

export const orderFilterInput = z.object(orderFilterFields).refine(placedRangeInOrder, placedRangeMessage);
export type OrderFilterInput = z.infer<typeof orderFilterInput>;

/** Newest first (placedAt, then id), keyset-paginated. */
export const orderListInput = pageInput
  .extend(orderFilterFields)
  .refine(placedRangeInOrder, placedRangeMessage);
export type OrderListInput = z.infer<typeof orderListInput>;

export const orderRefundInput = z
  .object({
    id: uuid,
    orderId: uuid,
    lines: refundLines.optional(),
    /** Put the refunded units back on the shelf they were sold from (not for damaged goods). */
    restock: z.boolean().default(false),
    method: paymentMethod,
    reference: paymentReference.optional(),
    /** The open shift whose cash drawer pays a cash refund out, so its Z-report counts it. */
    shiftId: uuid.optional(),
    reason: note.optional(),
  })
  .refine((input) => input.method !== 'mobile_money' || input.reference !== undefined, {
    message: 'a mobile-money refund needs its transaction reference',
    path: ['reference'],
  })
  .refine((input) => input.shiftId === undefined || input.method === 'cash', {
    message: 'only cash leaves a shift’s drawer',
    path: ['shiftId'],
  });
export type OrderRefundInput = z.infer<typeof orderRefundInput>;
