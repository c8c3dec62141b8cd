import { describe, expect, it } from 'vitest';
import { CatalogIndex, type IndexedProduct, type IndexedVariant } from './catalog-index.js';

const product = (id: string, name: string, extra: Partial<IndexedProduct> = {}): IndexedProduct => ({
  id,
  name,
  brand: null,
  categoryId: 'robes',
  vatRate: 1800,
  active: true,
  images: [],
  ...extra,
});
const variant = (id: string, productId: string, extra: Partial<IndexedVariant> = {}): IndexedVariant => ({
  id,
  productId,
  sku: `SKU-${id}`,
  barcode: null,
  size: 'M',
  colour: 'Indigo',
  price: 10_000,
  currency: 'XOF',
  position: 0,
  active: true,
  ...extra,
});

function demoIndex() {
  const index = new CatalogIndex();
  index.putProducts([
    product('p1', 'Écharpe brodée', { brand: 'Maison Ndiaye', categoryId: 'accessoires' }),
    product('p2', 'Robe wax'),
    product('p3', 'Robe archivée', { active: false }),
  ]);
  index.putVariants([
    variant('v1', 'p1', { barcode: '3760000000017', sku: 'ECH-BRO-01' }),
    variant('v2', 'p2', { size: 'L', colour: 'Rouge', position: 1 }),
    variant('v3', 'p2', { size: 'S', colour: 'Bleu', position: 0 }),
    variant('v4', 'p2', { size: 'XL', active: false, position: 2 }),
    variant('v5', 'p3'),
  ]);
  return index;
}

const ids = (found: { variant: { id: string } }[]) => found.map((entry) => entry.variant.id);

describe('the till catalog index', () => {
  it('looks a variant up by barcode or by SKU, whatever the case', () => {
    const index = demoIndex();
    expect(index.lookUp('3760000000017')?.product.name).toBe('Écharpe brodée');
    expect(index.lookUp('ech-bro-01')?.variant.id).toBe('v1');
    expect(index.lookUp('0000000000000')).toBeNull();
  });

  it('finds by the start of any word, accents folded, every word required, in display order', () => {
    const index = demoIndex();
    expect(ids(index.search('echarpe'))).toEqual(['v1']);
    expect(ids(index.search('ndiaye bro'))).toEqual(['v1']);
    expect(ids(index.search('robe'))).toEqual(['v3', 'v2']);
    expect(ids(index.search('robe rouge'))).toEqual(['v2']);
    expect(ids(index.search('obe'))).toEqual([]);
  });

  it('finds by one letter or digit, and by the start of a SKU or barcode', () => {
    const index = demoIndex();
    expect(ids(index.search('e'))).toEqual(['v1']);
    expect(ids(index.search('r'))).toEqual(['v3', 'v2']);
    expect(ids(index.search('376'))).toEqual(['v1']);
    expect(ids(index.search('ech b'))).toEqual(['v1']);
    expect(ids(index.search('9'))).toEqual([]);
  });

  it('puts an exact SKU or barcode first and finds nothing that cannot be sold', () => {
    const index = demoIndex();
    expect(ids(index.search('3760000000017'))).toEqual(['v1']);
    expect(ids(index.search('archivee'))).toEqual([]);
    expect(index.lookUp('SKU-v4')).toBeNull();
  });

  it('follows changes: a new barcode replaces the old one, a removed variant is gone', () => {
    const index = demoIndex();
    index.putVariants([variant('v1', 'p1', { barcode: '3760000000024', sku: 'ECH-BRO-01' })]);
    expect(index.lookUp('3760000000017')).toBeNull();
    expect(index.lookUp('3760000000024')?.variant.id).toBe('v1');
    index.removeVariants(['v2']);
    expect(ids(index.search('robe'))).toEqual(['v3']);
    expect(ids(index.variantsOf('p2'))).toEqual(['v3']);
  });

  it('lists the products of a category that have something to sell', () => {
    const index = demoIndex();
    expect(index.productsIn('robes').map((entry) => entry.id)).toEqual(['p2']);
  });

  it('stops at the limit', () => {
    const index = new CatalogIndex();
    index.putProducts([product('p', 'Pagne')]);
    index.putVariants(Array.from({ length: 120 }, (_, n) => variant(`v${n}`, 'p', { position: n })));
    expect(index.search('pagne', 50)).toHaveLength(50);
    expect(index.search('pagne', 50)[0]?.variant.id).toBe('v0');
  });

  it('keeps display order through changes: numbers by value, a renamed product moves, a price change does not', () => {
    const index = new CatalogIndex();
    index.putProducts([product('p10', 'Pagne 10'), product('p2', 'Pagne 2'), product('p3', 'Pagne 3')]);
    index.putVariants([variant('a', 'p10'), variant('b', 'p2'), variant('c', 'p3')]);
    expect(ids(index.search('pagne'))).toEqual(['b', 'c', 'a']);
    index.putVariants([variant('c', 'p3', { price: 12_000 })]);
    expect(index.search('pagne')[1]?.variant.price).toBe(12_000);
    index.putProducts([product('p2', 'Pagne 20')]);
    expect(ids(index.search('pagne'))).toEqual(['c', 'a', 'b']);
    index.removeProducts(['p3']);
    expect(ids(index.search('pagne'))).toEqual(['a', 'b']);
  });
});

describe('the till catalog index, large', () => {
  it('keeps the same order whether filled in one batch or changed one by one', () => {
    const names = Array.from({ length: 700 }, (_, n) => `Robe ${(n * 7919) % 1000}`);
    const products = names.map((name, n) => product(`p${n}`, name));
    const variants = products.map((entry, n) => variant(`v${n}`, entry.id, { position: n % 3 }));
    const batched = new CatalogIndex();
    batched.putProducts(products);
    batched.putVariants(variants);
    const oneByOne = new CatalogIndex();
    for (const entry of products) oneByOne.putProducts([entry]);
    for (const entry of [...variants].reverse()) oneByOne.putVariants([entry]);
    const expected = ids(batched.search('robe', 1_000));
    expect(expected).toHaveLength(700);
    expect(ids(oneByOne.search('robe', 1_000))).toEqual(expected);
    // Display order: names by their numbers' values.
    const shown = batched.search('robe', 1_000).map((found) => Number(found.product.name.slice(5)));
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    // A rename moves one entry to its new place; the rest keep theirs.
    oneByOne.putProducts([product('p0', 'Robe 9999')]);
    expect(ids(oneByOne.search('robe', 1_000)).at(-1)).toBe('v0');
  });
});
