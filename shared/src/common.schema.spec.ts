import { describe, expect, it } from 'vitest';
import {
  email,
  isoDateTime,
  name,
  phone,
  quantity,
  signedQuantity,
  sku,
  slug,
  uuid,
} from './common.schema.js';

describe('field schemas', () => {
  it.each([
    ['a v4 uuid', uuid, '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f', true],
    ['a v7 uuid', uuid, '0193a3c0-5b2e-7cc1-8a4b-1d2e3f405162', true],
    ['not a uuid', uuid, '3f1c2a9e8b7d4c6e9f102a3b4c5d6e7f', false],
    ['a name', name, 'Robe wax Ndeye', true],
    ['a name of 120 characters', name, 'x'.repeat(120), true],
    ['a name of 121 characters', name, 'x'.repeat(121), false],
    ['a blank name', name, '   ', false],
    ['a slug', slug, 'robe-wax-2024', true],
    ['a slug with a double hyphen', slug, 'robe--wax', false],
    ['a slug with a trailing hyphen', slug, 'robe-', false],
    ['a slug with capitals', slug, 'Robe-wax', false],
    ['a slug with an accent', slug, 'été', false],
    ['a slug of 121 characters', slug, 'a'.repeat(121), false],
    ['a SKU', sku, 'RW-2024-M-IND', true],
    ['a SKU with an underscore', sku, 'RW_2024', false],
    ['a SKU of 65 characters', sku, 'A'.repeat(65), false],
    ['an empty SKU', sku, '', false],
    ['an email', email, 'awa.diop@example.sn', true],
    ['not an email', email, 'awa.diop@', false],
    ['a Senegalese mobile', phone, '+221771234567', true],
    ['a French mobile', phone, '+33612345678', true],
    ['a number without country code', phone, '0612345678', false],
    ['a number of 16 digits', phone, '+2217712345678901', false],
    ['a datetime in UTC', isoDateTime, '2025-03-01T10:15:00Z', true],
    ['a datetime with an offset', isoDateTime, '2025-03-01T11:15:00+01:00', true],
    ['a datetime without zone', isoDateTime, '2025-03-01T10:15:00', false],
    ['a date only', isoDateTime, '2025-03-01', false],
  ] as const)('%s: valid %s', (_, schema, value, valid) => {
    expect(schema.safeParse(value).success).toBe(valid);
  });

  it.each([
    [sku, ' rw-2024-m ', 'RW-2024-M'],
    [email, ' Awa.Diop@Example.SN ', 'awa.diop@example.sn'],
    [phone, '+221 77 123 45 67', '+221771234567'],
    [phone, '+33 (6) 12-34-56-78', '+33612345678'],
    [name, '  Awa Diop ', 'Awa Diop'],
  ] as const)('normalises %j', (schema, input, output) => {
    expect(schema.parse(input)).toBe(output);
  });

  it.each([
    [quantity, 1, true],
    [quantity, 10_000, true],
    [quantity, 0, false],
    [quantity, 10_001, false],
    [quantity, 1.5, false],
    [signedQuantity, -10_000, true],
    [signedQuantity, 0, false],
    [signedQuantity, -10_001, false],
  ] as const)('quantity %#: %d valid %s', (schema, value, valid) => {
    expect(schema.safeParse(value).success).toBe(valid);
  });
});
