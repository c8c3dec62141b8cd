/**
 * The X and Z reports of a shift, from the till's own orders and refunds: what was sold, how it was paid,
 * what was given back, and what the drawer should hold (opening float + cash taken − cash refunded; the
 * change given is already out of each cash payment's amount). An X report is read mid-shift and changes nothing; the Z report is the same figures at close,
 * with the cash counted and the difference. Pure, so the till prints it offline and the figures are tested.
 */
import { computeCartTotals } from '@allure/shared/cart-totals';
import type { Currency } from '@allure/shared/currency';
import { formatMoney } from '@allure/shared/money-format';
import type { TaxRateSummary } from '@allure/shared/tax';
import type { LocalRefund } from '../data/refunds.js';
import type { LocalOrder, LocalShift } from '../data/sales.js';
import { centre, plain, printedDateTime, printedRate, row, rule } from './receipt-layout.js';

export type PaymentMethod = 'cash' | 'card' | 'mobile_money';

export interface ShiftReport {
  currency: Currency;
  from: string;
  to: string;
  orders: number;
  items: number;
  /** Before discounts. */
  gross: number;
  discounts: number;
  /** What customers paid. */
  total: number;
  tax: TaxRateSummary[];
  payments: Record<PaymentMethod, number>;
  /** Refunds given on this till during the shift, and what went back by each method. */
  refunds: number;
  refunded: Record<PaymentMethod, number>;
  openingFloat: number;
  expectedCash: number;
  /** Set on a Z report. */
  countedCash: number | null;
  /** counted − expected: negative when cash is missing. */
  difference: number | null;
}

/** Sales whose money was taken; a refund later changes the status, not the sale (refunds count apart). */
const soldStatuses = new Set(['completed', 'partially_refunded', 'refunded']);

/** The shift's completed orders from this till, between its opening and `to`. */
export function ordersOfShift(orders: readonly LocalOrder[], shift: LocalShift, to: string): LocalOrder[] {
  const from = Date.parse(shift.openedAt);
  const until = Date.parse(to);
  return orders.filter((order) => {
    const at = Date.parse(order.placedAt);
    return (
      order.terminalId === shift.terminalId && soldStatuses.has(order.status) && at >= from && at <= until
    );
  });
}

export function shiftReport(input: {
  shift: LocalShift;
  orders: readonly LocalOrder[];
  /** The till's refunds; those of this shift count. */
  refunds?: readonly LocalRefund[];
  currency: Currency;
  to: string;
  countedCash?: number;
}): ShiftReport {
  const orders = ordersOfShift(input.orders, input.shift, input.to);
  const payments: Record<PaymentMethod, number> = { cash: 0, card: 0, mobile_money: 0 };
  const taxByRate = new Map<number, TaxRateSummary>();
  let items = 0;
  let gross = 0;
  let discounts = 0;
  let total = 0;
  for (const order of orders) {
    const totals = computeCartTotals({
      currency: order.currency,
      pricesIncludeTax: order.pricesIncludeTax,
      lines: order.lines,
      cartDiscount: order.cartDiscount,
    });
    items += order.lines.reduce((sum, line) => sum + line.quantity, 0);
    gross += totals.subtotal;
    discounts += totals.discountTotal;
    total += totals.total;
    for (const rate of totals.taxBreakdown) {
      const sum = taxByRate.get(rate.vatRate) ?? { vatRate: rate.vatRate, net: 0, tax: 0, total: 0 };
      taxByRate.set(rate.vatRate, {
        vatRate: rate.vatRate,
        net: sum.net + rate.net,
        tax: sum.tax + rate.tax,
        total: sum.total + rate.total,
      });
    }
    for (const payment of order.payments) payments[payment.method] += payment.amount;
  }
  const refunds = (input.refunds ?? []).filter((refund) => refund.shiftId === input.shift.id);
  const refunded: Record<PaymentMethod, number> = { cash: 0, card: 0, mobile_money: 0 };
  // Every refund counts, even one the server refused: its money has left the till all the same.
  for (const refund of refunds) refunded[refund.method] += refund.total;
  const expectedCash = input.shift.openingFloat + payments.cash - refunded.cash;
  const countedCash = input.countedCash ?? null;
  return {
    currency: input.currency,
    from: input.shift.openedAt,
    to: input.to,
    orders: orders.length,
    items,
    gross,
    discounts,
    total,
    tax: [...taxByRate.values()].sort((a, b) => b.vatRate - a.vatRate),
    payments,
    refunds: refunds.length,
    refunded,
    openingFloat: input.shift.openingFloat,
    expectedCash,
    countedCash,
    difference: countedCash === null ? null : countedCash - expectedCash,
  };
}

export interface ShiftReportLabels {
  title: string;
  from: string;
  to: string;
  orders: string;
  items: string;
  gross: string;
  discounts: string;
  total: string;
  vat: (rate: string) => string;
  methods: Record<PaymentMethod, string>;
  /** "Refunds (2)". */
  refunds: (count: string) => string;
  openingFloat: string;
  expectedCash: string;
  countedCash: string;
  difference: string;
}

/** The report as printed: store and till, the period, the figures. */
export function shiftReportLines(
  report: ShiftReport,
  context: {
    storeName: string;
    terminalCode: string;
    timezone: string;
    locale: string;
    labels: ShiftReportLabels;
  },
): string[] {
  const { labels, locale } = context;
  const money = (amount: number) => plain(formatMoney(amount, report.currency, locale));
  const when = (iso: string) => printedDateTime(iso, locale, context.timezone);
  return [
    centre(context.storeName.toUpperCase()),
    centre(`${labels.title} · ${context.terminalCode}`),
    rule,
    row(labels.from, when(report.from)),
    row(labels.to, when(report.to)),
    rule,
    row(labels.orders, String(report.orders)),
    row(labels.items, String(report.items)),
    row(labels.gross, money(report.gross)),
    row(labels.discounts, `-${money(report.discounts)}`),
    row(labels.total.toUpperCase(), money(report.total)),
    ...report.tax.map((rate) => row(labels.vat(printedRate(rate.vatRate, locale)), money(rate.tax))),
    rule,
    ...(Object.keys(report.payments) as PaymentMethod[]).map((method) =>
      row(labels.methods[method], money(report.payments[method])),
    ),
    ...(report.refunds === 0
      ? []
      : [
          rule,
          row(labels.refunds(String(report.refunds)), ''),
          ...(Object.keys(report.refunded) as PaymentMethod[])
            .filter((method) => report.refunded[method] > 0)
            .map((method) => row(`  ${labels.methods[method]}`, `-${money(report.refunded[method])}`)),
        ]),
    rule,
    row(labels.openingFloat, money(report.openingFloat)),
    row(labels.expectedCash, money(report.expectedCash)),
    ...(report.countedCash === null
      ? []
      : [
          row(labels.countedCash, money(report.countedCash)),
          row(labels.difference, money(report.difference ?? 0)),
        ]),
  ];
}
