import type { CheckoutInput } from '../api/shop-types.js';
import type { Cart } from '../cart/cart.js';
import type { Locale } from '../routes.js';

export type PaymentChoice = 'cash' | 'card' | 'mobile_money';

/** The checkout form as typed. */
export interface CheckoutForm {
  name: string;
  email: string;
  phone: string;
  delivery: 'pickup' | 'ship';
  line1: string;
  city: string;
  postalCode: string;
  country: string;
  payment: PaymentChoice;
  cardToken: string;
  walletPhone: string;
}

/** A blank form, delivering in the store's own country unless the shopper says otherwise. */
export const emptyCheckoutForm = (country: string): CheckoutForm => ({
  name: '',
  email: '',
  phone: '',
  delivery: 'pickup',
  line1: '',
  city: '',
  postalCode: '',
  country,
  payment: 'card',
  cardToken: 'tok_sim_success',
  walletPhone: '',
});

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** What checkout sends: variants and quantities only (the server prices them), under the attempt's id. */
export function checkoutRequest(
  orderId: string,
  storeId: string,
  cart: Cart,
  form: CheckoutForm,
  locale: Locale,
): CheckoutInput {
  const phone = optional(form.phone);
  return {
    id: orderId,
    storeId,
    lines: cart.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
    contact: { name: form.name.trim(), email: form.email.trim(), ...(phone ? { phone } : {}) },
    ...(form.delivery === 'ship'
      ? {
          shippingAddress: {
            line1: form.line1.trim(),
            city: form.city.trim(),
            country: form.country.trim(),
            ...(optional(form.postalCode) ? { postalCode: form.postalCode.trim() } : {}),
          },
        }
      : {}),
    payment:
      form.payment === 'card'
        ? { method: 'card', token: form.cardToken.trim() }
        : form.payment === 'mobile_money'
          ? { method: 'mobile_money', phone: form.walletPhone.trim() }
          : { method: 'cash' },
    locale,
  };
}

const ATTEMPT_KEY = 'allure.checkout.attempt';

/**
 * The id of this checkout attempt, which is the order's id and the server's idempotency key. It is kept
 * until the order is accepted, so a double click, a lost answer or a reload in the middle sends the same
 * id again and gets the same order back, never a second one.
 */
export function attemptId(storage: Pick<Storage, 'getItem' | 'setItem'>, newId: () => string): string {
  const kept = storage.getItem(ATTEMPT_KEY);
  if (kept) return kept;
  const id = newId();
  storage.setItem(ATTEMPT_KEY, id);
  return id;
}

export function endAttempt(storage: Pick<Storage, 'removeItem'>) {
  storage.removeItem(ATTEMPT_KEY);
}
