/**
 * RxDB JSON schemas of the local collections, written by hand from the zod documents of
 * @allure/shared/sync (the replication contract). The zod schemas stay the authority: the functions that
 * write (sales.ts) parse with them, and the server parsed what it sends. These schemas give RxDB its
 * indexes and give the test database (which validates every write) a check that the two agree.
 *
 * RxDB rules that shape them: the primary key and every indexed string need a `maxLength`; an indexed
 * field must have a single type, so a nullable field (`['string', 'null']`) cannot be indexed. Hence the
 * variant's `barcodeKey` (local-documents.ts). Unions of objects (payments, discounts) are flattened into
 * one object of optional fields: looser than zod, which checks them exactly before anything is written.
 */
import { approvalActions, MAX_APPROVALS } from '@allure/shared/approval';
import { MAX_CART_LINES, MAX_QUANTITY } from '@allure/shared/cart-totals';
import { currencies } from '@allure/shared/currency';
import { orderStatuses, paymentMethods, productStatuses } from '@allure/shared/enums';
import { MAX_MONEY_AMOUNT } from '@allure/shared/money';
import { imageFormats, MAX_PRODUCT_IMAGES, MAX_RENDITIONS } from '@allure/shared/product-image';
import { BASIS_POINTS } from '@allure/shared/rounding';
import { shiftStatuses } from '@allure/shared/shift.schema';
import { syncStates } from '@allure/shared/sync.schema';
import { MAX_VAT_RATE } from '@allure/shared/tax';
import { MAX_TENDERS } from '@allure/shared/tender';
import type { RxJsonSchema } from 'rxdb';
import type { LocalDocuments } from './local-documents.js';

// --- Field schemas -----------------------------------------------------------------------------------

const uuid = { type: 'string', maxLength: 36 } as const;
const nullableUuid = { type: ['string', 'null'], maxLength: 36 } as const;
/** ISO 8601 with an offset; 40 leaves room for nanoseconds and a ±hh:mm offset. */
const dateTime = { type: 'string', maxLength: 40 } as const;
const nullableDateTime = { type: ['string', 'null'], maxLength: 40 } as const;
const integer = { type: 'integer' } as const;
const amount = { type: 'integer', minimum: 0, maximum: MAX_MONEY_AMOUNT } as const;
const nullableAmount = { type: ['integer', 'null'], minimum: 0, maximum: MAX_MONEY_AMOUNT } as const;
const vatRate = { type: 'integer', minimum: 0, maximum: MAX_VAT_RATE } as const;
const currency = { type: 'string', enum: [...currencies] } as const;
/** The server's clock for pulled documents, the till's for what it wrote and has not synced yet. */
const updatedAt = dateTime;

/** `percent` carries `basisPoints`, `amount` carries `amount` (discount.ts). */
const discount = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['percent', 'amount'] },
    basisPoints: { type: 'integer', minimum: 1, maximum: BASIS_POINTS },
    amount: { type: 'integer', minimum: 1, maximum: MAX_MONEY_AMOUNT },
  },
  required: ['type'],
  additionalProperties: false,
} as const;

/** `cash` carries `tendered`, `mobile_money` a `reference`, `card` may (tender.ts). */
const payment = {
  type: 'object',
  properties: {
    method: { type: 'string', enum: [...paymentMethods] },
    amount: { type: 'integer', minimum: 1, maximum: MAX_MONEY_AMOUNT },
    tendered: { type: 'integer', minimum: 1, maximum: MAX_MONEY_AMOUNT },
    reference: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['method', 'amount'],
  additionalProperties: false,
} as const;

const orderLine = {
  type: 'object',
  properties: {
    id: uuid,
    variantId: uuid,
    quantity: { type: 'integer', minimum: 1, maximum: MAX_QUANTITY },
    unitPrice: amount,
    catalogUnitPrice: amount,
    vatRate,
    lineDiscount: discount,
  },
  required: ['id', 'variantId', 'quantity', 'unitPrice', 'vatRate'],
  additionalProperties: false,
} as const;

const approval = {
  type: 'object',
  properties: {
    action: { type: 'string', enum: [...approvalActions] },
    approvedById: uuid,
    approvedAt: dateTime,
    orderLineId: uuid,
    reason: { type: 'string', maxLength: 200 },
  },
  required: ['action', 'approvedById', 'approvedAt'],
  additionalProperties: false,
} as const;

/** A ready product image (@allure/shared/product-image): rendition URLs and an inline placeholder. */
const productImage = {
  type: 'object',
  properties: {
    id: uuid,
    variantId: nullableUuid,
    position: { type: 'integer', minimum: 0 },
    width: { type: 'integer', minimum: 1 },
    height: { type: 'integer', minimum: 1 },
    placeholder: { type: 'string', maxLength: 2_000 },
    renditions: {
      type: 'array',
      maxItems: MAX_RENDITIONS,
      items: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: [...imageFormats] },
          width: { type: 'integer', minimum: 1 },
          height: { type: 'integer', minimum: 1 },
          src: { type: 'string', maxLength: 600 },
        },
        required: ['format', 'width', 'height', 'src'],
        additionalProperties: false,
      },
    },
  },
  required: ['id', 'variantId', 'position', 'width', 'height', 'placeholder', 'renditions'],
  additionalProperties: false,
} as const;

// --- Collections -------------------------------------------------------------------------------------

export const categorySchema: RxJsonSchema<LocalDocuments['categories']> = {
  title: 'categories',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuid,
    parentId: nullableUuid,
    slug: { type: 'string', maxLength: 120 },
    name: { type: 'string', maxLength: 120 },
    position: integer,
    updatedAt,
  },
  required: ['id', 'parentId', 'slug', 'name', 'position', 'updatedAt'],
  additionalProperties: false,
};

export const productSchema: RxJsonSchema<LocalDocuments['products']> = {
  title: 'products',
  // 1: images.
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuid,
    slug: { type: 'string', maxLength: 160 },
    name: { type: 'string', maxLength: 160 },
    description: { type: 'string' },
    categoryId: uuid,
    brand: { type: ['string', 'null'], maxLength: 80 },
    vatRate,
    status: { type: 'string', enum: [...productStatuses], maxLength: 16 },
    images: { type: 'array', maxItems: MAX_PRODUCT_IMAGES, items: productImage },
    updatedAt,
  },
  required: [
    'id',
    'slug',
    'name',
    'description',
    'categoryId',
    'brand',
    'vatRate',
    'status',
    'images',
    'updatedAt',
  ],
  additionalProperties: false,
  // A category's products by name (the till's browser), and the name search across the catalogue.
  indexes: [['categoryId', 'name'], 'name'],
};

export const variantSchema: RxJsonSchema<LocalDocuments['variants']> = {
  title: 'variants',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuid,
    productId: uuid,
    sku: { type: 'string', maxLength: 64 },
    barcode: { type: ['string', 'null'], maxLength: 14 },
    barcodeKey: { type: 'string', maxLength: 14 },
    size: { type: 'string', maxLength: 16 },
    colour: { type: 'string', maxLength: 40 },
    price: amount,
    currency,
    position: integer,
    active: { type: 'boolean' },
    updatedAt,
  },
  required: [
    'id',
    'productId',
    'sku',
    'barcode',
    'barcodeKey',
    'size',
    'colour',
    'price',
    'currency',
    'position',
    'active',
    'updatedAt',
  ],
  additionalProperties: false,
  // The scanner (barcode), the keyboard (SKU), and a product's sizes and colours.
  indexes: ['barcodeKey', 'sku', 'productId'],
};

export const stockSchema: RxJsonSchema<LocalDocuments['stock']> = {
  title: 'stock',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 73 },
    variantId: uuid,
    locationId: uuid,
    quantity: integer,
    reserved: integer,
    lowStockThreshold: { type: ['integer', 'null'] },
    updatedAt,
  },
  required: ['id', 'variantId', 'locationId', 'quantity', 'reserved', 'lowStockThreshold', 'updatedAt'],
  additionalProperties: false,
  indexes: ['variantId'],
};

export const customerSchema: RxJsonSchema<LocalDocuments['customers']> = {
  title: 'customers',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string', maxLength: 120 },
    email: { type: ['string', 'null'], maxLength: 254 },
    phone: { type: ['string', 'null'], maxLength: 40 },
    storeId: nullableUuid,
    updatedAt,
  },
  required: ['id', 'name', 'email', 'phone', 'storeId', 'updatedAt'],
  additionalProperties: false,
  indexes: ['name'],
};

export const shiftSchema: RxJsonSchema<LocalDocuments['shifts']> = {
  title: 'shifts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuid,
    storeId: uuid,
    terminalId: uuid,
    openedById: uuid,
    openedAt: dateTime,
    openingFloat: amount,
    status: { type: 'string', enum: [...shiftStatuses], maxLength: 8 },
    closedById: nullableUuid,
    closedAt: nullableDateTime,
    countedCash: nullableAmount,
    expectedCash: nullableAmount,
    updatedAt,
  },
  required: [
    'id',
    'storeId',
    'terminalId',
    'openedById',
    'openedAt',
    'openingFloat',
    'status',
    'closedById',
    'closedAt',
    'countedCash',
    'expectedCash',
    'updatedAt',
  ],
  additionalProperties: false,
  // The open shift of this till, and the shift history.
  indexes: [['terminalId', 'status'], 'openedAt'],
};

export const orderSchema: RxJsonSchema<LocalDocuments['orders']> = {
  title: 'orders',
  // 1: the receipt number index (a return finds its sale by it).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuid,
    number: { type: 'string', maxLength: 32 },
    storeId: uuid,
    customerId: uuid,
    currency,
    pricesIncludeTax: { type: 'boolean' },
    lines: { type: 'array', minItems: 1, maxItems: MAX_CART_LINES, items: orderLine },
    cartDiscount: discount,
    payments: { type: 'array', maxItems: MAX_TENDERS, items: payment },
    placedAt: dateTime,
    terminalId: uuid,
    cashierId: uuid,
    total: amount,
    approvals: { type: 'array', maxItems: MAX_APPROVALS, items: approval },
    status: { type: 'string', enum: [...orderStatuses], maxLength: 32 },
    syncState: { type: 'string', enum: [...syncStates], maxLength: 16 },
    syncError: { type: ['string', 'null'], maxLength: 2000 },
    updatedAt,
  },
  required: [
    'id',
    'number',
    'storeId',
    'currency',
    'pricesIncludeTax',
    'lines',
    'payments',
    'placedAt',
    'terminalId',
    'cashierId',
    'total',
    'approvals',
    'status',
    'syncState',
    'syncError',
    'updatedAt',
  ],
  additionalProperties: false,
  // The outbox (pending and quarantined orders, oldest first), and the day's sales.
  indexes: [['syncState', 'updatedAt'], 'placedAt', 'number'],
};

/** Refunds given at this till (pos-refund.schema.ts): pushed, never pulled. */
export const refundSchema: RxJsonSchema<LocalDocuments['refunds']> = {
  title: 'refunds',
  // 1: the sync state index (the status bar counts refunds not yet recorded).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuid,
    orderId: uuid,
    orderNumber: { type: 'string', maxLength: 32 },
    storeId: uuid,
    terminalId: uuid,
    shiftId: uuid,
    cashierId: uuid,
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CART_LINES,
      items: {
        type: 'object',
        properties: { orderLineId: uuid, quantity: { type: 'integer', minimum: 1, maximum: MAX_QUANTITY } },
        required: ['orderLineId', 'quantity'],
        additionalProperties: false,
      },
    },
    method: { type: 'string', enum: [...paymentMethods] },
    reference: { type: 'string', minLength: 1, maxLength: 64 },
    note: { type: 'string', maxLength: 500 },
    approval,
    refundedAt: dateTime,
    total: amount,
    syncState: { type: 'string', enum: [...syncStates], maxLength: 16 },
    syncError: { type: ['string', 'null'], maxLength: 2000 },
    updatedAt,
  },
  required: [
    'id',
    'orderId',
    'orderNumber',
    'storeId',
    'terminalId',
    'shiftId',
    'cashierId',
    'lines',
    'method',
    'refundedAt',
    'total',
    'syncState',
    'syncError',
    'updatedAt',
  ],
  additionalProperties: false,
  // The refunds of an order (what is left to refund), of a shift (its cash paid out), and those to send.
  indexes: ['orderId', 'shiftId', ['syncState', 'updatedAt']],
};
