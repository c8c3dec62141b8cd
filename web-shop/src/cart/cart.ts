import { MAX_CHECKOUT_LINES, MAX_CHECKOUT_QUANTITY } from '@allure/shared/checkout-limits';
import { type Currency, isCurrency } from '@allure/shared/currency';
import { isMoneyAmount } from '@allure/shared/money';

/**
 * One line of the shopper's cart. Beside what checkout sends (variant and quantity) it keeps what the cart
 * shows, as seen when it was added; the server prices the order from the catalog, never from these.
 */
export interface CartLine {
  variantId: string;
  quantity: number;
  productName: string;
  slug: string;
  size: string | null;
  colour: string | null;
  price: number;
  currency: Currency;
  /** A small rendition and its placeholder, to show without a catalog read. */
  image: { src: string; placeholder: string; width: number; height: number } | null;
}

export type Cart = readonly CartLine[];

export type AddResult = { ok: true; cart: Cart } | { ok: false; reason: 'full' };

export function addToCart(cart: Cart, line: CartLine): AddResult {
  const existing = cart.find((candidate) => candidate.variantId === line.variantId);
  if (existing) {
    const quantity = Math.min(MAX_CHECKOUT_QUANTITY, existing.quantity + line.quantity);
    return {
      ok: true,
      cart: cart.map((candidate) => (candidate === existing ? { ...line, quantity } : candidate)),
    };
  }
  if (cart.length >= MAX_CHECKOUT_LINES) return { ok: false, reason: 'full' };
  return { ok: true, cart: [...cart, { ...line, quantity: Math.min(MAX_CHECKOUT_QUANTITY, line.quantity) }] };
}

/** A quantity of 0 removes the line. */
export function setQuantity(cart: Cart, variantId: string, quantity: number): Cart {
  if (Number.isNaN(quantity)) return cart;
  const wanted = Math.max(0, Math.min(MAX_CHECKOUT_QUANTITY, Math.trunc(quantity)));
  if (wanted === 0) return cart.filter((line) => line.variantId !== variantId);
  return cart.map((line) => (line.variantId === variantId ? { ...line, quantity: wanted } : line));
}

/** After a checkout found less stock than asked: each line cut to what is left (gone when nothing is). */
export function limitQuantities(cart: Cart, available: ReadonlyMap<string, number>): Cart {
  return cart.flatMap((line) => {
    const left = available.get(line.variantId);
    if (left === undefined || left >= line.quantity) return [line];
    return left > 0 ? [{ ...line, quantity: left }] : [];
  });
}

export function withoutVariants(cart: Cart, variantIds: readonly string[]): Cart {
  const gone = new Set(variantIds);
  return cart.filter((line) => !gone.has(line.variantId));
}

export function cartCount(cart: Cart): number {
  return cart.reduce((count, line) => count + line.quantity, 0);
}

/** The subtotal as shown (shelf prices are tax-inclusive); null when the lines mix currencies. */
export function cartSubtotal(cart: Cart): { amount: number; currency: Currency } | null {
  const [first] = cart;
  if (!first || cart.some((line) => line.currency !== first.currency)) return null;
  return {
    amount: cart.reduce((sum, line) => sum + line.price * line.quantity, 0),
    currency: first.currency,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A cart read back from storage, which the shopper (or an old version of the shop) may have altered. */
export function parseCart(stored: unknown): Cart {
  if (!Array.isArray(stored)) return [];
  const lines: CartLine[] = [];
  for (const item of stored.slice(0, MAX_CHECKOUT_LINES)) {
    if (typeof item !== 'object' || item === null) continue;
    const line = item as Partial<CartLine>;
    const valid =
      typeof line.variantId === 'string' &&
      UUID.test(line.variantId) &&
      Number.isInteger(line.quantity) &&
      (line.quantity ?? 0) >= 1 &&
      (line.quantity ?? 0) <= MAX_CHECKOUT_QUANTITY &&
      typeof line.productName === 'string' &&
      typeof line.slug === 'string' &&
      // What the cart page formats: an amount and a currency it cannot format would break the page.
      isMoneyAmount(line.price ?? Number.NaN) &&
      (line.price ?? 0) >= 0 &&
      isCurrency(line.currency ?? '');
    if (valid && !lines.some((other) => other.variantId === line.variantId)) lines.push(line as CartLine);
  }
  return lines;
}
