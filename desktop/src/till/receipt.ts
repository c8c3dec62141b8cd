/**
 * A sale's receipt as text for an 80 mm printer (48 columns): the same lines go to the ESC/POS printer, the
 * PDF fallback and the screen. Totals are recomputed with the shared cart totals from what the order
 * recorded, so the receipt shows exactly what the server will compute. Pure: labels come translated.
 */
import { computeCartTotals } from '@allure/shared/cart-totals';
import type { Currency } from '@allure/shared/currency';
import { formatMoney } from '@allure/shared/money-format';
import type { SaleInput } from '../data/sales.js';
import { centre, plain, printedDateTime, printedRate, row, rule, wrap } from './receipt-layout.js';

export interface ReceiptStore {
  name: string;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  timezone: string;
}

export interface ReceiptLabels {
  order: string;
  date: string;
  cashier: string;
  subtotal: string;
  discount: string;
  total: string;
  /** "VAT 18 %" for a rate in basis points. */
  vat: (rate: string) => string;
  paid: string;
  tendered: string;
  change: string;
  methods: Record<'cash' | 'card' | 'mobile_money', string>;
  thanks: string;
}

export interface ReceiptInput {
  sale: Pick<
    SaleInput,
    'number' | 'placedAt' | 'lines' | 'payments' | 'currency' | 'pricesIncludeTax' | 'cartDiscount'
  >;
  store: ReceiptStore;
  cashierName: string;
  /** The customer the sale was made to, when one was attached. */
  customer?: { label: string; name: string } | undefined;
  /** Per variant: "Robe wax — M · Indigo". */
  describe: (variantId: string) => string;
  locale: string;
  labels: ReceiptLabels;
}

export function receiptLines(input: ReceiptInput): string[] {
  const { sale, store, labels } = input;
  const money = (amount: number) => plain(formatMoney(amount, sale.currency as Currency, input.locale));
  const totals = computeCartTotals({
    currency: sale.currency,
    pricesIncludeTax: sale.pricesIncludeTax,
    lines: sale.lines,
    cartDiscount: sale.cartDiscount,
  });
  const placedAt = printedDateTime(sale.placedAt, input.locale, store.timezone);
  const address = [
    store.addressLine1,
    store.addressLine2,
    [store.postalCode, store.city].filter(Boolean).join(' '),
  ]
    .filter((line): line is string => Boolean(line))
    .map(centre);

  const lines = [
    centre(store.name.toUpperCase()),
    ...address,
    ...(store.phone ? [centre(store.phone)] : []),
    rule,
    row(labels.order, sale.number),
    row(labels.date, placedAt),
    row(labels.cashier, input.cashierName),
    ...(input.customer ? [row(input.customer.label, plain(input.customer.name))] : []),
    rule,
  ];
  sale.lines.forEach((line, index) => {
    const lineTotals = totals.lines[index];
    lines.push(...wrap(input.describe(line.variantId)));
    lines.push(row(`  ${line.quantity} x ${money(line.unitPrice)}`, money(lineTotals?.gross ?? 0)));
    if (lineTotals && lineTotals.lineDiscount > 0)
      lines.push(row(`  ${labels.discount}`, `-${money(lineTotals.lineDiscount)}`));
  });
  lines.push(rule, row(labels.subtotal, money(totals.subtotal)));
  if (totals.discountTotal > 0) lines.push(row(labels.discount, `-${money(totals.discountTotal)}`));
  lines.push(row(labels.total.toUpperCase(), money(totals.total)));
  for (const rate of totals.taxBreakdown) {
    lines.push(row(labels.vat(printedRate(rate.vatRate, input.locale)), money(rate.tax)));
  }
  lines.push(rule);
  for (const payment of sale.payments) {
    lines.push(row(labels.methods[payment.method], money(payment.amount)));
    if (payment.method === 'cash' && payment.tendered > payment.amount) {
      lines.push(row(`  ${labels.tendered}`, money(payment.tendered)));
      lines.push(row(`  ${labels.change}`, money(payment.tendered - payment.amount)));
    }
  }
  lines.push(rule, centre(labels.thanks));
  return lines;
}
