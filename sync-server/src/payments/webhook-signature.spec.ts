import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const secret = 'a-webhook-secret-of-at-least-32-characters';
const body = '{"id":"evt_1","type":"payment.succeeded"}';
const now = Date.parse('2026-11-25T10:00:00Z');

describe('webhook signatures', () => {
  it('accepts what it signed, within the tolerance', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook(secret, body, header, now)).toEqual({ ok: true });
    expect(verifyWebhook(secret, body, header, now + 299_000)).toEqual({ ok: true });
  });

  it.each([
    ['another body', secret, `${body} `, now],
    ['another secret', `${secret}!`, body, now],
    ['an old timestamp (replay)', secret, body, now + 301_000],
    ['a timestamp from the future', secret, body, now - 301_000],
  ])('refuses %s', (_case, checkSecret, checkBody, at) => {
    expect(verifyWebhook(checkSecret, checkBody, signWebhook(secret, body, now), at).ok).toBe(false);
  });

  it.each([undefined, '', 'v1=abc', 't=1,v1=zz', `t=1,v1=${'0'.repeat(64)}`])(
    'refuses header %j',
    (header) => {
      expect(verifyWebhook(secret, body, header, now).ok).toBe(false);
    },
  );
});
