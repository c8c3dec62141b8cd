import { describe, expect, it } from 'vitest';
import {
  emptyStockDocument,
  parseQuantity,
  parseThreshold,
  problemsOfShortages,
  readStockDocument,
  type StockDocumentDraft,
  withLine,
} from './stock-draft.js';

const DOCUMENT = '0190f0e0-0000-7000-8000-0000000000d0';
const SHOP = '0190f0e0-0000-7000-8000-0000000000a1';
const STORE_ROOM = '0190f0e0-0000-7000-8000-0000000000a2';
const SHIRT = { variantId: '0190f0e0-0000-7000-8000-0000000000b1', sku: 'CH-M', label: 'Chemise · M' };
const DRESS = { variantId: '0190f0e0-0000-7000-8000-0000000000b2', sku: 'RB-L', label: 'Robe · L' };

const draftOf = (kind: StockDocumentDraft['kind'], changes: Partial<StockDocumentDraft> = {}) => ({
  ...withLine(withLine(emptyStockDocument(DOCUMENT, kind, SHOP), SHIRT), DRESS),
  ...changes,
});

describe('stock document forms', () => {
  it('adds a variant picked twice as one line of two units', () => {
    const draft = withLine(withLine(emptyStockDocument(DOCUMENT, 'receipt', SHOP), SHIRT), SHIRT);
    expect(draft.lines).toEqual([{ ...SHIRT, quantity: '2', unitCost: '' }]);
  });

  it('reads a goods receipt with unit costs typed in the store’s currency, a cost left blank unknown', () => {
    const draft = draftOf('receipt', { supplierReference: ' BL-1042 ' });
    draft.lines = [
      { ...SHIRT, quantity: '12', unitCost: '7 500' },
      { ...DRESS, quantity: '3', unitCost: '' },
    ];
    expect(readStockDocument(draft, 'XOF', 'fr-FR')).toEqual({
      ok: true,
      input: {
        kind: 'receipt',
        input: {
          id: DOCUMENT,
          locationId: SHOP,
          supplierReference: 'BL-1042',
          lines: [
            { variantId: SHIRT.variantId, quantity: 12, unitCost: 7500 },
            { variantId: DRESS.variantId, quantity: 3 },
          ],
        },
      },
    });
    draft.lines = [{ ...SHIRT, quantity: '1', unitCost: '7,50' }];
    expect(readStockDocument(draft, 'EUR', 'fr-FR')).toMatchObject({
      ok: true,
      input: { input: { lines: [{ unitCost: 750 }] } },
    });
  });

  it('reads signed quantities for an adjustment only, and refuses zero', () => {
    expect(parseQuantity('-2', true)).toBe(-2);
    expect(parseQuantity('\u22122', true)).toBe(-2);
    expect(parseQuantity('+3', true)).toBe(3);
    expect(parseQuantity('-2', false)).toBeNull();
    expect(parseQuantity('1.5', true)).toBeNull();
    const adjustment = draftOf('adjustment', { reason: 'damaged' });
    adjustment.lines = [
      { ...SHIRT, quantity: '-2', unitCost: '' },
      { ...DRESS, quantity: '0', unitCost: '' },
    ];
    expect(readStockDocument(adjustment, 'XOF', 'fr-FR')).toEqual({
      ok: false,
      problems: [{ field: 'lines.1.quantity', code: 'invalidSignedQuantity' }],
    });
    adjustment.lines = adjustment.lines.slice(0, 1);
    expect(readStockDocument(adjustment, 'XOF', 'fr-FR')).toMatchObject({
      ok: true,
      input: {
        kind: 'adjustment',
        input: { reason: 'damaged', lines: [{ quantity: -2 }], allowNegative: false },
      },
    });
  });

  it('refuses a transfer to the location it comes from, on the destination, and one without lines', () => {
    const transfer = draftOf('transfer', { toLocationId: SHOP });
    const read = readStockDocument(transfer, 'XOF', 'fr-FR');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.map((problem) => problem.field)).toEqual(['toLocationId']);
    expect(readStockDocument({ ...transfer, toLocationId: STORE_ROOM }, 'XOF', 'fr-FR')).toMatchObject({
      ok: true,
      input: { kind: 'transfer', input: { fromLocationId: SHOP, toLocationId: STORE_ROOM } },
    });
    expect(readStockDocument({ ...transfer, lines: [] }, 'XOF', 'fr-FR')).toEqual({
      ok: false,
      problems: [{ field: 'lines', code: 'noLines' }],
    });
  });

  it('reads a low-stock threshold: a whole number of units, or nothing to remove it', () => {
    expect(parseThreshold('5')).toBe(5);
    expect(parseThreshold('0')).toBe(0);
    expect(parseThreshold(' ')).toBeNull();
    expect(parseThreshold('-1')).toBeUndefined();
    expect(parseThreshold('2,5')).toBeUndefined();
    expect(parseThreshold('10001')).toBeUndefined();
  });

  it('puts the server’s shortages on the lines that fall short', () => {
    const transfer = draftOf('transfer', { toLocationId: STORE_ROOM });
    expect(
      problemsOfShortages(transfer, [{ variantId: DRESS.variantId, requested: 1, available: 0 }]),
    ).toEqual([{ field: 'lines.1.quantity', code: 'insufficient', values: { requested: 1, available: 0 } }]);
  });
});
