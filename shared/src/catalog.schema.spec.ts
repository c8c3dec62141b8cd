import { describe, expect, it } from 'vitest';
import {
  category,
  createProductInput,
  findVariantByCodeInput,
  listProductsInput,
  type Product,
  product,
  updateCategoryInput,
  updateVariantInput,
  type Variant,
  variant,
} from './catalog.schema.js';

const testId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function aProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: testId(1),
    slug: 'robe-wax',
    name: 'Robe wax',
    description: 'Coton imprimé, coupe droite.',
    categoryId: testId(2),
    vatRate: 1800,
    status: 'active',
    ...overrides,
  };
}

function aVariant(overrides: Partial<Variant> = {}): Variant {
  return {
    id: testId(3),
    productId: testId(1),
    sku: 'RW-M-IND',
    barcode: '4006381333931',
    size: 'M',
    colour: 'Indigo',
    price: 15_000,
    currency: 'XOF',
    ...overrides,
  };
}

describe('product', () => {
  it.each<[string, Partial<Product> | Record<string, unknown>, boolean]>([
    ['as built', {}, true],
    ['an empty description', { description: '' }, true],
    ['a description of 5000 characters', { description: 'x'.repeat(5000) }, true],
    ['a description of 5001 characters', { description: 'x'.repeat(5001) }, false],
    ['a name of 121 characters', { name: 'x'.repeat(121) }, false],
    ['a bad slug', { slug: 'Robe Wax' }, false],
    ['VAT 5.5 %', { vatRate: 550 }, true],
    ['a fractional VAT rate', { vatRate: 5.5 }, false],
    ['VAT above 100 %', { vatRate: 10_001 }, false],
    ['an unknown status', { status: 'deleted' }, false],
    ['a category id that is not a uuid', { categoryId: 'robes' }, false],
  ])('%s: valid %s', (_, overrides, valid) => {
    expect(product.safeParse({ ...aProduct(), ...overrides }).success).toBe(valid);
  });

  it('creates products as drafts unless told otherwise', () => {
    const { id: _, status: __, ...fields } = aProduct();
    expect(createProductInput.parse(fields).status).toBe('draft');
  });

  it('lists with the page limits and optional filters', () => {
    expect(listProductsInput.parse({ status: 'active' })).toEqual({ limit: 24, status: 'active' });
    expect(listProductsInput.safeParse({ limit: 500 }).success).toBe(false);
  });
});

describe('variant', () => {
  it.each<[string, Partial<Variant> | Record<string, unknown>, boolean]>([
    ['as built', {}, true],
    ['no barcode, size or colour', { barcode: undefined, size: undefined, colour: undefined }, true],
    ['an EAN-8 barcode', { barcode: '96385074' }, true],
    ['a barcode with a bad check digit', { barcode: '4006381333932' }, false],
    ['a lowercase SKU (normalised)', { sku: 'rw-m-ind' }, true],
    ['a SKU with a space', { sku: 'RW M' }, false],
    ['a free variant', { price: 0 }, true],
    ['a negative price', { price: -1 }, false],
    ['a price in euros with cents as a fraction', { price: 12.5 }, false],
    ['a price above the money cap', { price: 1_000_000_000_001 }, false],
    ['an unsupported currency', { currency: 'NGN' }, false],
    ['a size of 41 characters', { size: 'x'.repeat(41) }, false],
  ])('%s: valid %s', (_, overrides, valid) => {
    expect(variant.safeParse({ ...aVariant(), ...overrides }).success).toBe(valid);
  });

  it('clears optional fields with null on update, and never moves to another product', () => {
    expect(updateVariantInput.parse({ id: testId(3), barcode: null })).toEqual({
      id: testId(3),
      barcode: null,
    });
    expect(updateVariantInput.parse({ id: testId(3), productId: testId(9) })).toEqual({ id: testId(3) });
  });

  it('looks variants up by a trimmed code', () => {
    expect(findVariantByCodeInput.parse({ code: ' 4006381333931 ' })).toEqual({ code: '4006381333931' });
    expect(findVariantByCodeInput.safeParse({ code: '' }).success).toBe(false);
  });
});

describe('category', () => {
  it.each([
    [{ id: testId(1), slug: 'robes', name: 'Robes' }, true],
    [{ id: testId(1), slug: 'robes', name: 'Robes', parentId: testId(2) }, true],
    [{ id: testId(1), slug: 'robes', name: 'Robes', parentId: testId(1) }, false],
    [{ id: testId(1), slug: 'Robes', name: 'Robes' }, false],
  ])('%j valid: %s', (value, valid) => {
    expect(category.safeParse(value).success).toBe(valid);
  });

  it('moves to the top level with parentId null, never under itself', () => {
    expect(updateCategoryInput.safeParse({ id: testId(1), parentId: null }).success).toBe(true);
    expect(updateCategoryInput.safeParse({ id: testId(1), parentId: testId(1) }).success).toBe(false);
  });
});
