/**
 * A refund's receipt, for the customer and the drawer, as text for the 80 mm printer (like receipt.ts):
 * the original receipt, who gave and who approved it, each line given back with what it returned, and how
 * the money went back. Pure: labels come translated.
 */
import type { Currency } from '@allure/shared/currency';
import { formatMoney } from '@allure/shared/money-format';
import type { RefundLine } from '@allure/shared/refund';
import type { LocalRefund } from '../data/refunds.js';
import type { ReceiptStore } from './receipt.js';
import { centre, plain, printedDateTime, row, rule, wrap } from './receipt-layout.js';

export interface RefundReceiptLabels {
  title: string;
  order: string;
  date: string;
  cashier: string;
  approvedBy: string;
  total: string;
  reference: string;
  methods: Record<'cash' | 'card' | 'mobile_money', string>;
}

export interface RefundReceiptInput {
  refund: Pick<LocalRefund, 'orderNumber' | 'refundedAt' | 'method' | 'reference' | 'total'>;
  /** The lines as priced when the refund was given (pos-refund.ts). */
  lines: readonly Pick<RefundLine, 'orderLineId' | 'quantity' | 'total'>[];
  currency: Currency;
  store: ReceiptStore;
  cashierName: string;
  approverName: string | null;
  /** Per order line: "Robe wax — M · Indigo". */
  describe: (orderLineId: string) => string;
  locale: string;
  labels: RefundReceiptLabels;
}

export function refundReceiptLines(input: RefundReceiptInput): string[] {
  const { refund, labels, store } = input;
  const money = (amount: number) => plain(formatMoney(amount, input.currency, input.locale));
  const when = printedDateTime(refund.refundedAt, input.locale, store.timezone);
  const lines = [
    centre(store.name.toUpperCase()),
    centre(labels.title),
    rule,
    row(labels.order, refund.orderNumber),
    row(labels.date, when),
    row(labels.cashier, input.cashierName),
    ...(input.approverName ? [row(labels.approvedBy, input.approverName)] : []),
    rule,
  ];
  for (const line of input.lines) {
    lines.push(...wrap(input.describe(line.orderLineId)));
    lines.push(row(`  ${line.quantity} x`, `-${money(line.total)}`));
  }
  lines.push(rule, row(labels.total.toUpperCase(), `-${money(refund.total)}`));
  lines.push(row(labels.methods[refund.method], money(refund.total)));
  if (refund.reference) lines.push(row(`  ${labels.reference}`, refund.reference));
  lines.push(rule);
  return lines;
}
