/**
 * For specs only: documents of every replicated collection, valid under the shared zod schemas, built by
 * factories so each spec states only what it is about.
 */
import type {
  CategoryDocument,
  CustomerDocument,
  OrderDocument,
  ProductDocument,
  ShiftDocument,
  StockDocument,
  VariantDocument,
} from '@allure/shared/sync.schema';
import { stockDocumentId } from '@allure/shared/sync.schema';
import type { SaleInput } from './sales.js';

let counter = 0;
/** A fresh UUID (version 4 layout) per call, readable in failures: …-000000000001, …-000000000002. */
export function testId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

export const storeId = '10000000-0000-4000-8000-000000000001';
export const terminalId = '10000000-0000-4000-8000-000000000002';
export const cashierId = '10000000-0000-4000-8000-000000000003';
export const locationId = '10000000-0000-4000-8000-000000000004';

const at = '2026-03-01T10:15:00.000Z';

export function aCategory(overrides: Partial<CategoryDocument> = {}): CategoryDocument {
  return {
    id: testId(),
    parentId: null,
    slug: 'dresses',
    name: 'Dresses',
    position: 0,
    updatedAt: at,
    _deleted: false,
    ...overrides,
  };
}

export function aProduct(overrides: Partial<ProductDocument> = {}): ProductDocument {
  return {
    id: testId(),
    slug: 'wax-print-dress',
    name: 'Wax print dress',
    description: 'Cotton, hand-finished.',
    categoryId: testId(),
    brand: null,
    vatRate: 1800,
    status: 'active',
    images: [],
    updatedAt: at,
    _deleted: false,
    ...overrides,
  };
}

export function aVariant(overrides: Partial<VariantDocument> = {}): VariantDocument {
  return {
    id: testId(),
    productId: testId(),
    sku: 'DRESS-WAX-M-BLUE',
    barcode: '4006381333931',
    size: 'M',
    colour: 'Blue',
    price: 15_000,
    currency: 'XOF',
    position: 0,
    active: true,
    updatedAt: at,
    _deleted: false,
    ...overrides,
  };
}

export function aStock(overrides: Partial<StockDocument> = {}): StockDocument {
  const variantId = overrides.variantId ?? testId();
  return {
    id: stockDocumentId(variantId, locationId),
    variantId,
    locationId,
    quantity: -2,
    reserved: 0,
    lowStockThreshold: 3,
    updatedAt: at,
    _deleted: false,
    ...overrides,
  };
}

export function aCustomer(overrides: Partial<CustomerDocument> = {}): CustomerDocument {
  return {
    id: testId(),
    name: 'Awa Diop',
    email: null,
    phone: '+221771234567',
    storeId,
    updatedAt: at,
    _deleted: false,
    ...overrides,
  };
}

export function aClosedShift(overrides: Partial<ShiftDocument> = {}): ShiftDocument {
  return {
    id: testId(),
    storeId,
    terminalId,
    openedById: cashierId,
    openedAt: '2026-03-01T08:00:00.000Z',
    openingFloat: 50_000,
    status: 'closed',
    closedById: cashierId,
    closedAt: '2026-03-01T18:00:00.000Z',
    countedCash: 120_000,
    expectedCash: 121_000,
    updatedAt: at,
    _deleted: false,
    ...overrides,
  };
}

let sequence = 0;

/** A cash sale of one line, as the till rings it up. */
export function aSale(overrides: Partial<SaleInput> = {}): SaleInput {
  sequence += 1;
  return {
    id: testId(),
    number: `DKR1-T01-${String(sequence).padStart(6, '0')}`,
    storeId,
    terminalId,
    cashierId,
    currency: 'XOF',
    pricesIncludeTax: true,
    lines: [{ id: testId(), variantId: testId(), quantity: 2, unitPrice: 15_000, vatRate: 1800 }],
    payments: [{ method: 'cash', amount: 30_000, tendered: 40_000 }],
    total: 30_000,
    placedAt: at,
    ...overrides,
  };
}

/**
 * An order using every optional field of the contract: a customer, a price override with its approval, a
 * line and a cart discount, split tenders.
 */
export function aFullOrder(overrides: Partial<OrderDocument> = {}): OrderDocument {
  const overridden = testId();
  return {
    ...aSale(),
    customerId: testId(),
    lines: [
      {
        id: overridden,
        variantId: testId(),
        quantity: 1,
        unitPrice: 12_000,
        catalogUnitPrice: 15_000,
        vatRate: 1800,
        lineDiscount: { type: 'percent', basisPoints: 1000 },
      },
      { id: testId(), variantId: testId(), quantity: 3, unitPrice: 5000, vatRate: 1800 },
    ],
    cartDiscount: { type: 'amount', amount: 1000 },
    payments: [
      { method: 'mobile_money', amount: 20_000, reference: 'WAVE-T1234' },
      { method: 'card', amount: 4800 },
      { method: 'cash', amount: 100, tendered: 500 },
    ],
    total: 24_900,
    approvals: [
      {
        action: 'price_override',
        approvedById: testId(),
        approvedAt: at,
        orderLineId: overridden,
        reason: 'Damaged hem',
      },
    ],
    status: 'completed',
    syncState: 'quarantined',
    syncError: 'payments add up to 24900, not 25000',
    updatedAt: at,
    _deleted: false,
    ...overrides,
  };
}
