import type { PaymentMethod } from '@allure/shared/enums';
import { saleStatuses, takenPaymentStatuses } from '@allure/shared/report';
import type { ZReportInput } from '@allure/shared/report.schema';
import type { ShiftStatus } from '@allure/shared/shift.schema';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { type Progress, toNumber } from './report-period.js';

/**
 * The Z-report of a shift: what its till sold, by tender, and whether the drawer holds what it should.
 *
 * The shift's orders are those recorded with its id, and those of its till placed while it was open (tills
 * do not send the shift with an order yet). Sales follow report.ts; voided orders are listed apart, their
 * money went back at the till. Refunds are those paid out of this shift's drawer (a refund names its shift).
 *
 * expected cash = opening float + cash tendered − change given − cash refunded from the drawer
 * difference    = counted − expected (negative: cash missing)
 *
 * The till's own expected figure (sent when it closed the shift) is shown beside the server's.
 */

export interface TenderTotals {
  method: PaymentMethod;
  payments: number;
  amount: number;
  tendered: number;
  change: number;
}

export interface ZReport {
  shift: {
    id: string;
    status: ShiftStatus;
    openedAt: Date;
    closedAt: Date | null;
    terminal: { id: string; code: string };
    openedBy: { id: string; name: string };
    closedBy: { id: string; name: string } | null;
  };
  currency: string;
  orders: number;
  discounts: number;
  /** Sold, tax included (what the tenders add up to), and the tax in it. */
  sales: number;
  tax: number;
  tenders: TenderTotals[];
  voids: { orders: number; amount: number };
  refunds: {
    count: number;
    amount: number;
    byMethod: { method: PaymentMethod; count: number; amount: number }[];
  };
  openingFloat: number;
  expectedCash: number;
  countedCash: number | null;
  difference: number | null;
  tillExpectedCash: number | null;
}

interface ShiftRow {
  id: string;
  status: ShiftStatus;
  opened_at: Date;
  closed_at: Date | null;
  opening_float: number;
  counted_cash: number | null;
  expected_cash: number | null;
  terminal_id: string;
  terminal_code: string;
  opened_by_id: string;
  opened_by_name: string;
  closed_by_id: string | null;
  closed_by_name: string | null;
  currency: string;
}

/**
 * The orders of shift $1: its own, and those of its till ($4) placed while it was open ($5 to $6, or to
 * now): two index ranges (order_shift_id_idx, order_terminal_id_placed_at_idx).
 */
const SHIFT_ORDERS = `(o.shift_id = $1 OR (o.shift_id IS NULL AND o.terminal_id = $4
  AND o.placed_at >= $5::timestamptz AND o.placed_at < coalesce($6::timestamptz, 'infinity')))`;
const IS_SALE = 'o.status = ANY($2::order_status[]) AND o.payment_status = ANY($3::payment_status[])';

export async function zReport(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ZReportInput,
  onProgress?: Progress,
): Promise<ZReport> {
  const storeId = storeScope(principal).storeId ?? null;
  const found = await ctx.db.pool.query<ShiftRow>(
    `SELECT s.id, s.status, s.opened_at, s.closed_at, s.opening_float, s.counted_cash, s.expected_cash,
            t.id AS terminal_id, t.code AS terminal_code, ob.id AS opened_by_id, ob.name AS opened_by_name,
            cb.id AS closed_by_id, cb.name AS closed_by_name, st.currency
       FROM shift s
       JOIN terminal t ON t.id = s.terminal_id
       JOIN store st ON st.id = s.store_id
       JOIN "user" ob ON ob.id = s.opened_by_id
       LEFT JOIN "user" cb ON cb.id = s.closed_by_id
      WHERE s.id = $1 AND ($2::uuid IS NULL OR s.store_id = $2::uuid)`,
    [input.shiftId, storeId],
  );
  const shift = found.rows[0];
  if (!shift) throw new NotFoundError('shift', input.shiftId);
  const parameters = [
    shift.id,
    saleStatuses,
    takenPaymentStatuses,
    shift.terminal_id,
    shift.opened_at,
    shift.closed_at,
  ];

  const [orders, tenders, refunds] = await Promise.all([
    ctx.db.pool.query<Record<string, string | null>>(
      `SELECT count(*) FILTER (WHERE ${IS_SALE}) AS orders,
              sum(o.discount_total) FILTER (WHERE ${IS_SALE}) AS discounts,
              sum(o.total) FILTER (WHERE ${IS_SALE}) AS sales,
              sum(o.tax_total) FILTER (WHERE ${IS_SALE}) AS tax,
              count(*) FILTER (WHERE o.status = 'voided') AS voided,
              sum(o.total) FILTER (WHERE o.status = 'voided') AS voided_amount
         FROM "order" o
        WHERE ${SHIFT_ORDERS}`,
      parameters,
    ),
    ctx.db.pool.query<Record<string, string | null> & { method: PaymentMethod }>(
      `SELECT p.method, count(*) AS payments, sum(p.amount) AS amount,
              sum(coalesce(p.tendered, p.amount)) AS tendered, sum(coalesce(p.change, 0)) AS change
         FROM "order" o
         JOIN payment p ON p.order_id = o.id AND p.status = ANY($3::payment_status[])
        WHERE ${SHIFT_ORDERS} AND ${IS_SALE}
        GROUP BY p.method
        ORDER BY p.method`,
      parameters,
    ),
    ctx.db.pool.query<{ method: PaymentMethod; count: string; amount: string }>(
      `SELECT r.method, count(*) AS count, sum(r.amount) AS amount
         FROM refund r WHERE r.shift_id = $1
        GROUP BY r.method
        ORDER BY r.method`,
      [shift.id],
    ),
  ]);
  const totals = orders.rows[0] ?? {};
  const tenderTotals = tenders.rows.map(
    (row): TenderTotals => ({
      method: row.method,
      payments: toNumber(row.payments ?? null),
      amount: toNumber(row.amount ?? null),
      tendered: toNumber(row.tendered ?? null),
      change: toNumber(row.change ?? null),
    }),
  );
  const refundsByMethod = refunds.rows.map((row) => ({
    method: row.method,
    count: toNumber(row.count),
    amount: toNumber(row.amount),
  }));
  const cash = tenderTotals.find((tender) => tender.method === 'cash');
  const cashRefunded = refundsByMethod.find((refund) => refund.method === 'cash')?.amount ?? 0;
  const expectedCash = shift.opening_float + (cash?.tendered ?? 0) - (cash?.change ?? 0) - cashRefunded;
  onProgress?.(1);
  return {
    shift: {
      id: shift.id,
      status: shift.status,
      openedAt: shift.opened_at,
      closedAt: shift.closed_at,
      terminal: { id: shift.terminal_id, code: shift.terminal_code },
      openedBy: { id: shift.opened_by_id, name: shift.opened_by_name },
      closedBy: shift.closed_by_id ? { id: shift.closed_by_id, name: shift.closed_by_name ?? '' } : null,
    },
    currency: shift.currency,
    orders: toNumber(totals.orders ?? null),
    discounts: toNumber(totals.discounts ?? null),
    sales: toNumber(totals.sales ?? null),
    tax: toNumber(totals.tax ?? null),
    tenders: tenderTotals,
    voids: { orders: toNumber(totals.voided ?? null), amount: toNumber(totals.voided_amount ?? null) },
    refunds: {
      count: refundsByMethod.reduce((sum, refund) => sum + refund.count, 0),
      amount: refundsByMethod.reduce((sum, refund) => sum + refund.amount, 0),
      byMethod: refundsByMethod,
    },
    openingFloat: shift.opening_float,
    expectedCash,
    countedCash: shift.counted_cash,
    difference: shift.counted_cash === null ? null : shift.counted_cash - expectedCash,
    tillExpectedCash: shift.expected_cash,
  };
}
