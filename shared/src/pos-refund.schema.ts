/**
 * A refund given at the till against a receipt, possibly offline: what the till records and pushes
 * (sync.schema.ts, push collection `refunds`). It extends `refundInput` (lines and units, how the money went
 * back, the manager's approval when a cashier gives it) with where and by whom it was given.
 *
 * `total` is what the till handed back. The server prices the refund again from the order it stored
 * (refund.ts) and records its own figure; the till's is only checked against it.
 */
import type { z } from 'zod';
import { uuid } from './common.schema.js';
import { nonNegativeAmount } from './money.schema.js';
import { refundInput } from './order.schema.js';
import { orderNumber } from './order-number.js';

export const posRefundInput = refundInput
  .safeExtend({
    /** The receipt number the refund was given against, for the refund receipt and the back office. */
    orderNumber,
    storeId: uuid,
    terminalId: uuid,
    /** The shift whose drawer paid a cash refund out (its X and Z reports count it). */
    shiftId: uuid,
    /** Who gave the refund at the till. */
    cashierId: uuid,
    total: nonNegativeAmount,
  })
  .superRefine((value, ctx) => {
    if (value.approval !== undefined && value.approval.action !== 'refund') {
      ctx.addIssue({
        code: 'custom',
        message: 'a refund is approved as a refund',
        path: ['approval', 'action'],
      });
    }
  });
export type PosRefundInput = z.infer<typeof posRefundInput>;
