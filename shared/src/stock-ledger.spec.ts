import { describe, expect, it } from 'vitest';
import {
  documentContent,
  findShortages,
  isLowStock,
  type LevelState,
  plannedMovements,
  type StockDocumentInput,
} from './stock-ledger.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [shop, warehouse] = [id(900), id(901)];
const [a, b] = [id(1), id(2)];

const transfer = (
  lines: { variantId: string; quantity: number }[],
  allowNegative = false,
): StockDocumentInput => ({
  kind: 'transfer',
  id: id(50),
  fromLocationId: warehouse,
  toLocationId: shop,
  allowNegative,
  lines,
});
const adjustment = (lines: { variantId: string; quantity: number }[]): StockDocumentInput => ({
  kind: 'adjustment',
  id: id(51),
  locationId: shop,
  reason: 'damaged',
  allowNegative: false,
  lines,
});

function levels(entries: [string, string, LevelState][]) {
  const map = new Map(entries.map(([variant, location, level]) => [`${variant}:${location}`, level]));
  return (variantId: string, locationId: string) => map.get(`${variantId}:${locationId}`);
}

describe('plannedMovements', () => {
  it('turns a transfer line into one movement out and one in, in (variant, location) lock order', () => {
    expect(
      plannedMovements(
        transfer([
          { variantId: b, quantity: 2 },
          { variantId: a, quantity: 3 },
        ]),
      ),
    ).toEqual([
      { variantId: a, locationId: shop, quantity: 3, kind: 'transfer_in', unitCost: null },
      { variantId: a, locationId: warehouse, quantity: -3, kind: 'transfer_out', unitCost: null },
      { variantId: b, locationId: shop, quantity: 2, kind: 'transfer_in', unitCost: null },
      { variantId: b, locationId: warehouse, quantity: -2, kind: 'transfer_out', unitCost: null },
    ]);
  });

  it('keeps the sign of adjustments and the cost of receipt lines', () => {
    expect(plannedMovements(adjustment([{ variantId: a, quantity: -2 }]))).toEqual([
      { variantId: a, locationId: shop, quantity: -2, kind: 'adjustment', unitCost: null },
    ]);
    const receipt: StockDocumentInput = {
      kind: 'receipt',
      id: id(52),
      locationId: warehouse,
      lines: [
        { variantId: b, quantity: 6 },
        { variantId: a, quantity: 4, unitCost: 6500 },
      ],
    };
    expect(plannedMovements(receipt)).toEqual([
      { variantId: a, locationId: warehouse, quantity: 4, kind: 'receipt', unitCost: 6500 },
      { variantId: b, locationId: warehouse, quantity: 6, kind: 'receipt', unitCost: null },
    ]);
  });
});

describe('findShortages', () => {
  it('refuses to take more than the source has, and reports what it has', () => {
    const have = levels([
      [a, warehouse, { quantity: 5, reserved: 0 }],
      [b, warehouse, { quantity: 1, reserved: 0 }],
    ]);
    expect(
      findShortages(
        transfer([
          { variantId: a, quantity: 5 },
          { variantId: b, quantity: 2 },
        ]),
        have,
      ),
    ).toEqual([{ variantId: b, locationId: warehouse, requested: 2, available: 1 }]);
  });

  it('treats a missing level as empty and a negative one as nothing available', () => {
    const have = levels([[b, warehouse, { quantity: -3, reserved: 0 }]]);
    expect(
      findShortages(
        transfer([
          { variantId: a, quantity: 1 },
          { variantId: b, quantity: 1 },
        ]),
        have,
      ),
    ).toEqual([
      { variantId: a, locationId: warehouse, requested: 1, available: 0 },
      { variantId: b, locationId: warehouse, requested: 1, available: 0 },
    ]);
  });

  it('keeps units reserved for web orders out of transfers, but not out of adjustments', () => {
    const reservedShop = levels([[a, shop, { quantity: 4, reserved: 3 }]]);
    const backToWarehouse: StockDocumentInput = {
      kind: 'transfer',
      id: id(53),
      fromLocationId: shop,
      toLocationId: warehouse,
      allowNegative: false,
      lines: [{ variantId: a, quantity: 2 }],
    };
    expect(findShortages(backToWarehouse, reservedShop)).toEqual([
      { variantId: a, locationId: shop, requested: 2, available: 1 },
    ]);
    expect(findShortages(adjustment([{ variantId: a, quantity: -4 }]), reservedShop)).toEqual([]);
  });

  it('never checks what comes in', () => {
    expect(findShortages(adjustment([{ variantId: a, quantity: 7 }]), levels([]))).toEqual([]);
    expect(findShortages(adjustment([{ variantId: a, quantity: -1 }]), levels([]))).toHaveLength(1);
  });
});

describe('documentContent', () => {
  it('is the same whatever the order of lines and however an absent note was sent', () => {
    const one = transfer([
      { variantId: a, quantity: 1 },
      { variantId: b, quantity: 2 },
    ]);
    const other = {
      ...transfer([
        { variantId: b, quantity: 2 },
        { variantId: a, quantity: 1 },
      ]),
      note: '',
    };
    expect(documentContent(other)).toEqual(documentContent(one));
  });

  it.each([
    ['a quantity', transfer([{ variantId: a, quantity: 2 }])],
    ['the permission to go negative', transfer([{ variantId: a, quantity: 1 }], true)],
    ['the kind', { ...adjustment([{ variantId: a, quantity: 1 }]), id: id(50) }],
  ])('differs when %s differs', (_, changed) => {
    expect(documentContent(changed)).not.toEqual(documentContent(transfer([{ variantId: a, quantity: 1 }])));
  });
});

describe('isLowStock', () => {
  it.each([
    [2, 2, true],
    [-1, 0, true],
    [3, 2, false],
    [0, null, false],
  ])('%i units against a threshold of %s: low %s', (quantity, threshold, low) => {
    expect(isLowStock(quantity, threshold)).toBe(low);
  });
});
