/**
 * Refunds given at this till, kept locally: the remaining refundable units of an order count them offline,
 * the shift's reports count the cash they paid out, and the replication pushes them (pushed only).
 */
import type { posRefundInput } from '@allure/shared/pos-refund.schema';
import { refundDocument } from '@allure/shared/sync.schema';
import type { z } from 'zod';
import type { LocalDatabase } from './local-database.js';
import { type LocalDocuments, parseLocalDocument } from './local-documents.js';
import type { LocalOrder } from './sales.js';

export type LocalRefund = LocalDocuments['refunds'];

/** A refund as the till gave it (pos-refund.schema.ts). */
export type RefundRecord = z.input<typeof posRefundInput>;

/**
 * Records a refund as pending. Throws InvalidDocumentError when it breaks the contract (a bug: the screen
 * builds it with till/return.ts), and RxDB's conflict error when this refund id was already recorded.
 */
export async function recordRefund(
  db: LocalDatabase,
  refund: RefundRecord,
  now = new Date(),
): Promise<LocalRefund> {
  const document = parseLocalDocument(refundDocument, 'refunds', {
    ...refund,
    syncState: 'pending',
    syncError: null,
    updatedAt: now.toISOString(),
    _deleted: false,
  });
  const stored = await db.refunds.insert(document);
  return stored.toMutableJSON();
}

/** The refunds this till gave on an order. */
export async function refundsOfOrder(db: LocalDatabase, orderId: string): Promise<LocalRefund[]> {
  const found = await db.refunds.find({ selector: { orderId }, sort: [{ refundedAt: 'asc' }] }).exec();
  return found.map((refund) => refund.toMutableJSON());
}

/** The refunds given during a shift on this till. */
export async function refundsOfShift(db: LocalDatabase, shiftId: string): Promise<LocalRefund[]> {
  const found = await db.refunds.find({ selector: { shiftId } }).exec();
  return found.map((refund) => refund.toMutableJSON());
}

/** A sale of this store found by its receipt number in the local database (typed or scanned). */
export async function findOrderByNumber(db: LocalDatabase, number: string): Promise<LocalOrder | null> {
  const found = await db.orders.findOne({ selector: { number: number.trim().toUpperCase() } }).exec();
  return found ? found.toMutableJSON() : null;
}
