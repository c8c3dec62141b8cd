import { IDBFactory } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { orderSchema, refundSchema } from './collection.schemas.js';
import type { LocalDatabase } from './local-database.js';
import { outboxCounts$ } from './outbox.js';
import { findOrderByNumber } from './refunds.js';
import { recordSale } from './sales.js';
import { openTestDatabase, testStorage } from './test-database.js';
import { aSale } from './test-fixtures.js';

describe('a till database from an earlier version', () => {
  it('opens with the current schemas, its sales kept and found by the new indexes', async () => {
    const indexedDB = new IDBFactory();
    // Orders and refunds as version 0 stored them: without the receipt number and sync state indexes.
    const earlier = await createRxDatabase({
      name: 'till',
      storage: testStorage(indexedDB),
      multiInstance: false,
    });
    await earlier.addCollections({
      orders: { schema: { ...orderSchema, version: 0, indexes: [['syncState', 'updatedAt'], 'placedAt'] } },
      refunds: { schema: { ...refundSchema, version: 0, indexes: ['orderId', 'shiftId'] } },
    });
    const sale = await recordSale(earlier as unknown as LocalDatabase, aSale());
    await earlier.close();

    const { db } = await openTestDatabase('till', indexedDB);
    try {
      expect((await findOrderByNumber(db, sale.number))?.id).toBe(sale.id);
      expect(await firstValueFrom(outboxCounts$(db))).toEqual({
        pendingOrders: 1,
        quarantinedOrders: 0,
        pendingRefunds: 0,
        quarantinedRefunds: 0,
      });
    } finally {
      await db.close();
    }
  });
});
