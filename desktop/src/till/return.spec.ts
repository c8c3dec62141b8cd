import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxCounts$ } from '../data/outbox.js';
import { findOrderByNumber, recordRefund, refundsOfOrder, refundsOfShift } from '../data/refunds.js';
import { type LocalOrder, recordSale } from '../data/sales.js';
import { openTestDatabase, type TestDatabase } from '../data/test-database.js';
import { aSale, cashierId, testId } from '../data/test-fixtures.js';
import { buildRefund, returnableQuantities } from './return.js';

const now = new Date('2026-03-01T12:00:00.000Z');
const managerId = '10000000-0000-4000-8000-0000000000aa';

describe('returns at the till', () => {
  let test: TestDatabase;
  let order: LocalOrder;
  const shiftId = testId();

  beforeEach(async () => {
    test = await openTestDatabase();
    // 2 × 15 000 XOF and 1 × 10 000 XOF, paid 40 000 in cash.
    order = await recordSale(
      test.db,
      aSale({
        lines: [
          { id: testId(), variantId: testId(), quantity: 2, unitPrice: 15_000, vatRate: 1800 },
          { id: testId(), variantId: testId(), quantity: 1, unitPrice: 10_000, vatRate: 1800 },
        ],
        payments: [{ method: 'cash', amount: 40_000, tendered: 40_000 }],
        total: 40_000,
      }),
    );
  });
  afterEach(async () => {
    await test.db.close();
  });

  const lineId = (index: number) => order.lines[index]?.id ?? '';
  const build = async (lines: { orderLineId: string; quantity: number }[], extra = {}) =>
    buildRefund({
      id: testId(),
      order,
      refunds: await refundsOfOrder(test.db, order.id),
      lines,
      method: 'cash',
      reference: '',
      shiftId,
      cashierId,
      approval: { action: 'refund', approvedById: managerId, approvedAt: now.toISOString() },
      now,
      ...extra,
    });

  it('finds a sale by its receipt number, typed in any case', async () => {
    expect((await findOrderByNumber(test.db, ` ${order.number.toLowerCase()} `))?.id).toBe(order.id);
    expect(await findOrderByNumber(test.db, 'DKR1-T01-999999')).toBeNull();
  });

  it('records a refund of what was paid for the units, pending, with its approval', async () => {
    const built = await build([{ orderLineId: lineId(0), quantity: 1 }]);
    if (!built.ok) throw new Error(built.reason);
    expect(built.refund.total).toBe(15_000);
    const stored = await recordRefund(test.db, built.refund, now);
    expect(stored).toMatchObject({
      syncState: 'pending',
      total: 15_000,
      approval: { approvedById: managerId },
    });
    expect((await refundsOfShift(test.db, shiftId)).map((refund) => refund.id)).toEqual([stored.id]);
    // The status bar counts it until the server has recorded it.
    expect(await firstValueFrom(outboxCounts$(test.db))).toMatchObject({
      pendingRefunds: 1,
      quarantinedRefunds: 0,
    });
  });

  it('counts this till’s earlier refunds offline: what is left, and no more than that', async () => {
    const first = await build([{ orderLineId: lineId(0), quantity: 1 }]);
    if (!first.ok) throw new Error(first.reason);
    await recordRefund(test.db, first.refund, now);

    expect(returnableQuantities(order, await refundsOfOrder(test.db, order.id))).toEqual(
      new Map([
        [lineId(0), 1],
        [lineId(1), 1],
      ]),
    );
    expect(await build([{ orderLineId: lineId(0), quantity: 2 }])).toEqual({
      ok: false,
      reason: 'exceeds_remaining',
    });
  });

  it('does not count a refund the server refused', async () => {
    const first = await build([{ orderLineId: lineId(1), quantity: 1 }]);
    if (!first.ok) throw new Error(first.reason);
    const stored = await recordRefund(test.db, first.refund, now);
    const document = await test.db.refunds.findOne(stored.id).exec();
    await document?.incrementalPatch({ syncState: 'quarantined', syncError: 'no' });
    expect((await build([{ orderLineId: lineId(1), quantity: 1 }])).ok).toBe(true);
  });

  it('wants a reference for mobile money, and refuses an order that was voided', async () => {
    const lines = [{ orderLineId: lineId(0), quantity: 1 }];
    expect(await build(lines, { method: 'mobile_money' })).toEqual({
      ok: false,
      reason: 'reference_required',
    });
    const built = await build(lines, { method: 'mobile_money', reference: ' OM-778 ' });
    expect(built.ok && built.refund.reference).toBe('OM-778');
    order = { ...order, status: 'voided' };
    expect(await build(lines)).toEqual({ ok: false, reason: 'not_returnable' });
  });

  it('refuses to record nothing', async () => {
    expect(await build([])).toEqual({ ok: false, reason: 'empty' });
  });
});
