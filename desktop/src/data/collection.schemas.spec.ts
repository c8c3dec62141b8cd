import {
  categoryDocument,
  customerDocument,
  orderDocument,
  productDocument,
  type RefundDocument,
  refundDocument,
  type SyncCollection,
  type SyncDocuments,
  shiftDocument,
  stockDocument,
  syncCollections,
  type VariantDocument,
  variantDocument,
} from '@allure/shared/sync.schema';
import type { RxCollection } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { LocalDatabase } from './local-database.js';
import { type LocalDocument, toLocalVariant } from './local-documents.js';
import { openTestDatabase } from './test-database.js';
import {
  aCategory,
  aClosedShift,
  aCustomer,
  aFullOrder,
  aProduct,
  aStock,
  aVariant,
} from './test-fixtures.js';

const contract: { [C in SyncCollection]: z.ZodObject } = {
  categories: categoryDocument,
  products: productDocument,
  variants: variantDocument,
  stock: stockDocument,
  customers: customerDocument,
  shifts: shiftDocument,
  orders: orderDocument,
};

/** A document of each collection as the server would send it, valid under the contract. */
const documents: { [C in SyncCollection]: () => SyncDocuments[C] } = {
  categories: () => aCategory({ parentId: '00000000-0000-4000-8000-00000000abcd' }),
  products: () => aProduct({ brand: 'Maison Awa' }),
  variants: () => aVariant(),
  stock: () => aStock(),
  customers: () => aCustomer({ email: 'awa@example.com' }),
  shifts: () => aClosedShift(),
  orders: () => aFullOrder(),
};

/** Every nullable field at null (and every optional one absent): the other edge of each document. */
const sparseDocuments: { [C in SyncCollection]: () => SyncDocuments[C] } = {
  categories: () => aCategory(),
  products: () => aProduct(),
  variants: () => aVariant({ barcode: null }),
  stock: () => aStock({ lowStockThreshold: null }),
  customers: () => aCustomer({ phone: null, storeId: null }),
  shifts: () =>
    aClosedShift({
      status: 'open',
      closedById: null,
      closedAt: null,
      countedCash: null,
      expectedCash: null,
    }),
  orders: () => {
    const {
      customerId: _,
      cartDiscount: __,
      ...order
    } = aFullOrder({
      lines: [
        { id: crypto.randomUUID(), variantId: crypto.randomUUID(), quantity: 1, unitPrice: 0, vatRate: 0 },
      ],
      payments: [],
      total: 0,
      approvals: [],
      syncError: null,
      syncState: 'synced',
    });
    return order;
  },
};

function stored(collection: SyncCollection, document: SyncDocuments[SyncCollection]) {
  const { _deleted: _, ...local } = document;
  return collection === 'variants' ? toLocalVariant(local as LocalDocument<VariantDocument>) : local;
}

describe('collection schemas', () => {
  let db: LocalDatabase;
  beforeEach(async () => {
    ({ db } = await openTestDatabase());
  });
  afterEach(async () => {
    await db.close();
  });

  for (const [edge, build] of [
    ['every field set', documents],
    ['nullable fields null, optional ones absent', sparseDocuments],
  ] as const) {
    it.each(syncCollections)(
      `stores a %s document the contract accepts (${edge}), unchanged`,
      async (name) => {
        const document = build[name]();
        expect(contract[name].safeParse(document).error).toBeUndefined();

        const local = stored(name, document);
        // One collection of seven, picked at run time: RxCollection's default document type takes any of them.
        await (db[name] as RxCollection).insert(local);
        const read = await db[name].findOne(local.id).exec();

        expect(read?.toJSON()).toEqual(local);
      },
    );
  }

  it('refuses a document the JSON schema does not describe (the test storage validates every write)', async () => {
    const { _deleted: _, ...order } = aFullOrder();

    await expect(db.orders.insert({ ...order, syncState: 'lost' as 'synced' })).rejects.toThrow(/VD2/);
  });

  it.each(syncCollections)(
    'has a JSON schema property for every field of the %s contract, and no other',
    (name) => {
      const fields = Object.keys(contract[name].shape).filter((field) => field !== '_deleted');
      const local = name === 'variants' ? [...fields, 'barcodeKey'] : fields;

      expect(
        Object.keys(db[name].schema.jsonSchema.properties)
          .filter((key) => !key.startsWith('_'))
          .sort(),
      ).toEqual(local.sort());
    },
  );

  it('stores a till refund the contract accepts, unchanged, and describes every field of it', async () => {
    const refund: RefundDocument = {
      id: crypto.randomUUID(),
      orderId: crypto.randomUUID(),
      orderNumber: 'DKR1-T01-000001',
      storeId: crypto.randomUUID(),
      terminalId: crypto.randomUUID(),
      shiftId: crypto.randomUUID(),
      cashierId: crypto.randomUUID(),
      lines: [{ orderLineId: crypto.randomUUID(), quantity: 1 }],
      method: 'mobile_money',
      reference: 'OM-1',
      note: 'wrong size',
      approval: {
        action: 'refund',
        approvedById: crypto.randomUUID(),
        approvedAt: '2026-03-01T10:15:00.000Z',
      },
      refundedAt: '2026-03-01T10:15:00.000Z',
      total: 15_000,
      syncState: 'pending',
      syncError: null,
      updatedAt: '2026-03-01T10:15:00.000Z',
      _deleted: false,
    };
    expect(refundDocument.safeParse(refund).error).toBeUndefined();
    const { _deleted: _, ...local } = refund;
    await db.refunds.insert(local);
    expect((await db.refunds.findOne(local.id).exec())?.toJSON()).toEqual(local);
    expect(
      Object.keys(db.refunds.schema.jsonSchema.properties)
        .filter((key) => !key.startsWith('_'))
        .sort(),
    ).toEqual(Object.keys(local).sort());
  });
});
