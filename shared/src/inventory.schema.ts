/**
 * Stock is a ledger: every change is a movement of a variant at a location, never an overwritten count.
 * The inputs below are what people do (adjust, transfer, receive); the server turns each into movements.
 *
 * Sign rule of a movement's quantity (units added to the location's on-hand stock):
 *   receipt, return, transfer_in, reservation_release  > 0
 *   sale, transfer_out, reservation                    < 0
 *   adjustment                                         either, never 0
 * Reservations hold units for web orders until they are paid or released.
 *
 * Every input carries a client-generated id: terminals record stock work offline, and the id makes a
 * replayed push harmless. A document lists each variant once, at most MAX_STOCK_LINES lines (a stocktake of
 * a large shop is split into several).
 */
import { z } from 'zod';
import { hasUniqueKeys, isoDateTime, note, quantity, signedQuantity, uuid } from './common.schema.js';
import { type StockMovementKind, stockAdjustmentReason, stockMovementKind } from './enums.js';
import { nonNegativeAmount } from './money.js';
import { pageInput } from './pagination.js';

export const MAX_STOCK_LINES = 500;

export const stockMovementSigns: Readonly<Record<StockMovementKind, 1 | -1 | 0>> = {
  receipt: 1,
  return: 1,
  transfer_in: 1,
  reservation_release: 1,
  sale: -1,
  transfer_out: -1,
  reservation: -1,
  adjustment: 0,
};

export const stockMovement = z
  .object({
    id: uuid,
    variantId: uuid,
    locationId: uuid,
    kind: stockMovementKind,
    quantity: signedQuantity,
    /** The order for sales, returns and reservations; the document for the others. */
    sourceId: uuid.optional(),
    occurredAt: isoDateTime,
  })
  .refine(
    (movement) => {
      const sign = stockMovementSigns[movement.kind];
      return sign === 0 || Math.sign(movement.quantity) === sign;
    },
    { message: 'quantity has the wrong sign for this kind of movement', path: ['quantity'] },
  );
export type StockMovement = z.infer<typeof stockMovement>;

const uniqueVariants = (lines: readonly { variantId: string }[]) =>
  hasUniqueKeys(lines, (line) => line.variantId);
const uniqueVariantsMessage = { message: 'each variant appears on one line only' };

export const stockAdjustmentInput = z.object({
  id: uuid,
  locationId: uuid,
  reason: stockAdjustmentReason,
  note: note.optional(),
  lines: z
    .array(z.object({ variantId: uuid, quantity: signedQuantity }))
    .min(1)
    .max(MAX_STOCK_LINES)
    .refine(uniqueVariants, uniqueVariantsMessage),
});
export type StockAdjustmentInput = z.infer<typeof stockAdjustmentInput>;

export const stockTransferInput = z
  .object({
    id: uuid,
    fromLocationId: uuid,
    toLocationId: uuid,
    note: note.optional(),
    lines: z
      .array(z.object({ variantId: uuid, quantity }))
      .min(1)
      .max(MAX_STOCK_LINES)
      .refine(uniqueVariants, uniqueVariantsMessage),
  })
  .refine((transfer) => transfer.fromLocationId !== transfer.toLocationId, {
    message: 'a transfer goes to another location',
    path: ['toLocationId'],
  });
export type StockTransferInput = z.infer<typeof stockTransferInput>;

/** Goods arriving from a supplier; `unitCost` is in minor units of the store's currency. */
export const stockReceiptInput = z.object({
  id: uuid,
  locationId: uuid,
  supplierReference: z.string().trim().min(1).max(64).optional(),
  note: note.optional(),
  lines: z
    .array(z.object({ variantId: uuid, quantity, unitCost: nonNegativeAmount.optional() }))
    .min(1)
    .max(MAX_STOCK_LINES)
    .refine(uniqueVariants, uniqueVariantsMessage),
});
export type StockReceiptInput = z.infer<typeof stockReceiptInput>;

export const listStockMovementsInput = pageInput.extend({
  locationId: uuid.optional(),
  variantId: uuid.optional(),
  kind: stockMovementKind.optional(),
});
export type ListStockMovementsInput = z.infer<typeof listStockMovementsInput>;
