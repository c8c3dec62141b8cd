import { describe, expect, it } from 'vitest';
import {
  compareOrderNumbers,
  formatOrderNumber,
  nextOrderNumber,
  type OrderNumberParts,
  orderNumber,
  parseOrderNumber,
} from './order-number.js';

const pos = (storeCode: string, terminalCode: string, sequence: number): OrderNumberParts => ({
  channel: 'pos',
  storeCode,
  terminalCode,
  sequence,
});
const web = (storeCode: string, sequence: number): OrderNumberParts => ({
  channel: 'web',
  storeCode,
  sequence,
});

describe('formatOrderNumber and parseOrderNumber', () => {
  it.each<[OrderNumberParts, string]>([
    [pos('DKR1', 'T02', 123), 'DKR1-T02-000123'],
    [pos('DKR1', 'T02', 1), 'DKR1-T02-000001'],
    [pos('PARIS11', 'T100', 999_999), 'PARIS11-T100-999999'],
    [pos('AB', 'T99', 1_000_000), 'AB-T99-1000000'],
    [pos('ABIDJAN2', 'T01', 999_999_999_999_999), 'ABIDJAN2-T01-999999999999999'],
    [web('DKR1', 42), 'DKR1-W-000042'],
    [web('PARIS11', 12_345_678), 'PARIS11-W-12345678'],
  ])('%o ⇄ %s', (parts, text) => {
    expect(formatOrderNumber(parts)).toBe(text);
    expect(parseOrderNumber(text)).toEqual(parts);
  });

  it.each([
    ['a lowercase store code', pos('dkr1', 'T02', 1)],
    ['a one-letter store code', pos('D', 'T02', 1)],
    ['a nine-letter store code', pos('DAKARPLAT', 'T02', 1)],
    ['a store code with a hyphen', pos('DK-1', 'T02', 1)],
    ['a terminal code without T', pos('DKR1', '02', 1)],
    ['a terminal code with 4 digits', pos('DKR1', 'T1000', 1)],
    ['a 3-digit terminal code with a leading zero', pos('DKR1', 'T001', 1)],
    ['sequence 0', pos('DKR1', 'T02', 0)],
    ['a fractional sequence', web('DKR1', 1.5)],
    ['a sequence past the maximum', web('DKR1', 1_000_000_000_000_000)],
  ])('refuses to format %s', (_, parts) => {
    expect(() => formatOrderNumber(parts)).toThrow(RangeError);
  });

  it.each([
    'DKR1-T02-123', // not padded
    'DKR1-T02-0001000000', // padded past 6 digits
    'DKR1-T02-000000', // sequence 0
    'dkr1-T02-000123',
    'DKR1-T2-000123',
    'DKR1-T001-000123',
    'DKR1-W02-000123',
    'DKR1-X-000123',
    'DKR1-T02-000123 ',
    'DKR1T02000123',
    'DKR1-T02-1234567890123456',
    '',
  ])('does not parse %j', (text) => {
    expect(parseOrderNumber(text)).toBeNull();
    expect(orderNumber.safeParse(text).success).toBe(false);
  });

  it('accepts canonical numbers in the schema', () => {
    expect(orderNumber.parse('DKR1-T02-000123')).toBe('DKR1-T02-000123');
  });

  it('counts on from the previous number', () => {
    expect(formatOrderNumber(nextOrderNumber(pos('DKR1', 'T02', 999_999)))).toBe('DKR1-T02-1000000');
  });
});

describe('compareOrderNumbers', () => {
  it('sorts by store, terminal number, web last, then sequence numerically', () => {
    const sorted = [
      'DKR1-W-000002',
      'DKR1-T100-000001',
      'DKR1-T02-1000000',
      'ABJ1-T01-000009',
      'DKR1-T02-999999',
      'DKR1-T99-000001',
      'DKR1-W-000001',
      'DKR1-T02-000010',
    ].sort(compareOrderNumbers);
    expect(sorted).toEqual([
      'ABJ1-T01-000009',
      'DKR1-T02-000010',
      'DKR1-T02-999999',
      'DKR1-T02-1000000',
      'DKR1-T99-000001',
      'DKR1-T100-000001',
      'DKR1-W-000001',
      'DKR1-W-000002',
    ]);
  });

  it.each([
    ['DKR1-T02-000001', 'DKR1-T02-000001', 0],
    ['DKR1-T02-000001', 'DKR1-T02-000002', -1],
    ['DKR1-T03-000001', 'DKR1-T02-000002', 1],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareOrderNumbers(a, b)).toBe(expected);
  });

  it('throws on something that is not an order number', () => {
    expect(() => compareOrderNumbers('DKR1-T02-000001', 'nope')).toThrow(RangeError);
  });
});
