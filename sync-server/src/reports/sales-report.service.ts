import type { PaymentMethod } from '@allure/shared/enums';
import { addDays, addRowsByKey, daysInPeriod } from '@allure/shared/report';
import type { ReportInput } from '@allure/shared/report.schema';
import type { StaffPrincipal } from '../auth/store-scope.js';
import type { Context } from '../trpc/context.js';
import {
  IS_SALE,
  overPeriod,
  PLACED_IN_WINDOW,
  type Progress,
  REFUNDED_IN_WINDOW,
  type ReportStore,
  reportStore,
  type Summed,
  sumOverPeriod,
  toNumber,
  windowParameters,
} from './report-period.js';

// Reports on whole orders: by day, by hour of the day, by cashier, and by payment method. Each is two
// GROUP BYs per window (sales by when they were placed, refunds by when they were given), joined on the key.

/** A bucket's figures (shared/src/report.ts defines them), minor units of the store's currency. */
export interface SalesFigures {
  orders: number;
  discounts: number;
  /** Sold, before tax, net of discounts. */
  sales: number;
  refundCount: number;
  /** Given back, before tax. */
  refunds: number;
  netSales: number;
  /** Collected less refunded. */
  tax: number;
  /** netSales + tax: the money kept. */
  total: number;
}

/** The figures of orderSumsStatement, by the column each comes back in. */
const ORDER_SUMS = {
  orders: 'orders',
  discounts: 'discounts',
  sales: 'sales',
  salesTax: 'sales_tax',
  refundCount: 'refund_count',
  refunds: 'refunds',
  refundedTax: 'refunded_tax',
} as const;

type Sums = Summed<keyof typeof ORDER_SUMS>;

export interface SalesReport<R> {
  store: ReportStore;
  from: string;
  to: string;
  rows: R[];
}

/**
 * One window's sums per key: sales by when placed, refunds by when given (parameters: windowParameters).
 * Exported for the scale test, which checks its plan.
 */
export function orderSumsStatement(keys: { sale: string; refund: string }): string {
  return `WITH sold AS (
           SELECT coalesce((${keys.sale})::text, '') AS key, count(*) AS orders, sum(o.discount_total) AS discounts,
                  sum(o.total - o.tax_total) AS sales, sum(o.tax_total) AS sales_tax
             FROM "order" o
            WHERE ${IS_SALE} AND ${PLACED_IN_WINDOW}
            GROUP BY 1
         ), refunded AS (
           SELECT coalesce((${keys.refund})::text, '') AS key, count(*) AS refund_count, sum(r.amount - r.tax) AS refunds,
                  sum(r.tax) AS refunded_tax
             FROM refund r JOIN "order" o ON o.id = r.order_id
            WHERE ${IS_SALE} AND ${REFUNDED_IN_WINDOW}
            GROUP BY 1
         )
         SELECT coalesce(s.key, f.key) AS key, s.orders, s.discounts, s.sales, s.sales_tax,
                f.refund_count, f.refunds, f.refunded_tax
           FROM sold s FULL JOIN refunded f ON f.key = s.key`;
}

/** Sums per key over the period; the keys are SQL on `o` and `r` (constants, never input); null is ''. */
async function orderSums(
  ctx: Pick<Context, 'db'>,
  store: ReportStore,
  input: ReportInput,
  keys: { sale: string; refund: string },
  onProgress: Progress | undefined,
): Promise<Map<string, Sums>> {
  return sumOverPeriod(ctx, store, input, orderSumsStatement(keys), ORDER_SUMS, onProgress);
}

const none: Omit<Sums, 'key'> = {
  orders: 0,
  discounts: 0,
  sales: 0,
  salesTax: 0,
  refundCount: 0,
  refunds: 0,
  refundedTax: 0,
};

function figures(sums: Omit<Sums, 'key'> = none): SalesFigures {
  const netSales = sums.sales - sums.refunds;
  const tax = sums.salesTax - sums.refundedTax;
  return {
    orders: sums.orders,
    discounts: sums.discounts,
    sales: sums.sales,
    refundCount: sums.refundCount,
    refunds: sums.refunds,
    netSales,
    tax,
    total: netSales + tax,
  };
}

const localDay = (column: string) => `to_char(${column} AT TIME ZONE $4, 'YYYY-MM-DD')`;
const localHour = (column: string) => `extract(hour FROM ${column} AT TIME ZONE $4)::int`;

/** The keys of the day report: the local day a sale was placed, or a refund given. */
export const byLocalDay = { sale: localDay('o.placed_at'), refund: localDay('r.created_at') };

/** Every day of the period, days without sales included. */
export async function salesByDay(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ReportInput,
  onProgress?: Progress,
): Promise<SalesReport<SalesFigures & { day: string }>> {
  const store = await reportStore(ctx, principal, input.storeId);
  const sums = await orderSums(ctx, store, input, byLocalDay, onProgress);
  const days = Array.from({ length: daysInPeriod(input.from, input.to) }, (_, index) =>
    addDays(input.from, index),
  );
  return {
    store,
    from: input.from,
    to: input.to,
    rows: days.map((day) => ({ day, ...figures(sums.get(day)) })),
  };
}

/** The 24 hours of the day (store time), summed over the period: when the shop is busy. */
export async function salesByHour(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ReportInput,
  onProgress?: Progress,
): Promise<SalesReport<SalesFigures & { hour: number }>> {
  const store = await reportStore(ctx, principal, input.storeId);
  const sums = await orderSums(
    ctx,
    store,
    input,
    { sale: localHour('o.placed_at'), refund: localHour('r.created_at') },
    onProgress,
  );
  return {
    store,
    from: input.from,
    to: input.to,
    rows: Array.from({ length: 24 }, (_, hour) => ({ hour, ...figures(sums.get(String(hour))) })),
  };
}

/**
 * By who rang the sale up; refunds count against the cashier of the order refunded. Web orders have no
 * cashier: their row has `cashier: null`.
 */
export async function salesByCashier(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ReportInput,
  onProgress?: Progress,
): Promise<SalesReport<SalesFigures & { cashier: { id: string; name: string } | null }>> {
  const store = await reportStore(ctx, principal, input.storeId);
  const sums = await orderSums(
    ctx,
    store,
    input,
    { sale: 'o.cashier_id', refund: 'o.cashier_id' },
    onProgress,
  );
  const ids = [...sums.keys()].filter((key) => key !== '');
  const people = await ctx.db.prisma.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((person) => [person.id, person.name]));
  const rows = [...sums.values()]
    .map((row) => ({
      cashier: row.key === '' ? null : { id: row.key, name: names.get(row.key) ?? '' },
      ...figures(row),
    }))
    .sort((a, b) => b.netSales - a.netSales || (a.cashier?.id ?? '').localeCompare(b.cashier?.id ?? ''));
  return { store, from: input.from, to: input.to, rows };
}

export interface TenderFigures {
  method: PaymentMethod;
  /** Payments taken with this method, and their amount (tax included: tenders are money). */
  payments: number;
  taken: number;
  refundCount: number;
  refunded: number;
  /** taken − refunded. */
  net: number;
}

/** Money by tender: what was taken with each method, and what went back through each. */
export async function salesByPaymentMethod(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ReportInput,
  onProgress?: Progress,
): Promise<SalesReport<TenderFigures>> {
  const store = await reportStore(ctx, principal, input.storeId);
  const windows = await overPeriod(
    input,
    async (window) => {
      const { rows } = await ctx.db.pool.query<{
        method: PaymentMethod;
        payments: string | null;
        taken: string | null;
        refund_count: string | null;
        refunded: string | null;
      }>(
        `WITH taken AS (
           SELECT p.method, count(*) AS payments, sum(p.amount) AS taken
             FROM "order" o JOIN payment p ON p.order_id = o.id
            WHERE ${IS_SALE} AND ${PLACED_IN_WINDOW} AND p.status = ANY($6::payment_status[])
            GROUP BY 1
         ), refunded AS (
           SELECT r.method, count(*) AS refund_count, sum(r.amount) AS refunded
             FROM refund r JOIN "order" o ON o.id = r.order_id
            WHERE ${IS_SALE} AND ${REFUNDED_IN_WINDOW}
            GROUP BY 1
         )
         SELECT coalesce(t.method, f.method) AS method, t.payments, t.taken, f.refund_count, f.refunded
           FROM taken t FULL JOIN refunded f ON f.method = t.method`,
        windowParameters(store, window, input.channel),
      );
      return rows.map(
        (row): TenderFigures => ({
          method: row.method,
          payments: toNumber(row.payments),
          taken: toNumber(row.taken),
          refundCount: toNumber(row.refund_count),
          refunded: toNumber(row.refunded),
          net: toNumber(row.taken) - toNumber(row.refunded),
        }),
      );
    },
    onProgress,
  );
  const merged = new Map<string, TenderFigures>();
  for (const rows of windows) {
    addRowsByKey(merged, rows, (row) => row.method, ['payments', 'taken', 'refundCount', 'refunded', 'net']);
  }
  const rows = [...merged.values()].sort((a, b) => b.taken - a.taken || a.method.localeCompare(b.method));
  return { store, from: input.from, to: input.to, rows };
}
