import { describe, expect, it } from 'vitest';
import { registerInput } from './auth.schema.js';

const shopper = {
  email: ' Awa.Diop@Example.SN ',
  password: 'a long enough passphrase',
  name: 'Awa Diop',
  transport: 'cookie',
} as const;

describe('registration', () => {
  it('normalises the e-mail and answers in French unless told otherwise', () => {
    expect(registerInput.parse(shopper)).toEqual({ ...shopper, email: 'awa.diop@example.sn', locale: 'fr' });
    expect(registerInput.parse({ ...shopper, locale: 'en' }).locale).toBe('en');
  });

  it.each([
    ['a password of 11 characters', { password: 'x'.repeat(11) }],
    ['a password of 129 characters', { password: 'x'.repeat(129) }],
    ['no transport (the shop must ask for the cookie)', { transport: undefined }],
    ['a locale we do not write in', { locale: 'de' }],
    ['an empty name', { name: '  ' }],
    ['an address that is not one', { email: 'awa@' }],
  ])('refuses %s', (_case, overrides) => {
    expect(registerInput.safeParse({ ...shopper, ...overrides }).success).toBe(false);
  });

  it('takes the same passwords as a reset: 12 to 128 characters', () => {
    expect(registerInput.safeParse({ ...shopper, password: 'x'.repeat(12) }).success).toBe(true);
    expect(registerInput.safeParse({ ...shopper, password: 'x'.repeat(128) }).success).toBe(true);
  });

  it('has no role to ask for: whatever is sent, it is not part of the input', () => {
    expect(registerInput.parse({ ...shopper, role: 'admin' })).not.toHaveProperty('role');
  });
});
