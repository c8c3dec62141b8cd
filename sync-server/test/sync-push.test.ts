import { randomUUID } from 'node:crypto';
import { ledgerDrift } from '@allure/db/fixtures/till-sales';
import type { OrderDocument } from '@allure/shared/sync.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { buildTestApp } from './helper.js';
import { type DemoStore, demoStore, push, pushOrders, saleOrder, stockedVariants } from './sync-helper.js';

let app: App;
let store: DemoStore;

beforeAll(async () => {
  app = await buildTestApp();
  store = await demoStore(app);
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

describe('sync.push of orders', () => {
  it('records a sale once, however often it is pushed, and takes the stock once', async () => {
    const [variant] = await stockedVariants(app, store, 1);
    if (!variant) throw new Error('no stock');
    const till = store.tills[0];
    if (!till) throw new Error('no till');
    const before = await level(variant.id);
    const order = saleOrder(store, till, [{ variant, quantity: 2 }]);

    expect(await pushOrders(app, till, [order])).toEqual([]);
    // The response was lost; the till pushes again, twice at once.
    const retries = await Promise.all([pushOrders(app, till, [order]), pushOrders(app, till, [order])]);
    for (const conflicts of retries) {
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        id: order.id,
        number: order.number,
        syncState: 'synced',
        status: 'completed',
      });
    }

    expect(await app.db.prisma.order.count({ where: { id: order.id } })).toBe(1);
    expect(await level(variant.id)).toBe(before - 2);
    const movements = await app.db.prisma.stockMovement.findMany({ where: { orderId: order.id } });
    expect(movements.map((movement) => [movement.kind, movement.quantity])).toEqual([['sale', -2]]);
  });

  it('answers with the server copy, equal to what the till sent', async () => {
    const [a, b] = await stockedVariants(app, store, 2);
    const till = store.tills[0];
    if (!a || !b || !till) throw new Error('fixtures');
    const order = saleOrder(
      store,
      till,
      [
        { variant: a, quantity: 1 },
        { variant: b, quantity: 1 },
      ],
      {
        payments: [],
      },
    );
    order.payments = [
      { method: 'card', amount: order.total - 100, reference: 'CB-1' },
      { method: 'cash', amount: 100, tendered: 500 },
    ];
    await pushOrders(app, till, [order]);
    const [master] = (await pushOrders(app, till, [order])) as OrderDocument[];
    const { updatedAt: _u, syncState: _s, ...sent } = order;
    expect(master).toMatchObject({ ...sent, syncState: 'synced' });
  });
});

describe('stock reconciliation', () => {
  it('accepts both offline sales of the last unit, goes negative and raises one alert naming both orders', async () => {
    const [variant] = await stockedVariants(app, store, 1, 1);
    const [t1, t2] = store.tills;
    if (!variant || !t1 || !t2) throw new Error('fixtures');
    const first = saleOrder(store, t1, [{ variant, quantity: 1 }]);
    const second = saleOrder(store, t2, [{ variant, quantity: 1 }]);
    expect(await pushOrders(app, t1, [first])).toEqual([]);
    expect(await pushOrders(app, t2, [second])).toEqual([]);

    expect(await level(variant.id)).toBe(-1);
    const alerts = await app.db.prisma.oversellAlert.findMany({
      where: { variantId: variant.id, locationId: store.locationId, resolvedAt: null },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.quantityShort).toBe(1);
    expect(alerts[0]?.orderIds).toEqual([first.id, second.id]);

    // A third sale joins the open alert.
    const third = saleOrder(store, t1, [{ variant, quantity: 2 }]);
    await pushOrders(app, t1, [third]);
    const joined = await app.db.prisma.oversellAlert.findFirstOrThrow({
      where: { variantId: variant.id, locationId: store.locationId, resolvedAt: null },
    });
    expect(joined.orderIds).toEqual([first.id, second.id, third.id]);
    expect(joined.quantityShort).toBe(3);
  });

  it('keeps the price the till showed and records a discrepancy against the price valid at sale time', async () => {
    const [variant] = await stockedVariants(app, store, 1);
    const till = store.tills[1];
    if (!variant || !till) throw new Error('fixtures');
    // Sold a minute ago, or just after the variant's last price change if another test made one since.
    const { rows } = await app.db.pool.query<{ since: Date }>(
      'SELECT max(valid_from) AS since FROM price_history WHERE variant_id = $1',
      [variant.id],
    );
    const since = rows[0]?.since.getTime() ?? 0;
    const soldBefore = saleOrder(store, till, [{ variant, quantity: 1 }], {
      placedAt: new Date(Math.max(Date.now() - 60_000, since + 1)).toISOString(),
    });
    // The manager raises the price while the till is offline; the till keeps selling at the old one.
    await app.db.pool.query('UPDATE variant SET price = price + 1000 WHERE id = $1', [variant.id]);
    const soldAfter = saleOrder(store, till, [{ variant, quantity: 1 }]);
    expect(await pushOrders(app, till, [soldBefore, soldAfter])).toEqual([]);

    const lines = await app.db.prisma.orderLine.findMany({
      where: { orderId: { in: [soldBefore.id, soldAfter.id] } },
      select: { orderId: true, unitPrice: true },
    });
    expect(lines.map((line) => line.unitPrice)).toEqual([variant.price, variant.price]);
    const discrepancies = await app.db.prisma.orderDiscrepancy.findMany({
      where: { orderId: { in: [soldBefore.id, soldAfter.id] } },
    });
    expect(discrepancies).toEqual([
      expect.objectContaining({
        orderId: soldAfter.id,
        kind: 'price',
        variantId: variant.id,
        expected: variant.price + 1000,
        actual: variant.price,
      }),
    ]);
  });

  it('flags a discount above the cashier limit without a manager approval, and accepts one with it', async () => {
    const [variant] = await stockedVariants(app, store, 1);
    const till = store.tills[0];
    if (!variant || !till) throw new Error('fixtures');
    const discounted = (approvals: OrderDocument['approvals']) => {
      const draft = saleOrder(store, till, [{ variant, quantity: 1 }]);
      const line = draft.lines[0];
      if (!line) throw new Error('no line');
      // 50 % off: over the demo cashier's 10 % limit.
      line.lineDiscount = { type: 'percent', basisPoints: 5000 };
      const priced = saleOrder(store, till, [{ variant, quantity: 1 }]);
      const total = draft.total - Math.round(draft.total / 2);
      return {
        ...draft,
        number: priced.number,
        total,
        payments: [{ method: 'cash' as const, amount: total, tendered: total }],
        approvals: approvals.map((item) => ({ ...item, orderLineId: line.id })),
      };
    };
    const unapproved = discounted([]);
    const approved = discounted([
      { action: 'discount', approvedById: store.managerId, approvedAt: new Date().toISOString() },
    ]);
    expect(await pushOrders(app, till, [unapproved, approved])).toEqual([]);
    const flagged = await app.db.prisma.orderDiscrepancy.findMany({
      where: { orderId: { in: [unapproved.id, approved.id] } },
      select: { orderId: true, kind: true },
    });
    expect(flagged).toEqual([{ orderId: unapproved.id, kind: 'approval' }]);
    expect(await app.db.prisma.orderApproval.count({ where: { orderId: approved.id } })).toBe(1);
  });

  it('keeps every level equal to the sum of its movements under concurrent pushes from three tills', async () => {
    const variants = await stockedVariants(app, store, 6);
    const tills = store.tills;
    const third = { ...(tills[0] as (typeof tills)[number]) };
    // Two demo tills; a third pushes with T01's identity and its own number range (a restored backup).
    third.sequence += 100_000;
    const pushes = [tills[0], tills[1], third].flatMap((till) =>
      Array.from({ length: 8 }, () => {
        if (!till) throw new Error('fixtures');
        const picked = [...variants].sort(() => Math.random() - 0.5).slice(0, 3);
        return pushOrders(
          app,
          till,
          Array.from({ length: 5 }, () =>
            saleOrder(
              store,
              till,
              picked.map((variant) => ({ variant, quantity: 1 + Math.floor(Math.random() * 3) })),
            ),
          ),
        );
      }),
    );
    const results = await Promise.all(pushes);
    expect(results.flat()).toEqual([]);

    expect(await ledgerDrift(app.db.pool)).toEqual([]);
  });

  it('takes batches that sell the same variants in opposite orders without a deadlock', async () => {
    const [a, b, c, d] = await stockedVariants(app, store, 4);
    const [t1, t2] = store.tills;
    if (!a || !b || !c || !d || !t1 || !t2) throw new Error('fixtures');
    const deadlocks = async () =>
      (
        await app.db.pool.query<{ deadlocks: string }>(
          'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()',
        )
      ).rows[0]?.deadlocks;
    const before = await deadlocks();
    const rounds = Array.from({ length: 10 }, () => [
      pushOrders(
        app,
        t1,
        [a, b, c, d].map((variant) => saleOrder(store, t1, [{ variant, quantity: 1 }])),
      ),
      pushOrders(
        app,
        t2,
        [d, c, b, a].map((variant) => saleOrder(store, t2, [{ variant, quantity: 1 }])),
      ),
    ]);
    expect((await Promise.all(rounds.flat())).flat()).toEqual([]);
    // Statistics reach pg_stat_database within a second of a transaction's end.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await deadlocks()).toBe(before);
  });

  it('refuses to change a level other than through the ledger', async () => {
    const [variant] = await stockedVariants(app, store, 1);
    if (!variant) throw new Error('fixtures');
    await expect(
      app.db.pool.query('UPDATE stock_level SET quantity = quantity + 1 WHERE variant_id = $1', [variant.id]),
    ).rejects.toThrow(/sum of the ledger/);
  });
});

describe('bad input', () => {
  it('quarantines malformed, oversized, foreign, duplicate and conflicting documents and stores the valid ones', async () => {
    const [variant] = await stockedVariants(app, store, 1);
    const till = store.tills[0];
    if (!variant || !till) throw new Error('fixtures');
    const good = saleOrder(store, till, [{ variant, quantity: 1 }]);
    const alsoGood = saleOrder(store, till, [{ variant, quantity: 1 }]);
    const recorded = saleOrder(store, till, [{ variant, quantity: 1 }]);
    await pushOrders(app, till, [recorded]);

    const oneLine = saleOrder(store, till, [{ variant, quantity: 1 }]);
    const tooManyLines = {
      ...oneLine,
      lines: Array.from({ length: 201 }, (_, index) => ({
        ...oneLine.lines[0],
        id: randomUUID(),
        position: index,
      })),
    };
    const foreign = { ...saleOrder(store, till, [{ variant, quantity: 1 }]), storeId: randomUUID() };
    const replayed = { ...recorded, lines: recorded.lines.map((line) => ({ ...line, quantity: 5 })) };
    replayed.total = recorded.total * 5;
    replayed.payments = [{ method: 'cash', amount: replayed.total, tendered: replayed.total }];
    const sameNumber = { ...saleOrder(store, till, [{ variant, quantity: 1 }]), number: recorded.number };
    const unknownVariant = saleOrder(store, till, [
      { variant: { ...variant, id: randomUUID() }, quantity: 1 },
    ]);
    const batch: unknown[] = [
      good,
      'not an order',
      { id: randomUUID(), lines: 'none' },
      tooManyLines,
      foreign,
      replayed,
      sameNumber,
      unknownVariant,
      alsoGood,
    ];
    const response = await push(app, till, 'orders', batch);
    expect(response.status).toBe(200);
    const conflicts = response.body.result?.data as Record<string, unknown>[];

    const reasons = conflicts.map((item) => [item.id, item.syncState, item.syncError]);
    expect(reasons).toEqual([
      [undefined, 'quarantined', expect.stringContaining('invalid order')],
      [expect.any(String), 'quarantined', expect.stringContaining('lines')],
      [tooManyLines.id, 'quarantined', expect.stringMatching(/lines.*200/)],
      [foreign.id, 'quarantined', expect.stringContaining('but this terminal belongs to store')],
      // Same id, other content: the server's copy is the answer; the attempt is kept for a manager.
      [recorded.id, 'synced', null],
      [sameNumber.id, 'quarantined', expect.stringContaining('already used')],
      [unknownVariant.id, 'quarantined', expect.stringContaining('unknown variant')],
    ]);
    expect(await app.db.prisma.order.count({ where: { id: { in: [good.id, alsoGood.id] } } })).toBe(2);
    const recordedLines = await app.db.prisma.orderLine.findMany({ where: { orderId: recorded.id } });
    expect(recordedLines.map((line) => line.quantity)).toEqual([1]);

    const quarantined = await app.db.prisma.quarantinedDocument.findMany({
      where: { terminalId: till.id, createdAt: { gte: new Date(Date.now() - 60_000) } },
      select: { documentId: true, reason: true },
    });
    expect(quarantined.map((row) => row.documentId)).toEqual(
      expect.arrayContaining([
        tooManyLines.id,
        foreign.id,
        recorded.id,
        sameNumber.id,
        unknownVariant.id,
        null,
      ]),
    );
  });

  it('refuses a malformed envelope with 400 and a batch over the limit, never a 5xx', async () => {
    const till = store.tills[0];
    if (!till) throw new Error('fixtures');
    const { call } = await import('./auth-helper.js');
    const attempts = [
      { collection: 'orders', rows: [] },
      { collection: 'products', rows: [{ newDocumentState: {} }] },
      { collection: 'orders', rows: Array.from({ length: 101 }, () => ({ newDocumentState: {} })) },
      { collection: 'orders' },
    ];
    for (const input of attempts) {
      const response = await call(app, 'sync.push', input, { token: till.token, type: 'mutation' });
      expect(response.status).toBe(400);
    }
  });
});
