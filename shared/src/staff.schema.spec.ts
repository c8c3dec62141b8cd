import { describe, expect, it } from 'vitest';
import { createStaffInput, setStaffPinInput, updateStaffInput } from './staff.schema.js';

const id = '00000000-0000-4000-8000-000000000001';
const person = { id, name: 'Awa Diop', email: 'Awa@Allure.sn' };

describe('createStaffInput', () => {
  it.each([
    ['a cashier with a PIN', { role: 'cashier', pin: '2580' }, true],
    ['a cashier without a PIN', { role: 'cashier' }, false],
    ['a cashier with a PIN and a password', { role: 'cashier', pin: '2580', password: 'x'.repeat(12) }, true],
    ['a manager with a password', { role: 'manager', password: 'x'.repeat(12) }, true],
    ['a manager with a password and a PIN', { role: 'manager', password: 'x'.repeat(12), pin: '2468' }, true],
    ['a manager without a password', { role: 'manager', pin: '2468' }, false],
    ['a manager with a short password', { role: 'manager', password: 'x'.repeat(11) }, false],
    ['an admin with a password', { role: 'admin', password: 'x'.repeat(12) }, true],
    ['an admin with a PIN', { role: 'admin', password: 'x'.repeat(12), pin: '1357' }, false],
    ['a customer', { role: 'customer', password: 'x'.repeat(12) }, false],
    ['a cashier with a 3-digit PIN', { role: 'cashier', pin: '123' }, false],
  ])('%s: valid %s', (_, fields, valid) => {
    expect(createStaffInput.safeParse({ ...person, ...fields }).success).toBe(valid);
  });

  it('names the missing field', () => {
    const result = createStaffInput.safeParse({ ...person, role: 'manager' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['password']);
  });

  it('normalises the e-mail', () => {
    expect(createStaffInput.parse({ ...person, role: 'cashier', pin: '2580' }).email).toBe('awa@allure.sn');
  });
});

describe('updateStaffInput', () => {
  it('refuses a change of nothing', () => {
    expect(updateStaffInput.safeParse({ id }).success).toBe(false);
    expect(updateStaffInput.safeParse({ id, role: 'manager' }).success).toBe(true);
    expect(updateStaffInput.safeParse({ id, role: 'customer' }).success).toBe(false);
  });
});

describe('setStaffPinInput', () => {
  it.each([
    ['2580', true],
    ['12345678', true],
    ['123456789', false],
    ['12a4', false],
  ])('%s: valid %s', (pin, valid) => {
    expect(setStaffPinInput.safeParse({ id, pin }).success).toBe(valid);
  });
});
