import { randomUUID } from 'node:crypto';
import { priceRefund } from '@allure/shared/pos-refund';
import type { OrderDocument, RefundDocument, ShiftDocument } from '@allure/shared/sync.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { dataOf } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import {
  type DemoStore,
  demoStore,
  push,
  pushOrders,
  saleOrder,
  stockedVariants,
  type Till,
} from './sync-helper.js';

let app: App;
let store: DemoStore;
let till: Till;

beforeAll(async () => {
  app = await buildTestApp();
  store = await demoStore(app);
  const last = store.tills.at(-1);
  if (!last) throw new Error('no till');
  till = last;
});
afterAll(async () => {
  await app?.close();
});

async function level(variantId: string): Promise<number> {
  const row = await app.db.prisma.stockLevel.findUniqueOrThrow({
    where: { variantId_locationId: { variantId, locationId: store.locationId } },
    select: { quantity: true },
  });
  return row.quantity;
}

async function pushRefunds(documents: readonly unknown[]) {
  return dataOf<RefundDocument[]>(await push(app, till, 'refunds', documents));
}

/** A sale of two units of one variant and one of another, as the till pushes it. */
async function sale(): Promise<{ order: OrderDocument; variants: string[] }> {
  const [a, b] = await stockedVariants(app, store, 2);
  if (!a || !b) throw new Error('no stock');
  const order = saleOrder(store, till, [
    { variant: a, quantity: 2 },
    { variant: b, quantity: 1 },
  ]);
  return { order, variants: [a.id, b.id] };
}

/** A closed shift of this till (pushing an open one could clash with a shift another file left open). */
function closedShift(): ShiftDocument {
  const at = new Date().toISOString();
  return {
    id: randomUUID(),
    storeId: store.id,
    terminalId: till.id,
    openedById: store.cashierId,
    openedAt: at,
    openingFloat: 10_000,
    status: 'closed',
    closedById: store.cashierId,
    closedAt: at,
    countedCash: 10_000,
    expectedCash: 10_000,
    updatedAt: at,
    _deleted: false,
  };
}

/** A refund given by the cashier with the manager's approval, priced by the till as the server will. */
function refundOf(
  order: OrderDocument,
  lines: { orderLineId: string; quantity: number }[],
  overrides: Partial<RefundDocument> = {},
): RefundDocument {
  const priced = priceRefund(order, [], lines);
  const at = new Date().toISOString();
  return {
    id: randomUUID(),
    orderId: order.id,
    orderNumber: order.number,
    storeId: store.id,
    terminalId: till.id,
    shiftId: randomUUID(),
    cashierId: store.cashierId,
    lines,
    method: 'card',
    reference: 'TPE-42',
    refundedAt: at,
    approval: { action: 'refund', approvedById: store.managerId, approvedAt: at },
    total: priced.ok ? priced.total : 0,
    syncState: 'pending',
    syncError: null,
    updatedAt: at,
    _deleted: false,
    ...overrides,
  };
}

const lineOf = (order: OrderDocument, index: number) => {
  const line = order.lines[index];
  if (!line) throw new Error(`no line ${index}`);
  return line;
};

describe('sync.push of refunds', () => {
  it('records a till refund once however often it is pushed, restocks once, and moves the order', async () => {
    const { order, variants } = await sale();
    await pushOrders(app, till, [order]);
    const before = await level(variants[0] ?? '');
    const refund = refundOf(order, [{ orderLineId: lineOf(order, 0).id, quantity: 1 }]);

    const [first] = await pushRefunds([refund]);
    expect(first).toMatchObject({ id: refund.id, syncState: 'synced', syncError: null });
    const retries = await Promise.all([pushRefunds([refund]), pushRefunds([refund])]);
    for (const [answer] of retries) expect(answer).toMatchObject({ id: refund.id, syncState: 'synced' });

    const stored = await app.db.prisma.refund.findMany({
      where: { orderId: order.id },
      select: { id: true, amount: true, method: true, createdById: true, approvedById: true, restock: true },
    });
    expect(stored).toEqual([
      {
        id: refund.id,
        amount: refund.total,
        method: 'card',
        createdById: store.cashierId,
        approvedById: store.managerId,
        restock: true,
      },
    ]);
    expect(await level(variants[0] ?? '')).toBe(before + 1);
    const movements = await app.db.prisma.stockMovement.findMany({
      where: { orderId: order.id, kind: 'return' },
      select: { quantity: true, locationId: true },
    });
    expect(movements).toEqual([{ quantity: 1, locationId: store.locationId }]);
    const row = await app.db.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row.status).toBe('partially_refunded');
  });

  it('prices the refund from the stored order, whatever figure the till sent', async () => {
    const { order } = await sale();
    await pushOrders(app, till, [order]);
    const honest = refundOf(order, [{ orderLineId: lineOf(order, 1).id, quantity: 1 }]);
    const [answer] = await pushRefunds([{ ...honest, total: honest.total + 5_000 }]);
    expect(answer?.syncState).toBe('synced');
    const stored = await app.db.prisma.refund.findUniqueOrThrow({ where: { id: honest.id } });
    expect(stored.amount).toBe(honest.total);
  });

  it('quarantines a refund of more units than remain, with the reason, and restocks nothing', async () => {
    const { order, variants } = await sale();
    await pushOrders(app, till, [order]);
    const line = lineOf(order, 0);
    await pushRefunds([refundOf(order, [{ orderLineId: line.id, quantity: 1 }])]);
    const before = await level(variants[0] ?? '');

    const over = refundOf(order, [{ orderLineId: line.id, quantity: 2 }]);
    const [answer] = await pushRefunds([over]);
    expect(answer).toMatchObject({ id: over.id, syncState: 'quarantined' });
    expect(answer?.syncError).toMatch(/only 1 unit\(s\) of line .* are left to refund/);
    expect(await app.db.prisma.refund.count({ where: { id: over.id } })).toBe(0);
    expect(await level(variants[0] ?? '')).toBe(before);
    const kept = await app.db.prisma.quarantinedDocument.findFirstOrThrow({ where: { documentId: over.id } });
    expect(kept).toMatchObject({ collection: 'refunds', terminalId: till.id });
  });

  it('quarantines a cashier’s refund without a manager’s approval, and one approved by a cashier', async () => {
    const { order } = await sale();
    await pushOrders(app, till, [order]);
    const lines = [{ orderLineId: lineOf(order, 0).id, quantity: 1 }];
    const { approval: _none, ...unapproved } = refundOf(order, lines);
    const byCashier = refundOf(order, lines, {
      approval: { action: 'refund', approvedById: store.cashierId, approvedAt: new Date().toISOString() },
    });
    const answers = await pushRefunds([unapproved, byCashier]);
    expect(answers.map((answer) => [answer.syncState, answer.syncError])).toEqual([
      ['quarantined', 'a cashier’s refund needs the approval of an active manager with a PIN'],
      ['quarantined', 'a cashier’s refund needs the approval of an active manager with a PIN'],
    ]);
    expect(await app.db.prisma.refund.count({ where: { orderId: order.id } })).toBe(0);
  });

  it('keeps a refund whose order has not arrived yet, and records it right after the order', async () => {
    const { order, variants } = await sale();
    const before = await level(variants[1] ?? '');
    const refund = refundOf(order, [{ orderLineId: lineOf(order, 1).id, quantity: 1 }]);

    const [waiting] = await pushRefunds([refund]);
    expect(waiting).toMatchObject({
      id: refund.id,
      syncState: 'pending',
      syncError: `waiting for order ${order.number} to reach the server`,
    });
    expect(await app.db.prisma.refund.count({ where: { id: refund.id } })).toBe(0);
    // Pushed again while it waits: it still waits, once.
    await pushRefunds([refund]);
    expect(await app.db.prisma.pendingRefund.count({ where: { id: refund.id } })).toBe(1);

    await pushOrders(app, till, [order]);
    const stored = await app.db.prisma.refund.findUniqueOrThrow({ where: { id: refund.id } });
    expect(stored.amount).toBe(refund.total);
    expect(await app.db.prisma.pendingRefund.count({ where: { id: refund.id } })).toBe(0);
    // Sold one, given back one.
    expect(await level(variants[1] ?? '')).toBe(before);
    const [again] = await pushRefunds([refund]);
    expect(again?.syncState).toBe('synced');
    expect(await app.db.prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
  });

  it('keeps a cash refund until its shift arrives, then counts it in that shift, closed or not', async () => {
    const { order } = await sale();
    await pushOrders(app, till, [order]);
    const shift = closedShift();
    const refund = refundOf(order, [{ orderLineId: lineOf(order, 0).id, quantity: 2 }], {
      method: 'cash',
      shiftId: shift.id,
    });
    const { reference: _reference, ...cash } = refund;

    const [waiting] = await pushRefunds([cash]);
    expect(waiting?.syncError).toBe(`waiting for shift ${shift.id} to reach the server`);
    await push(app, till, 'shifts', [shift]);
    const stored = await app.db.prisma.refund.findUniqueOrThrow({ where: { id: refund.id } });
    expect(stored).toMatchObject({ method: 'cash', shiftId: shift.id, amount: refund.total });
  });
});
