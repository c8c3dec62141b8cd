import { describe, expect, it } from 'vitest';
import { createUserInput, setPinInput, user } from './user.schema.js';

const testId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('user', () => {
  it.each([
    [{ role: 'cashier' }, true],
    [{ role: 'customer' }, true],
    [{ role: 'owner' }, false],
    [{ email: 'not-an-email' }, false],
  ])('%j valid: %s', (overrides, valid) => {
    expect(
      user.safeParse({
        id: testId(1),
        email: 'awa@allure.sn',
        name: 'Awa Diop',
        role: 'cashier',
        ...overrides,
      }).success,
    ).toBe(valid);
  });

  it.each([
    ['x'.repeat(11), false],
    ['x'.repeat(12), true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
  ])('new password of %#: valid %s', (password, valid) => {
    expect(
      createUserInput.safeParse({ email: 'awa@allure.sn', name: 'Awa', role: 'manager', password }).success,
    ).toBe(valid);
  });

  it.each([
    ['2580', true],
    ['12345678', true],
    ['123', false],
    ['123456789', false],
    ['12a4', false],
  ])('till PIN %s valid: %s', (pin, valid) => {
    expect(setPinInput.safeParse({ userId: testId(1), pin }).success).toBe(valid);
  });
});
