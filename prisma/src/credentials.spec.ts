import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordNeedsRehash, verifyPassword } from './credentials.js';

describe('passwords', () => {
  it('hashes with argon2id at OWASP parameters and verifies only the right password', async () => {
    const stored = await hashPassword('allure-demo');

    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword(stored, 'allure-demo')).toBe(true);
    expect(await verifyPassword(stored, 'allure-demo ')).toBe(false);
    expect(passwordNeedsRehash(stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('answers false, not an exception, for a hash it cannot read', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(passwordNeedsRehash('not-a-hash')).toBe(true);
  });

  it('asks for a rehash of hashes made with weaker parameters, while still verifying them', async () => {
    const weak = await hash('old-password', { memoryCost: 4096, timeCost: 1 });
    expect(passwordNeedsRehash(weak)).toBe(true);
    expect(await verifyPassword(weak, 'old-password')).toBe(true);
  });
});
