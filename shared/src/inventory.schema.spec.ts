import { describe, expect, it } from 'vitest';
import { stockMovementKinds } from './enums.js';
import {
  MAX_STOCK_LINES,
  resolveOversellAlertInput,
  setLocationThresholdInput,
  setLowStockThresholdInput,
  stockAdjustmentInput,
  stockMovement,
  stockMovementSigns,
  stockReceiptInput,
  stockTransferInput,
} from './inventory.schema.js';

const testId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const lines = (count: number, quantity = 1) =>
  Array.from({ length: count }, (_, n) => ({ variantId: testId(1000 + n), quantity }));

describe('stockMovement', () => {
  const movement = (kind: string, quantity: number) => ({
    id: testId(1),
    variantId: testId(2),
    locationId: testId(3),
    kind,
    quantity,
    occurredAt: '2025-03-01T10:15:00Z',
  });

  it.each(
    stockMovementKinds.flatMap((kind) =>
      [5, -5].map((quantity) => ({
        kind,
        quantity,
        valid: stockMovementSigns[kind] === 0 || Math.sign(quantity) === stockMovementSigns[kind],
      })),
    ),
  )('$kind of $quantity valid: $valid', ({ kind, quantity, valid }) => {
    expect(stockMovement.safeParse(movement(kind, quantity)).success).toBe(valid);
  });

  it.each([
    ['sale', -3, true],
    ['receipt', 12, true],
    ['adjustment', 0, false],
    ['sale', -10_001, false],
    ['theft', -1, false],
  ] as const)('%s of %i valid: %s', (kind, quantity, valid) => {
    expect(stockMovement.safeParse(movement(kind, quantity)).success).toBe(valid);
  });
});

describe('stock inputs', () => {
  const adjustment = {
    id: testId(1),
    locationId: testId(2),
    reason: 'stocktake',
    lines: [{ variantId: testId(3), quantity: -2 }],
  };
  const transfer = { id: testId(1), fromLocationId: testId(2), toLocationId: testId(4), lines: lines(2, 3) };
  const receipt = {
    id: testId(1),
    locationId: testId(2),
    supplierReference: 'BL-2025-114',
    lines: [{ variantId: testId(3), quantity: 24, unitCost: 6500 }],
  };

  it.each<
    [string, { safeParse: (value: unknown) => { success: boolean } }, Record<string, unknown>, boolean]
  >([
    ['an adjustment', stockAdjustmentInput, adjustment, true],
    [
      'an adjustment of zero',
      stockAdjustmentInput,
      { ...adjustment, lines: [{ variantId: testId(3), quantity: 0 }] },
      false,
    ],
    ['an adjustment without reason', stockAdjustmentInput, { ...adjustment, reason: undefined }, false],
    ['an adjustment with an unknown reason', stockAdjustmentInput, { ...adjustment, reason: 'gift' }, false],
    ['an adjustment with no line', stockAdjustmentInput, { ...adjustment, lines: [] }, false],
    [
      'an adjustment naming a variant twice',
      stockAdjustmentInput,
      { ...adjustment, lines: [...adjustment.lines, ...adjustment.lines] },
      false,
    ],
    [
      'an adjustment with a 501-character note',
      stockAdjustmentInput,
      { ...adjustment, note: 'x'.repeat(501) },
      false,
    ],
    [
      `a transfer of ${MAX_STOCK_LINES} lines`,
      stockTransferInput,
      { ...transfer, lines: lines(MAX_STOCK_LINES) },
      true,
    ],
    [
      `a transfer of ${MAX_STOCK_LINES + 1} lines`,
      stockTransferInput,
      { ...transfer, lines: lines(MAX_STOCK_LINES + 1) },
      false,
    ],
    ['a transfer to the same location', stockTransferInput, { ...transfer, toLocationId: testId(2) }, false],
    ['a transfer of negative units', stockTransferInput, { ...transfer, lines: lines(1, -1) }, false],
    ['a receipt', stockReceiptInput, receipt, true],
    ['a receipt without costs', stockReceiptInput, { ...receipt, lines: lines(3, 10) }, true],
    [
      'a receipt with a fractional cost',
      stockReceiptInput,
      { ...receipt, lines: [{ variantId: testId(3), quantity: 1, unitCost: 0.5 }] },
      false,
    ],
    ['a receipt without id', stockReceiptInput, { ...receipt, id: undefined }, false],
    [
      'a receipt with a cost beyond a 32-bit column',
      stockReceiptInput,
      { ...receipt, lines: [{ variantId: testId(3), quantity: 1, unitCost: 2 ** 31 }] },
      false,
    ],
    ['an adjustment allowed below zero', stockAdjustmentInput, { ...adjustment, allowNegative: true }, true],
    ['a transfer allowed below zero', stockTransferInput, { ...transfer, allowNegative: true }, true],
    [
      'a transfer with allowNegative as a string',
      stockTransferInput,
      { ...transfer, allowNegative: 'yes' },
      false,
    ],
    [
      'a threshold',
      setLowStockThresholdInput,
      { variantId: testId(3), locationId: testId(2), threshold: 4 },
      true,
    ],
    [
      'no threshold',
      setLowStockThresholdInput,
      { variantId: testId(3), locationId: testId(2), threshold: null },
      true,
    ],
    [
      'a negative threshold',
      setLowStockThresholdInput,
      { variantId: testId(3), locationId: testId(2), threshold: -1 },
      false,
    ],
    [
      'a threshold for a whole location',
      setLocationThresholdInput,
      { locationId: testId(2), threshold: 3 },
      true,
    ],
    [
      'a threshold for a variant listed twice',
      setLocationThresholdInput,
      { locationId: testId(2), threshold: 3, variantIds: [testId(3), testId(3)] },
      false,
    ],
    [
      'a resolution with a note',
      resolveOversellAlertInput,
      { id: testId(1), note: 'recounted: 2 found' },
      true,
    ],
    ['a resolution with a blank note', resolveOversellAlertInput, { id: testId(1), note: '   ' }, false],
  ])('%s: valid %s', (_, schema, value, valid) => {
    expect(schema.safeParse(value).success).toBe(valid);
  });
});
