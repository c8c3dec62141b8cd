/**
 * Carts put on hold at the till ("parked"): the customer steps away to fetch a size, the next one is served
 * meanwhile, and the first sale is resumed where it was, with its discounts, their approvals and its
 * customer. Held carts are kept in the till's own database (an RxDB local document, never replicated), so
 * they survive a reload or a restart; each till's database is its own, so each till has its own held carts.
 *
 * At most MAX_HELD_CARTS at once: a held cart is a sale in progress, not a wish list, and a counter with
 * more than a handful waiting has forgotten some of them.
 */
import { approvals } from '@allure/shared/approval';
import { MAX_CART_LINES, MAX_QUANTITY } from '@allure/shared/cart-totals';
import { isoDateTime, uuid } from '@allure/shared/common.schema';
import { discount } from '@allure/shared/discount';
import { nonNegativeAmount } from '@allure/shared/money.schema';
import { vatRate } from '@allure/shared/tax';
import { z } from 'zod';
import type { LocalDatabase } from '../data/local-database.js';
import type { CartState } from './cart.js';

export const MAX_HELD_CARTS = 10;
export const MAX_HELD_LABEL = 40;

const cartItem = z.object({
  lineId: uuid,
  variantId: uuid,
  productName: z.string().max(200),
  variantLabel: z.string().max(200),
  sku: z.string().max(64),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
  unitPrice: nonNegativeAmount,
  vatRate,
  lineDiscount: discount.optional(),
});

const cartState = z.object({
  items: z.array(cartItem).min(1).max(MAX_CART_LINES),
  cartDiscount: discount.optional(),
  customerId: uuid.optional(),
  approvals: approvals.optional(),
});

export const heldCart = z.object({
  id: uuid,
  /** What the cashier typed to recognise it ("dame au foulard rouge"), maybe nothing. */
  label: z.string().trim().max(MAX_HELD_LABEL),
  heldAt: isoDateTime,
  heldById: uuid,
  cart: cartState,
});
export type HeldCart = z.infer<typeof heldCart>;

export type HoldOutcome =
  | { ok: true; held: HeldCart[] }
  | { ok: false; reason: 'empty_cart' | 'full' | 'label_too_long' };

/** The held carts with `cart` added last, or why it cannot be held. */
export function holdCart(
  held: readonly HeldCart[],
  input: { id: string; label: string; heldAt: Date; heldById: string; cart: CartState },
): HoldOutcome {
  if (input.cart.items.length === 0) return { ok: false, reason: 'empty_cart' };
  if (held.length >= MAX_HELD_CARTS) return { ok: false, reason: 'full' };
  const label = input.label.trim();
  if (label.length > MAX_HELD_LABEL) return { ok: false, reason: 'label_too_long' };
  const entry = heldCart.parse({ ...input, label, heldAt: input.heldAt.toISOString() });
  return { ok: true, held: [...held, entry] };
}

/** The held cart `id` taken out of the list (undefined when another till screen already resumed it). */
export function takeHeldCart(
  held: readonly HeldCart[],
  id: string,
): { cart: CartState | undefined; held: HeldCart[] } {
  const found = held.find((entry) => entry.id === id);
  return { cart: found?.cart, held: held.filter((entry) => entry.id !== id) };
}

const LOCAL_ID = 'held-carts';

interface Stored {
  carts: readonly unknown[];
}

/** Reads what was stored, keeping only entries that are still valid held carts. */
export function readHeldCarts(stored: { carts: readonly unknown[] } | null | undefined): HeldCart[] {
  return (stored?.carts ?? []).flatMap((entry) => {
    const parsed = heldCart.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function loadHeldCarts(db: LocalDatabase): Promise<HeldCart[]> {
  const document = await db.getLocal<Stored>(LOCAL_ID);
  return readHeldCarts(document?.toJSON().data);
}

export async function saveHeldCarts(db: LocalDatabase, held: readonly HeldCart[]): Promise<void> {
  await db.upsertLocal<Stored>(LOCAL_ID, { carts: JSON.parse(JSON.stringify(held)) });
}

/** Every change of the held carts (hold, resume, from any screen of this till). */
export function heldCarts$(db: LocalDatabase) {
  return db.getLocal$<Stored>(LOCAL_ID);
}
