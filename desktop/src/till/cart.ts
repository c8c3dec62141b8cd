/**
 * The cart being rung up: what the cashier sees and edits before taking payment. Pure state and a reducer,
 * so every edit is one tested function and the screen only dispatches. Prices are the shelf prices the till
 * replicated (minor units, the store's currency); totals are always the shared computeCartTotals, the
 * same code the server prices the pushed order with.
 */
import type { Approval } from '@allure/shared/approval';
import { type CartTotals, computeCartTotals, MAX_CART_LINES, MAX_QUANTITY } from '@allure/shared/cart-totals';
import type { Currency } from '@allure/shared/currency';
import type { Discount } from '@allure/shared/discount';

export interface CartItem {
  /** The order line id: minted when the line is added, kept when its quantity changes. */
  lineId: string;
  variantId: string;
  productName: string;
  /** "M · Indigo" */
  variantLabel: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  vatRate: number;
  lineDiscount?: Discount | undefined;
}

export interface CartState {
  items: CartItem[];
  cartDiscount?: Discount | undefined;
  customerId?: string | undefined;
  /** Manager approvals given on this till for this cart's discounts (approval.ts); see keepValidApprovals. */
  approvals?: Approval[] | undefined;
}

export const emptyCart: CartState = { items: [] };

export type CartAction =
  | { type: 'add'; item: Omit<CartItem, 'quantity' | 'lineId'>; lineId: string; quantity?: number }
  | { type: 'setQuantity'; lineId: string; quantity: number }
  | { type: 'remove'; lineId: string }
  | { type: 'setLineDiscount'; lineId: string; discount: Discount | undefined }
  | { type: 'setCartDiscount'; discount: Discount | undefined }
  | { type: 'setCustomer'; customerId: string | undefined }
  | { type: 'approve'; approvals: readonly Approval[] }
  /** Puts back a cart that was held (held-carts.ts). */
  | { type: 'restore'; cart: CartState }
  | { type: 'clear' };

const clampQuantity = (quantity: number) => Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(quantity)));

/**
 * Adding a variant already in the cart (without a line discount of its own) adds to that line, as a second
 * scan of the same barcode should; otherwise a new line goes last. A cart at MAX_CART_LINES takes no new line.
 */
export function cartReducer(state: CartState, action: CartAction): CartState {
  return keepValidApprovals(state, reduceCart(state, action));
}

function reduceCart(state: CartState, action: CartAction): CartState {
  switch (action.type) {
    case 'add': {
      const quantity = clampQuantity(action.quantity ?? 1);
      const same = state.items.find(
        (item) =>
          item.variantId === action.item.variantId &&
          !item.lineDiscount &&
          item.unitPrice === action.item.unitPrice,
      );
      if (same)
        return cartReducer(state, {
          type: 'setQuantity',
          lineId: same.lineId,
          quantity: same.quantity + quantity,
        });
      if (state.items.length >= MAX_CART_LINES) return state;
      return { ...state, items: [...state.items, { ...action.item, lineId: action.lineId, quantity }] };
    }
    case 'setQuantity':
      if (action.quantity <= 0) return cartReducer(state, { type: 'remove', lineId: action.lineId });
      return mapItem(state, action.lineId, (item) => ({ ...item, quantity: clampQuantity(action.quantity) }));
    case 'remove':
      return { ...state, items: state.items.filter((item) => item.lineId !== action.lineId) };
    case 'setLineDiscount':
      return mapItem(state, action.lineId, (item) => ({ ...item, lineDiscount: action.discount }));
    case 'setCartDiscount':
      return { ...state, cartDiscount: action.discount };
    case 'setCustomer':
      return { ...state, customerId: action.customerId };
    case 'approve':
      return { ...state, approvals: [...(state.approvals ?? []), ...action.approvals] };
    case 'restore':
      return action.cart;
    case 'clear':
      return emptyCart;
  }
}

/** What a line's discount approval was given for: its quantity, price and discount. */
const lineKey = (item: CartItem) =>
  JSON.stringify([item.quantity, item.unitPrice, item.lineDiscount ?? null]);

/**
 * An approval names an action and a line, not an amount (approval.ts), so the till drops it as soon as what
 * was approved changes: a line's approval when that line's quantity, price or discount changes or the line
 * goes; the cart discount's approval when any line or the cart discount changes. What is still above the
 * cashier's limit then asks for a manager again at payment.
 */
function keepValidApprovals(before: CartState, after: CartState): CartState {
  if (!after.approvals?.length || before === after || before.approvals === undefined) return after;
  const beforeLines = new Map(before.items.map((item) => [item.lineId, lineKey(item)]));
  const unchanged = (item: CartItem) => beforeLines.get(item.lineId) === lineKey(item);
  const cartUnchanged =
    before.items.length === after.items.length &&
    after.items.every(unchanged) &&
    JSON.stringify(before.cartDiscount ?? null) === JSON.stringify(after.cartDiscount ?? null);
  const approvals = after.approvals.filter((given) => {
    if (!before.approvals?.includes(given)) return true;
    if (given.orderLineId === undefined) return cartUnchanged;
    const line = after.items.find((item) => item.lineId === given.orderLineId);
    return line !== undefined && unchanged(line);
  });
  return approvals.length === after.approvals.length ? after : { ...after, approvals };
}

function mapItem(state: CartState, lineId: string, change: (item: CartItem) => CartItem): CartState {
  return { ...state, items: state.items.map((item) => (item.lineId === lineId ? change(item) : item)) };
}

export function cartTotals(state: CartState, currency: Currency, pricesIncludeTax: boolean): CartTotals {
  return computeCartTotals({
    currency,
    pricesIncludeTax,
    lines: state.items,
    cartDiscount: state.cartDiscount,
  });
}

export const itemCount = (state: CartState) => state.items.reduce((sum, item) => sum + item.quantity, 0);
