import { describe, expect, it } from 'vitest';
import { checkoutInput } from './checkout.schema.js';
import { MAX_CHECKOUT_LINES } from './checkout-limits.js';

const id = (n: number) => `0190a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`;

const valid = {
  id: id(1),
  storeId: id(2),
  lines: [{ variantId: id(3), quantity: 2 }],
  contact: { name: 'Awa Diop', email: ' Awa@Example.SN ' },
  payment: { method: 'card', token: 'tok_sim_success' },
};

describe('checkout input', () => {
  it('keeps variants and quantities only (a price sent by a browser is dropped) and normalises contact', () => {
    const parsed = checkoutInput.parse({
      ...valid,
      lines: [{ variantId: id(3), quantity: 2, unitPrice: 1 }],
    });
    expect(parsed.lines).toEqual([{ variantId: id(3), quantity: 2 }]);
    expect(parsed.contact.email).toBe('awa@example.sn');
    expect(parsed.locale).toBe('fr');
  });

  it.each([
    ['no lines', { lines: [] }],
    [
      'a variant twice',
      {
        lines: [
          { variantId: id(3), quantity: 1 },
          { variantId: id(3), quantity: 1 },
        ],
      },
    ],
    ['100 units of a variant', { lines: [{ variantId: id(3), quantity: 100 }] }],
    ['zero units', { lines: [{ variantId: id(3), quantity: 0 }] }],
    [
      'too many lines',
      {
        lines: Array.from({ length: MAX_CHECKOUT_LINES + 1 }, (_, n) => ({
          variantId: id(n + 10),
          quantity: 1,
        })),
      },
    ],
    ['a card payment without a token', { payment: { method: 'card' } }],
    ['mobile money without a phone', { payment: { method: 'mobile_money' } }],
    ['a local phone number', { payment: { method: 'mobile_money', phone: '771234567' } }],
    ['an unknown payment method', { payment: { method: 'cheque' } }],
    ['a bad e-mail', { contact: { name: 'A', email: 'not-an-email' } }],
    ['a country name', { shippingAddress: { line1: '1 rue X', city: 'Dakar', country: 'Senegal' } }],
    ['an order id that is not a uuid', { id: '42' }],
    ['an unknown locale', { locale: 'de' }],
  ])('refuses %s', (_case, overrides) => {
    expect(checkoutInput.safeParse({ ...valid, ...overrides }).success).toBe(false);
  });

  it('accepts mobile money with an international number, and a shipping address', () => {
    const parsed = checkoutInput.parse({
      ...valid,
      payment: { method: 'mobile_money', phone: '+221 77 123 45 67' },
      shippingAddress: { line1: 'Rue 10, Point E', city: 'Dakar', country: 'sn' },
      locale: 'en',
    });
    expect(parsed.payment).toEqual({ method: 'mobile_money', phone: '+221771234567' });
    expect(parsed.shippingAddress?.country).toBe('SN');
  });
});
