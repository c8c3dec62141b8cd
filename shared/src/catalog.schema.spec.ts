import { describe, expect, it } from 'vitest';
import {
  adminListProductsInput,
  category,
  createProductInput,
  findVariantByCodeInput,
  listProductsInput,
  MAX_AVAILABILITY_VARIANTS,
  MAX_SHELF_PRICE,
  moveCategoryInput,
  type Product,
  product,
  productLookupInput,
  searchProductsInput,
  suggestProductsInput,
  updateVariantInput,
  type Variant,
  variant,
  variantAvailabilityInput,
} from './catalog.schema.js';
import { encodeKeysetCursor } from './catalog-cursor.js';

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

  it('creates products with the variants listed, none sharing a SKU, barcode or size and colour', () => {
    const { id: _, status: __, ...fields } = aProduct();
    const withVariants = (variants: unknown[]) => createProductInput.safeParse({ ...fields, variants });
    const line = { sku: 'RW-M-IND', size: 'M', colour: 'Indigo', price: 15_000 };
    expect(withVariants([line, { ...line, sku: 'RW-L-IND', size: 'L' }]).success).toBe(true);
    expect(withVariants([line, { ...line, size: 'L' }]).success).toBe(false);
    expect(withVariants([line, { ...line, sku: 'RW-M-IND-2' }]).success).toBe(false);
    expect(
      withVariants([
        { ...line, barcode: '4006381333931' },
        { ...line, sku: 'RW-L-IND', size: 'L', barcode: '4006381333931' },
      ]).success,
    ).toBe(false);
    expect(
      withVariants(Array.from({ length: 101 }, (_, n) => ({ ...line, sku: `RW-${n}`, size: `${n}` })))
        .success,
    ).toBe(false);
  });
});

describe('the shop listing', () => {
  it('sorts by name by default, within the page limits', () => {
    expect(listProductsInput.parse({})).toEqual({ limit: 24, sort: 'name' });
    expect(listProductsInput.safeParse({ limit: 500 }).success).toBe(false);
  });

  it('takes a few values per filter, and a price range that is one', () => {
    expect(
      listProductsInput.safeParse({ sizes: ['M', 'L'], colours: ['Indigo'], inStock: true }).success,
    ).toBe(true);
    expect(listProductsInput.safeParse({ sizes: Array.from({ length: 21 }, (_, n) => `${n}`) }).success).toBe(
      false,
    );
    expect(listProductsInput.safeParse({ colours: [] }).success).toBe(false);
    expect(listProductsInput.safeParse({ colours: ['x'.repeat(41)] }).success).toBe(false);
    expect(listProductsInput.safeParse({ priceMin: 10_000, priceMax: 5_000 }).success).toBe(false);
    expect(listProductsInput.safeParse({ priceMax: MAX_SHELF_PRICE + 1 }).success).toBe(false);
  });

  it('takes a cursor only from the order it was given out for, naming the field otherwise', () => {
    const byPrice = encodeKeysetCursor('price-asc', 15_000, testId(1));
    expect(listProductsInput.safeParse({ sort: 'price-asc', cursor: byPrice }).success).toBe(true);
    const refused = listProductsInput.safeParse({ sort: 'name', cursor: byPrice });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path)).toEqual([['cursor']]);
    expect(listProductsInput.safeParse({ cursor: byPrice }).success).toBe(false);
  });
});

describe('search', () => {
  it('folds the query into words', () => {
    expect(searchProductsInput.parse({ q: '  Écharpe  BRODÉE ' }).q).toEqual(['echarpe', 'brodee']);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['punctuation only', '?!…'],
    ['longer than 120 characters', 'robe '.repeat(25)],
    ['more than 8 words', 'a b c d e f g h i'],
  ])('refuses a query that is %s', (_case, q) => {
    expect(searchProductsInput.safeParse({ q }).success).toBe(false);
    expect(suggestProductsInput.safeParse({ q }).success).toBe(false);
  });

  it('keeps the text as typed for the back office, which also matches SKUs', () => {
    expect(adminListProductsInput.parse({ search: ' rob-00012-m ' }).search).toEqual({
      text: 'rob-00012-m',
      words: ['rob', '00012', 'm'],
    });
  });

  it('finds a product by id or by slug, not both', () => {
    expect(productLookupInput.safeParse({ id: testId(1) }).success).toBe(true);
    expect(productLookupInput.safeParse({ slug: 'robe-wax' }).success).toBe(true);
    expect(productLookupInput.safeParse({ id: testId(1), slug: 'robe-wax' }).success).toBe(false);
    expect(productLookupInput.safeParse({}).success).toBe(false);
  });
});

describe('availability', () => {
  const ids = (count: number) => Array.from({ length: count }, (_, n) => testId(n + 1));
  const aCased = 'abcdef01-0000-4000-8000-00000000000a';

  it('takes 1 to 100 distinct variant ids', () => {
    expect(variantAvailabilityInput.safeParse({ variantIds: ids(1) }).success).toBe(true);
    expect(variantAvailabilityInput.safeParse({ variantIds: ids(MAX_AVAILABILITY_VARIANTS) }).success).toBe(
      true,
    );
  });

  it.each([
    ['no variant', []],
    ['more than 100 variants', ids(MAX_AVAILABILITY_VARIANTS + 1)],
    ['a variant twice', [testId(1), testId(2), testId(1)]],
    ['a variant twice, in another case', [aCased, aCased.toUpperCase()]],
    ['something that is not an id', ['robe-wax']],
  ])('refuses %s', (_case, variantIds) => {
    const refused = variantAvailabilityInput.safeParse({ variantIds });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path[0]).toBe('variantIds');
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
    ['a price above the shelf price cap (the column is 32-bit)', { price: MAX_SHELF_PRICE + 1 }, false],
    ['an unsupported currency', { currency: 'NGN' }, false],
    ['a size of 17 characters', { size: 'x'.repeat(17) }, false],
    ['a colour of 41 characters', { colour: 'x'.repeat(41) }, false],
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
    expect(moveCategoryInput.safeParse({ id: testId(1), parentId: null }).success).toBe(true);
    expect(moveCategoryInput.safeParse({ id: testId(1), parentId: testId(1) }).success).toBe(false);
    expect(moveCategoryInput.safeParse({ id: testId(1) }).success).toBe(false);
  });
});
