/**
 * Stock is a ledger: every change is a movement of a variant at a location, never an overwritten count.
 * The inputs below are what people do (adjust, transfer, receive); the server turns each into movements
 * (shared/src/stock-ledger.ts) and keeps the input as a stock document, so history says who did what and why.
 *
 * Sign rule of a movement's quantity (units added to the location's on-hand stock):
 *   receipt, return, transfer_in, reservation_release  > 0
 *   sale, transfer_out, reservation                    < 0
 *   adjustment                                         either, never 0
 * Reservations hold units for web orders until they are paid or released.
 *
 * Every document carries a client-generated id: a replay with the same content is answered with the first
 * result, and another document under a used id is refused. A document lists each variant once, at most
 * MAX_STOCK_LINES lines (a stocktake of a large shop is split into several).
 *
 * A transfer or a negative adjustment may not take a location below zero unless `allowNegative` says the
 * manager means it (stock known to be there but not yet counted in, a correction of a wrong receipt).
 */
import { z } from 'zod';
import { MAX_QUANTITY } from './cart-totals.js';
import { hasUniqueKeys, isoDateTime, note, quantity, signedQuantity, uuid } from './common.schema.js';
import { type StockMovementKind, stockAdjustmentReason, stockMovementKind } from './enums.js';
import { nonNegativeAmount } from './money.schema.js';
import { pageInput } from './pagination.js';

export const MAX_STOCK_LINES = 500;

/** Largest unit cost a receipt records: costs are stored in a 32-bit integer column, like prices. */
export const MAX_UNIT_COST = 2_147_483_647;

export const stockDocumentKinds = ['adjustment', 'transfer', 'receipt'] as const;
export const stockDocumentKind = z.enum(stockDocumentKinds);
export type StockDocumentKind = z.infer<typeof stockDocumentKind>;

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

/** The manager lets the document take a level below zero; refused otherwise. */
const allowNegative = z.boolean().default(false);

export const stockAdjustmentInput = z.object({
  id: uuid,
  locationId: uuid,
  reason: stockAdjustmentReason,
  note: note.optional(),
  allowNegative,
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
    allowNegative,
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

/**
 * Goods arriving from a supplier. `unitCost` is in minor units of the variant's currency (that of its price
 * and cost price); a line with a cost moves the variant's cost price to the weighted average
 * (shared/src/stock-cost.ts).
 */
export const stockReceiptInput = z.object({
  id: uuid,
  locationId: uuid,
  supplierReference: z.string().trim().min(1).max(64).optional(),
  note: note.optional(),
  lines: z
    .array(z.object({ variantId: uuid, quantity, unitCost: nonNegativeAmount.max(MAX_UNIT_COST).optional() }))
    .min(1)
    .max(MAX_STOCK_LINES)
    .refine(uniqueVariants, uniqueVariantsMessage),
});
export type StockReceiptInput = z.infer<typeof stockReceiptInput>;

export const listStockMovementsInput = pageInput.extend({
  locationId: uuid.optional(),
  variantId: uuid.optional(),
  kind: stockMovementKind.optional(),
  documentId: uuid.optional(),
});
export type ListStockMovementsInput = z.infer<typeof listStockMovementsInput>;

export const listStockDocumentsInput = pageInput.extend({
  /** Documents that take stock from or bring it to this location. */
  locationId: uuid.optional(),
  kind: stockDocumentKind.optional(),
});
export type ListStockDocumentsInput = z.infer<typeof listStockDocumentsInput>;

/** Levels in SKU order; `search` is a SKU prefix or an exact barcode. */
export const listStockLevelsInput = pageInput.extend({
  locationId: uuid.optional(),
  variantId: uuid.optional(),
  productId: uuid.optional(),
  search: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, 'search: a SKU or its beginning (letters, digits, hyphens), or a barcode')
    .optional(),
  lowOnly: z.boolean().default(false),
});
export type ListStockLevelsInput = z.infer<typeof listStockLevelsInput>;

/** A level is low at or under its threshold; null removes the threshold. */
export const lowStockThreshold = z.number().int().min(0).max(MAX_QUANTITY).nullable();

export const setLowStockThresholdInput = z.object({
  variantId: uuid,
  locationId: uuid,
  threshold: lowStockThreshold,
});
export type SetLowStockThresholdInput = z.infer<typeof setLowStockThresholdInput>;

/** One threshold for many levels of a location: the listed variants, or every level the location has. */
export const setLocationThresholdInput = z.object({
  locationId: uuid,
  threshold: lowStockThreshold,
  variantIds: z
    .array(uuid)
    .min(1)
    .max(MAX_STOCK_LINES)
    .refine((ids) => hasUniqueKeys(ids, (id) => id), { message: 'each variant appears once' })
    .optional(),
});
export type SetLocationThresholdInput = z.infer<typeof setLocationThresholdInput>;

/** Low levels, most recently gone low first (`recent`) or fewest units first (`quantity`). */
export const listLowStockInput = pageInput.extend({
  locationId: uuid.optional(),
  order: z.enum(['recent', 'quantity']).default('recent'),
});
export type ListLowStockInput = z.infer<typeof listLowStockInput>;

export const listOversellAlertsInput = pageInput.extend({
  locationId: uuid.optional(),
  status: z.enum(['open', 'resolved']).default('open'),
});
export type ListOversellAlertsInput = z.infer<typeof listOversellAlertsInput>;

/** What the manager found or did about an oversell (counted again, transferred units, wrote off). */
export const resolveOversellAlertInput = z.object({
  id: uuid,
  note: note.min(1),
});
export type ResolveOversellAlertInput = z.infer<typeof resolveOversellAlertInput>;
