import { gtinCheckDigit } from '@allure/shared/barcode';

/**
 * The n-th in-store EAN-13. Prefix 2 is GS1's "restricted circulation" range, meant for numbers a
 * retailer assigns itself, so seeded codes never collide with a real product's.
 */
export function inStoreEan13(n: number): string {
  const first12 = `2${String(n).padStart(11, '0')}`;
  if (first12.length !== 12) throw new RangeError(`inStoreEan13: ${n} does not fit in 11 digits`);
  return `${first12}${gtinCheckDigit(first12)}`;
}
