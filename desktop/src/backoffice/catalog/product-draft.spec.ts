import { describe, expect, it } from 'vitest';
import {
  emptyVariant,
  type ProductDraft,
  parsePercent,
  percentOf,
  productDraftOf,
  readNewProduct,
  readProductUpdate,
  readVariantUpdate,
  variantChanged,
} from './product-draft.js';

const CATEGORY = '0190f0e0-0000-7000-8000-000000000001';
const VARIANT = '0190f0e0-0000-7000-8000-000000000002';

const draft = (overrides: Partial<ProductDraft> = {}): ProductDraft => ({
  name: 'Robe wax',
  brand: '',
  description: '',
  categoryId: CATEGORY,
  status: 'draft',
  vatRate: '18',
  variants: [
    { ...emptyVariant('a'), size: 'M', colour: 'Indigo', sku: 'rw-m', price: '25 000' },
    { ...emptyVariant('b'), size: 'L', colour: 'Indigo', sku: 'RW-L', barcode: '', price: '26000' },
  ],
  ...overrides,
});

describe('the product editor’s form', () => {
  it('reads prices typed in francs CFA as whole francs, and the VAT percentage as basis points', () => {
    const read = readNewProduct(draft(), 'XOF', 'fr-FR');
    expect(read).toEqual({
      ok: true,
      input: expect.objectContaining({
        name: 'Robe wax',
        vatRate: 1800,
        status: 'draft',
        variants: [
          expect.objectContaining({ sku: 'RW-M', size: 'M', colour: 'Indigo', price: 25_000 }),
          expect.objectContaining({ sku: 'RW-L', price: 26_000, barcode: undefined }),
        ],
      }),
    });
  });

  it('reads euros with a comma or a dot as cents, and refuses francs with decimals on their field', () => {
    const euros = readNewProduct(
      draft({ variants: [{ ...emptyVariant('a'), sku: 'X1', price: '12,50' }] }),
      'EUR',
      'fr-FR',
    );
    expect(euros.ok && euros.input.variants[0]?.price).toBe(1250);
    const francs = readNewProduct(draft(), 'XOF', 'fr-FR');
    expect(francs.ok).toBe(true);
    const decimals = readNewProduct(
      draft({ variants: [{ ...emptyVariant('a'), sku: 'X1', price: '1500,5' }] }),
      'XOF',
      'fr-FR',
    );
    expect(decimals).toEqual({
      ok: false,
      problems: [{ field: 'variants.0.price', code: 'tooManyDecimals' }],
    });
  });

  it('names every unreadable field at once, and the schema’s refusals by their path', () => {
    const read = readNewProduct(
      draft({
        vatRate: 'dix-huit',
        variants: [
          { ...emptyVariant('a'), sku: 'X1', price: '' },
          { ...emptyVariant('b'), sku: 'X2', price: 'abc' },
        ],
      }),
      'XOF',
      'fr-FR',
    );
    expect(read).toEqual({
      ok: false,
      problems: [
        { field: 'vatRate', code: 'invalidVat' },
        { field: 'variants.0.price', code: 'required' },
        { field: 'variants.1.price', code: 'invalidPrice' },
      ],
    });
    const badSku = readNewProduct(
      draft({ name: ' ', variants: [{ ...emptyVariant('a'), sku: 'pas de blanc', price: '1' }] }),
      'XOF',
      'fr-FR',
    );
    expect(badSku.ok).toBe(false);
    expect(!badSku.ok && badSku.problems.map((problem) => problem.field)).toEqual(['name', 'variants.0.sku']);
  });

  it('reads percentages with up to two decimals, and shows basis points back the same way', () => {
    expect(parsePercent('18')).toBe(1800);
    expect(parsePercent('5,5')).toBe(550);
    expect(parsePercent('5.5 %')).toBe(550);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('5,555')).toBeNull();
    expect(parsePercent('-5')).toBeNull();
    expect(percentOf(550, 'fr-FR')).toBe('5,5');
    expect(percentOf(1800, 'en-GB')).toBe('18');
  });

  it('loads a saved product so that saving it untouched sends what it had', () => {
    const loaded = productDraftOf(
      {
        name: 'Robe wax',
        brand: null,
        description: '',
        category: { id: CATEGORY },
        status: 'active',
        vatRate: 550,
        variants: [
          {
            id: VARIANT,
            size: '',
            colour: 'Indigo',
            sku: 'RW-1',
            barcode: null,
            price: 1_234_500,
            active: true,
          },
        ],
      },
      'XOF',
      'fr-FR',
    );
    const [variant] = loaded.variants;
    if (!variant?.id) throw new Error('no variant');
    expect(variant.price).toBe('1 234 500');
    expect(readProductUpdate('0190f0e0-0000-7000-8000-000000000003', loaded)).toEqual({
      ok: true,
      input: expect.objectContaining({ brand: null, vatRate: 550 }),
    });
    expect(readVariantUpdate({ ...variant, id: variant.id }, 'XOF', 'fr-FR', 'variants.0.')).toEqual({
      ok: true,
      input: { id: VARIANT, sku: 'RW-1', barcode: null, size: null, colour: 'Indigo', price: 1_234_500 },
    });
    expect(variantChanged(variant, variant)).toBe(false);
    expect(variantChanged({ ...variant, price: '1234501' }, variant)).toBe(true);

    const euros = productDraftOf(
      {
        ...{
          name: 'x',
          brand: 'b',
          description: '',
          category: { id: CATEGORY },
          status: 'draft',
          vatRate: 2000,
        },
        variants: [
          { id: VARIANT, size: 'M', colour: '', sku: 'A', barcode: null, price: 123_456, active: true },
        ],
      },
      'EUR',
      'fr-FR',
    );
    expect(euros.variants[0]?.price).toBe('1 234,56');
    const english = productDraftOf(
      {
        ...euros,
        category: { id: CATEGORY },
        brand: null,
        status: 'draft',
        vatRate: 2000,
        variants: [
          { id: VARIANT, size: 'M', colour: '', sku: 'A', barcode: null, price: 123_456, active: true },
        ],
      },
      'EUR',
      'en-GB',
    );
    const [pound] = english.variants;
    expect(pound?.price).toBe('1,234.56');
    expect(pound && readVariantUpdate({ ...pound, id: VARIANT }, 'EUR', 'en-GB', '')).toMatchObject({
      ok: true,
      input: { price: 123_456 },
    });
  });
});
