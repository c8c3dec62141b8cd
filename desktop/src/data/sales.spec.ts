import { firstValueFrom, skip } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidDocumentError } from './local-documents.js';
import { outboxCounts$, outboxQuery } from './outbox.js';
import { closeShift, openShift, openShiftQuery, recordSale } from './sales.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';
import { aFullOrder, aSale, cashierId, storeId, terminalId, testId } from './test-fixtures.js';

const now = new Date('2026-03-01T10:16:00.000Z');

describe('recordSale', () => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase();
  });
  afterEach(async () => {
    await test.db.close();
  });

  it('stores the sale as a completed order waiting to be pushed, readable at once', async () => {
    const sale = aSale();

    const order = await recordSale(test.db, sale, now);

    const expected = {
      ...sale,
      approvals: [],
      status: 'completed',
      syncState: 'pending',
      syncError: null,
      updatedAt: now.toISOString(),
    };
    expect(order).toEqual(expected);
    expect((await test.db.orders.findOne(sale.id).exec())?.toJSON()).toEqual(expected);
    expect((await outboxQuery(test.db, 'pending').exec()).map((doc) => doc.id)).toEqual([sale.id]);
  });

  it('keeps the order, still pending, when the database is closed and opened again', async () => {
    const sale = aSale();
    await recordSale(test.db, sale, now);

    const reopened = await test.reopen();

    const order = await reopened.orders.findOne(sale.id).exec();
    expect(order?.syncState).toBe('pending');
    expect(order?.total).toBe(sale.total);
    expect(await reopened.orders.count({ selector: { syncState: 'pending' } }).exec()).toBe(1);
  });

  it('refuses a sale the contract rejects, and writes nothing', async () => {
    const sale = aSale({ total: 31_000 });

    await expect(recordSale(test.db, sale, now)).rejects.toThrow(InvalidDocumentError);
    await expect(recordSale(test.db, sale, now)).rejects.toThrow(/payments add up to 30000, not 31000/);
    expect(await test.db.orders.count().exec()).toBe(0);
  });

  it('refuses to record the same sale twice', async () => {
    const sale = aSale();
    await recordSale(test.db, sale, now);

    await expect(recordSale(test.db, sale, now)).rejects.toThrow();
    expect(await test.db.orders.count().exec()).toBe(1);
  });
});

describe('outbox', () => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase();
  });
  afterEach(async () => {
    await test.db.close();
  });

  it('counts pending and quarantined orders apart, and follows new sales', async () => {
    const { _deleted: _, ...quarantined } = aFullOrder({ syncState: 'quarantined' });
    const { _deleted: __, ...synced } = aFullOrder({ syncState: 'synced', syncError: null });
    await test.db.orders.bulkInsert([quarantined, synced]);
    await recordSale(test.db, aSale(), now);

    expect(await firstValueFrom(outboxCounts$(test.db))).toEqual({
      pendingOrders: 1,
      quarantinedOrders: 1,
      pendingRefunds: 0,
      quarantinedRefunds: 0,
    });

    const next = firstValueFrom(outboxCounts$(test.db).pipe(skip(1)));
    await recordSale(test.db, aSale(), now);
    expect(await next).toMatchObject({ pendingOrders: 2, quarantinedOrders: 1 });
    expect((await outboxQuery(test.db, 'quarantined').exec()).map((doc) => doc.syncError)).toEqual([
      quarantined.syncError,
    ]);
  });

  it('lists pending orders oldest change first', async () => {
    const later = await recordSale(test.db, aSale(), new Date('2026-03-01T12:00:00.000Z'));
    const earlier = await recordSale(test.db, aSale(), new Date('2026-03-01T09:00:00.000Z'));

    const pending = await outboxQuery(test.db, 'pending').exec();

    expect(pending.map((doc) => doc.id)).toEqual([earlier.id, later.id]);
  });
});

describe('shifts', () => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase();
  });
  afterEach(async () => {
    await test.db.close();
  });

  const opening = () => ({ id: testId(), storeId, terminalId, openedById: cashierId, openingFloat: 50_000 });

  it('opens one shift per terminal at a time', async () => {
    const first = await openShift(test.db, opening(), now);
    const second = await openShift(test.db, opening(), now);

    expect(first).toMatchObject({ ok: true, shift: { status: 'open', openedAt: now.toISOString() } });
    expect(second).toEqual({ ok: false, reason: 'shift_already_open', shift: first.shift });
    expect(await test.db.shifts.count().exec()).toBe(1);
  });

  it('closes the open shift with the counted and expected cash, and keeps it across a restart', async () => {
    const opened = await openShift(test.db, opening(), now);
    const closedAt = new Date('2026-03-01T18:00:00.000Z');
    const input = {
      shiftId: opened.shift.id,
      closedById: cashierId,
      countedCash: 120_000,
      expectedCash: 121_000,
    };

    const closed = await closeShift(test.db, input, closedAt);

    expect(closed).toEqual({
      ok: true,
      shift: {
        ...opened.shift,
        status: 'closed',
        closedById: cashierId,
        closedAt: closedAt.toISOString(),
        countedCash: 120_000,
        expectedCash: 121_000,
        updatedAt: closedAt.toISOString(),
      },
    });
    expect(await closeShift(test.db, input, closedAt)).toEqual({ ok: false, reason: 'shift_already_closed' });
    const reopened = await test.reopen();
    expect(await openShiftQuery(reopened, terminalId).exec()).toBeNull();
    expect((await reopened.shifts.findOne(opened.shift.id).exec())?.status).toBe('closed');
  });

  it('refuses to close a shift before it opened, and leaves it open', async () => {
    const opened = await openShift(test.db, opening(), now);
    const input = { shiftId: opened.shift.id, closedById: cashierId, countedCash: 0, expectedCash: 0 };

    await expect(closeShift(test.db, input, new Date('2026-03-01T07:00:00.000Z'))).rejects.toThrow(
      /a shift closes after it opens/,
    );
    expect((await openShiftQuery(test.db, terminalId).exec())?.id).toBe(opened.shift.id);
  });

  it('says when there is no such shift', async () => {
    const input = { shiftId: testId(), closedById: cashierId, countedCash: 0, expectedCash: 0 };

    expect(await closeShift(test.db, input, now)).toEqual({ ok: false, reason: 'shift_not_found' });
  });
});
