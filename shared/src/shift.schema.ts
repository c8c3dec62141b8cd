/**
 * A shift is one cashier's cash session on one terminal: opened with a counted float, closed with the cash
 * counted in the drawer. Terminals open and close shifts offline, so the id is client-generated; at most one
 * shift per terminal is open at a time (the server enforces it with a partial unique index).
 *
 * `expectedCash` is what the drawer should hold at close (float + cash taken − change − cash refunds),
 * computed by the terminal from its own orders; the server keeps both figures so a manager sees the gap.
 */
import { z } from 'zod';
import { isoDateTime, uuid } from './common.schema.js';
import { nonNegativeAmount } from './money.schema.js';

export const shiftStatuses = ['open', 'closed'] as const;
export const shiftStatus = z.enum(shiftStatuses);
export type ShiftStatus = z.infer<typeof shiftStatus>;

export const shift = z
  .object({
    id: uuid,
    storeId: uuid,
    terminalId: uuid,
    openedById: uuid,
    openedAt: isoDateTime,
    openingFloat: nonNegativeAmount,
    status: shiftStatus,
    closedById: uuid.nullable(),
    closedAt: isoDateTime.nullable(),
    countedCash: nonNegativeAmount.nullable(),
    expectedCash: nonNegativeAmount.nullable(),
  })
  .superRefine((value, ctx) => {
    const closing = [value.closedById, value.closedAt, value.countedCash, value.expectedCash];
    const complete = closing.every((field) => field !== null);
    const empty = closing.every((field) => field === null);
    if (value.status === 'closed' ? !complete : !empty) {
      ctx.addIssue({
        code: 'custom',
        message:
          value.status === 'closed'
            ? 'a closed shift says who closed it, when, and the cash counted and expected'
            : 'an open shift has no closing fields',
        path: ['status'],
      });
    }
    if (value.closedAt !== null && Date.parse(value.closedAt) < Date.parse(value.openedAt)) {
      ctx.addIssue({ code: 'custom', message: 'a shift closes after it opens', path: ['closedAt'] });
    }
  });
export type Shift = z.infer<typeof shift>;
