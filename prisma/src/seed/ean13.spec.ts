import { isValidBarcode } from '@allure/shared/barcode';
import { describe, expect, it } from 'vitest';
import { inStoreEan13 } from './ean13.js';

describe('inStoreEan13', () => {
  it('numbers valid in-store codes in GS1’s restricted-circulation range (prefix 2)', () => {
    expect(inStoreEan13(1)).toBe('2000000000015');
    expect(isValidBarcode(inStoreEan13(123_456))).toBe(true);
    expect(inStoreEan13(123_456)).toMatch(/^2\d{12}$/);
    expect(() => inStoreEan13(10 ** 11)).toThrow(RangeError);
  });
});
