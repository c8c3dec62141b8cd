/**
 * Retail barcodes printed on labels: EAN-8, UPC-A (12 digits) and EAN-13, all GTINs whose last digit is a
 * mod-10 check digit (weights 3 and 1 alternating from the right of the body). Validating it catches the
 * typo or misread that would otherwise sell the wrong variant. Codes are kept as typed; a UPC-A and the
 * EAN-13 with a leading 0 are the same product, which lookups may want to treat alike.
 */
import { z } from 'zod';

const GTIN_LENGTHS = [8, 12, 13];

/** Check digit for the digits before it. */
export function gtinCheckDigit(body: string): number {
  if (!/^[0-9]+$/.test(body)) {
    throw new RangeError(`a GTIN body is digits only, got ${JSON.stringify(body)}`);
  }
  let sum = 0;
  for (let fromRight = 0; fromRight < body.length; fromRight += 1) {
    const digit = Number(body[body.length - 1 - fromRight]);
    sum += fromRight % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidBarcode(code: string): boolean {
  if (!/^[0-9]+$/.test(code) || !GTIN_LENGTHS.includes(code.length)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

export const barcode = z
  .string()
  .trim()
  .refine(isValidBarcode, 'barcode: EAN-8, UPC-A or EAN-13 with a valid check digit');
