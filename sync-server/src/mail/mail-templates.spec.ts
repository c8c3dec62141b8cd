import { describe, expect, it } from 'vitest';
import { renderMail, UnsendableMessageError } from './mail-templates.js';
import { outboxRetryDelayS } from './outbox-relay.js';

const order = {
  to: 'awa@example.sn',
  name: 'Awa',
  orderNumber: 'DKR1-W-000042',
  total: 25_000,
  currency: 'XOF',
  trackingUrl: 'https://shop.example/orders/track?token=abc',
};

describe('e-mail templates', () => {
  it('confirms an order in the shopper’s language, with the amount in their format', () => {
    const fr = renderMail('email.order_confirmation', { ...order, locale: 'fr' }, 'https://shop.example');
    expect(fr.subject).toBe('Votre commande DKR1-W-000042 est confirmée');
    expect(fr.text).toMatch(/25\s000\sF\s?CFA/);
    expect(fr.text).toContain(order.trackingUrl);
    const en = renderMail('email.order_confirmation', { ...order, locale: 'en' }, 'https://shop.example');
    expect(en.subject).toBe('Your order DKR1-W-000042 is confirmed');
  });

  it('falls back to French for a locale it does not know', () => {
    expect(renderMail('email.payment_failed', { ...order, locale: 'de' }, 'x').subject).toMatch(
      /^Le paiement/,
    );
  });

  it('links a password reset to the shop with the token escaped', () => {
    const mail = renderMail(
      'email.password_reset',
      { to: 'a@b.sn', name: 'A', token: 'a+b/c', expiresAt: '2026-11-25T10:00:00Z' },
      'https://shop.example',
    );
    expect(mail.text).toContain('https://shop.example/reset-password?token=a%2Bb%2Fc');
  });

  it('tells an address an account was opened with it, in the shopper’s language, and how to take it back', () => {
    const fr = renderMail('email.account_created', { to: 'a@b.sn', locale: 'fr' }, 'https://shop.example');
    expect(fr.subject).toBe('Votre compte Allure est ouvert');
    expect(fr.text).toContain('Mot de passe oublié');
    const en = renderMail('email.account_created', { to: 'a@b.sn', locale: 'en' }, 'https://shop.example');
    expect(en.subject).toBe('Your Allure account is open');
    expect(en.text).toContain('https://shop.example');
  });

  it.each([
    ['an unknown topic', 'email.newsletter', order],
    ['a payload without an address', 'email.order_confirmation', { ...order, to: undefined }],
    ['an amount that is not minor units', 'email.order_confirmation', { ...order, total: 12.5 }],
    ['a currency we do not sell in', 'email.order_confirmation', { ...order, currency: 'BTC' }],
  ])('refuses %s as unsendable (so it is set aside, not retried)', (_case, topic, payload) => {
    expect(() => renderMail(topic, payload, 'x')).toThrow(UnsendableMessageError);
  });
});

describe('outbox retries', () => {
  it('back off from 30 s, doubling, up to an hour', () => {
    expect([1, 2, 3, 8, 20].map(outboxRetryDelayS)).toEqual([30, 60, 120, 3_600, 3_600]);
  });
});
