import { describe, expect, it } from 'vitest';
import type { CartLine } from '../cart/cart.js';
import {
  attemptId,
  type CheckoutForm,
  checkoutRequest,
  emptyCheckoutForm,
  endAttempt,
} from './checkout-request.js';

const ORDER_ID = '5d8e2f4a-1b3c-4d5e-8f90-a1b2c3d4e5f6';
const STORE_ID = '7c6b5a49-3827-4165-8a4b-3c2d1e0f9a8b';

function cartLine(n: number, quantity: number): CartLine {
  return {
    variantId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    quantity,
    productName: `Robe ${n}`,
    slug: `robe-${n}`,
    size: 'M',
    colour: 'Bleu',
    price: 15_000,
    currency: 'XOF',
    image: null,
  };
}

function form(overrides: Partial<CheckoutForm> = {}): CheckoutForm {
  return { ...emptyCheckoutForm('SN'), name: 'Awa Diop', email: 'awa@example.sn', ...overrides };
}

describe('checkoutRequest', () => {
  const cart = [cartLine(1, 2), cartLine(2, 1)];

  it('sends the attempt’s id, the store, the language and only variants and quantities of the cart', () => {
    const request = checkoutRequest(ORDER_ID, STORE_ID, cart, form(), 'en');
    expect(request.id).toBe(ORDER_ID);
    expect(request.storeId).toBe(STORE_ID);
    expect(request.locale).toBe('en');
    expect(request.lines).toEqual([
      { variantId: cart[0]?.variantId, quantity: 2 },
      { variantId: cart[1]?.variantId, quantity: 1 },
    ]);
  });

  it('sends no address for a pick-up, even when the address fields were filled in before', () => {
    const request = checkoutRequest(
      ORDER_ID,
      STORE_ID,
      cart,
      form({ delivery: 'pickup', line1: '12 rue Carnot', city: 'Dakar', postalCode: '10200', country: 'SN' }),
      'fr',
    );
    expect(request).not.toHaveProperty('shippingAddress');
  });

  it('sends the trimmed address for a delivery', () => {
    const request = checkoutRequest(
      ORDER_ID,
      STORE_ID,
      cart,
      form({
        delivery: 'ship',
        line1: '  12 rue Carnot ',
        city: ' Dakar ',
        postalCode: ' 10200 ',
        country: ' SN ',
      }),
      'fr',
    );
    expect(request.shippingAddress).toEqual({
      line1: '12 rue Carnot',
      city: 'Dakar',
      postalCode: '10200',
      country: 'SN',
    });
  });

  it('leaves out a blank postal code', () => {
    for (const postalCode of ['', '   ']) {
      const request = checkoutRequest(
        ORDER_ID,
        STORE_ID,
        cart,
        form({ delivery: 'ship', line1: 'Rue 1', city: 'Thiès', postalCode }),
        'fr',
      );
      expect(request.shippingAddress).toEqual({ line1: 'Rue 1', city: 'Thiès', country: 'SN' });
    }
  });

  it('trims the contact and leaves out a blank phone', () => {
    const blank = checkoutRequest(
      ORDER_ID,
      STORE_ID,
      cart,
      form({ name: ' Awa Diop ', email: ' awa@example.sn ', phone: '  ' }),
      'fr',
    );
    expect(blank.contact).toEqual({ name: 'Awa Diop', email: 'awa@example.sn' });
    const given = checkoutRequest(ORDER_ID, STORE_ID, cart, form({ phone: ' +221 77 123 45 67 ' }), 'fr');
    expect(given.contact).toEqual({ name: 'Awa Diop', email: 'awa@example.sn', phone: '+221 77 123 45 67' });
  });

  it('sends the card token for a card payment, and nothing of the wallet', () => {
    const request = checkoutRequest(
      ORDER_ID,
      STORE_ID,
      cart,
      form({ payment: 'card', cardToken: ' tok_visa ', walletPhone: '771234567' }),
      'fr',
    );
    expect(request.payment).toEqual({ method: 'card', token: 'tok_visa' });
  });

  it('sends the wallet’s phone for a mobile-money payment, and nothing of the card', () => {
    const request = checkoutRequest(
      ORDER_ID,
      STORE_ID,
      cart,
      form({ payment: 'mobile_money', walletPhone: ' 771234567 ' }),
      'fr',
    );
    expect(request.payment).toEqual({ method: 'mobile_money', phone: '771234567' });
  });

  it('sends the method alone for cash', () => {
    const request = checkoutRequest(
      ORDER_ID,
      STORE_ID,
      cart,
      form({ payment: 'cash', walletPhone: '771234567' }),
      'fr',
    );
    expect(request.payment).toEqual({ method: 'cash' });
  });
});

/** Storage as the browser's sessionStorage behaves, kept in a Map. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
    removeItem: (key: string) => {
      items.delete(key);
    },
  };
}

function idMaker() {
  let made = 0;
  return () => {
    made += 1;
    return `id-${made}`;
  };
}

describe('attemptId and endAttempt', () => {
  it('makes an id on the first submit and sends the same one again until the attempt ends', () => {
    const storage = memoryStorage();
    const newId = idMaker();
    const first = attemptId(storage, newId);
    expect(first).toBe('id-1');
    expect(attemptId(storage, newId)).toBe(first);
    expect(attemptId(storage, newId)).toBe(first);
  });

  it('keeps the id in storage, so a reload of the page sends it again', () => {
    const storage = memoryStorage();
    const first = attemptId(storage, idMaker());
    expect(attemptId(storage, () => 'after-reload')).toBe(first);
  });

  it('makes a new id once the attempt has ended', () => {
    const storage = memoryStorage();
    const newId = idMaker();
    const first = attemptId(storage, newId);
    endAttempt(storage);
    expect(storage.items.size).toBe(0);
    const second = attemptId(storage, newId);
    expect(second).toBe('id-2');
    expect(second).not.toBe(first);
  });

  it('keeps other values in storage when the attempt ends', () => {
    const storage = memoryStorage();
    storage.setItem('allure.cart', '[]');
    attemptId(storage, idMaker());
    endAttempt(storage);
    expect([...storage.items.keys()]).toEqual(['allure.cart']);
  });
});
