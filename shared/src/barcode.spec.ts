import { describe, expect, it } from 'vitest';
import { barcode, gtinCheckDigit, isValidBarcode } from './barcode.js';

describe('barcodes', () => {
  it.each([
    ['4006381333931', 'EAN-13'],
    ['5901234123457', 'EAN-13'],
    ['3017620422003', 'EAN-13 (France, 30–37)'],
    ['6181234567898', 'EAN-13 (Senegal, 618)'],
    ['96385074', 'EAN-8'],
    ['73513537', 'EAN-8'],
    ['036000291452', 'UPC-A'],
    ['012345678905', 'UPC-A'],
  ])('accepts %s (%s)', (code) => {
    expect(isValidBarcode(code)).toBe(true);
    expect(barcode.safeParse(code).success).toBe(true);
  });

  it.each([
    ['4006381333932', 'wrong check digit'],
    ['4006381333913', 'two digits swapped'],
    ['96385075', 'EAN-8 with wrong check digit'],
    ['036000291453', 'UPC-A with wrong check digit'],
    ['400638133393', '12 digits that are not a UPC-A'],
    ['1234567', 'too short'],
    ['40063813339310', '14 digits (GTIN-14 is for cartons, not labels)'],
    ['40063813339A1', 'a letter'],
    ['', 'empty'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidBarcode(code)).toBe(false);
    expect(barcode.safeParse(code).success).toBe(false);
  });

  it.each([
    ['400638133393', 1],
    ['9638507', 4],
    ['03600029145', 2],
    ['000000000000', 0],
  ])('check digit of %s is %i', (body, digit) => {
    expect(gtinCheckDigit(body)).toBe(digit);
  });
});
