import { describe, expect, it } from 'vitest';
import { createCustomerInput, updateCustomerInput } from './customer.schema.js';

const testId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('customer', () => {
  it.each([
    [{}, true],
    [{ phone: '+221 77 123 45 67' }, true],
    [{ email: 'fatou@example.sn', phone: '+33612345678' }, true],
    [{ phone: '77 123 45 67' }, false],
    [{ name: '' }, false],
    [{ id: undefined }, false],
  ])('%j valid: %s', (overrides, valid) => {
    expect(createCustomerInput.safeParse({ id: testId(1), name: 'Fatou Ndiaye', ...overrides }).success).toBe(
      valid,
    );
  });

  it('clears a phone number with null and keeps omitted fields', () => {
    expect(updateCustomerInput.parse({ id: testId(1), phone: null })).toEqual({ id: testId(1), phone: null });
  });
});
