/**
 * Turning a paid cart into the sale the till records (order.schema.ts's till order): priced with the shared
 * cart totals, paid with the shared tender settlement, numbered from the till's own sequence. Pure, so the
 * screen's "Pay" is one call and every rule here is tested without a browser.
 */
import type { Currency } from '@allure/shared/currency';
import { formatOrderNumber, parseOrderNumber } from '@allure/shared/order-number';
import { type Settlement, settleTenders, type Tender } from '@allure/shared/tender';
import type { SaleInput } from '../data/sales.js';
import { type CartState, cartTotals } from './cart.js';

/** Who the till is, from its enrollment and profile. */
export interface TillIdentity {
  storeId: string;
  storeCode: string;
  terminalId: string;
  terminalCode: string;
  currency: Currency;
  pricesIncludeTax: boolean;
}

export type SaleOutcome =
  | { ok: true; sale: SaleInput; change: number; tendered: number }
  | Exclude<Settlement, { ok: true }>
  | { ok: false; reason: 'empty_cart' };

export interface BuildSaleInput {
  till: TillIdentity;
  cashierId: string;
  sequence: number;
  cart: CartState;
  tenders: readonly Tender[];
  orderId: string;
  placedAt: Date;
}

export function buildSale(input: BuildSaleInput): SaleOutcome {
  const { till, cart } = input;
  if (cart.items.length === 0) return { ok: false, reason: 'empty_cart' };
  const totals = cartTotals(cart, till.currency, till.pricesIncludeTax);
  const settlement = settleTenders(totals.total, input.tenders);
  if (!settlement.ok) return settlement;
  return {
    ok: true,
    change: settlement.change,
    tendered: settlement.tendered,
    sale: {
      id: input.orderId,
      number: formatOrderNumber({
        channel: 'pos',
        storeCode: till.storeCode,
        terminalCode: till.terminalCode,
        sequence: input.sequence,
      }),
      storeId: till.storeId,
      terminalId: till.terminalId,
      cashierId: input.cashierId,
      ...(cart.customerId ? { customerId: cart.customerId } : {}),
      currency: till.currency,
      pricesIncludeTax: till.pricesIncludeTax,
      lines: cart.items.map((item) => ({
        id: item.lineId,
        variantId: item.variantId,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        vatRate: item.vatRate,
        ...(item.lineDiscount ? { lineDiscount: item.lineDiscount } : {}),
      })),
      ...(cart.cartDiscount ? { cartDiscount: cart.cartDiscount } : {}),
      payments: settlement.payments,
      approvals: cart.approvals ?? [],
      placedAt: input.placedAt.toISOString(),
      total: totals.total,
    },
  };
}

/**
 * The next order sequence of this till: past every number it has used (its local orders) and every number
 * the server has seen from it (a re-installed till starts after those), so no two sales share a number.
 */
export function nextSequence(
  terminalCode: string,
  localNumbers: readonly string[],
  serverLast: number,
): number {
  let last = serverLast;
  for (const number of localNumbers) {
    const parts = parseOrderNumber(number);
    if (parts?.channel === 'pos' && parts.terminalCode === terminalCode)
      last = Math.max(last, parts.sequence);
  }
  return last + 1;
}
