import { randomUUID } from 'node:crypto';
import { ledgerDrift } from '@allure/db/fixtures/till-sales';
import type { OrderDocument } from '@allure/shared/sync.schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import type { RefundOutcome } from '../src/orders/order-refund.service.js';
import type { ChangeScope } from '../src/sync/change-feed.js';
import { call, dataOf, sessionFor, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { createStore, insertOrder, someVariants, type TestStore } from './orders-admin-helper.js';
import {
  type DemoStore,
  demoStore,
  pullAll,
  pullAllUntil,
  pushOrders,
  saleOrder,
  stockedVariants,
} from './sync-helper.js';

let app: App;
let demo: DemoStore;
let store: TestStore;
let variants: Awaited<ReturnType<typeof someVariants>>;
let admin: string;
let manager: string;
let storeManager: string;
const announced: ChangeScope[] = [];

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', WORKERS: 'off' });
  demo = await demoStore(app);
  store = await createStore(app.db.pool);
  variants = await someVariants(app.db.pool, 5);
  admin = await tokenFor(app, 'admin');
  manager = await tokenFor(app, 'manager');
  storeManager = (await sessionFor(app, store.managerEmail)).accessToken;
  app.changeFeed.listen((scopes) => announced.push(...scopes));
});
afterAll(async () => {
  await app?.close();
});

function refund(input: Record<string, unknown>, token = manager) {
  return call(
    app,
    'orders.admin.refund',
    { id: randomUUID(), method: 'cash', ...input },
    { token, type: 'mutation' },
  );
}

async function level(variantId: string, locationId: string): Promise<number> {
  const { rows } = await app.db.pool.query<{ quantity: number }>(
    'SELECT quantity FROM stock_level WHERE variant_id = $1 AND location_id = $2',
    [variantId, locationId],
  );
  return rows[0]?.quantity ?? 0;
}

async function orderState(id: string) {
  const { rows } = await app.db.pool.query<{ status: string; payment_status: string; refunded: number }>(
    `SELECT o.status, o.payment_status, (SELECT coalesce(sum(amount), 0)::int FROM refund WHERE order_id = o.id) AS refunded
       FROM "order" o WHERE o.id = $1`,
    [id],
  );
  return rows[0];
}

/** A till sale pushed by the demo store's first till, as recorded by sync. */
async function tillSale(lines: { quantity: number }[]) {
  const stocked = await stockedVariants(app, demo, lines.length);
  const till = demo.tills[0];
  if (!till || stocked.length < lines.length) throw new Error('fixtures');
  const document = saleOrder(
    demo,
    till,
    lines.map((line, index) => ({
      variant: stocked[index] as (typeof stocked)[number],
      quantity: line.quantity,
    })),
  );
  expect(await pushOrders(app, till, [document])).toEqual([]);
  const recorded = await app.db.prisma.orderLine.findMany({
    where: { orderId: document.id },
    select: { id: true, variantId: true, quantity: true, total: true, tax: true },
    orderBy: { position: 'asc' },
  });
  return { document, lines: recorded, till };
}

describe('a till sale refunded by a manager', () => {
  it('gives back a share of what was paid, restocks the shop floor, moves the statuses and tells the tills', async () => {
    const { document, lines, till } = await tillSale([{ quantity: 3 }, { quantity: 1 }]);
    const [robe] = lines;
    if (!robe) throw new Error('line');
    const { checkpoint } = await pullAll(app, till, 'orders');
    const before = await level(robe.variantId, demo.locationId);
    announced.length = 0;

    const outcome = dataOf<RefundOutcome>(
      await refund({
        orderId: document.id,
        lines: [{ orderLineId: robe.id, quantity: 2 }],
        restock: true,
        reason: 'too small',
      }),
    );

    // Two of three units: two thirds of what the line cost, rounded to the franc.
    const amount = Math.round((robe.total * 2) / 3);
    const tax = Math.round((robe.tax * 2) / 3);
    expect(outcome).toMatchObject({
      replayed: false,
      order: { id: document.id, status: 'partially_refunded', paymentStatus: 'partially_refunded' },
      refund: {
        amount,
        tax,
        currency: 'XOF',
        method: 'cash',
        restock: true,
        lines: [{ orderLineId: robe.id, quantity: 2, amount, tax }],
      },
    });
    expect(await orderState(document.id)).toEqual({
      status: 'partially_refunded',
      payment_status: 'partially_refunded',
      refunded: amount,
    });
    expect(await level(robe.variantId, demo.locationId)).toBe(before + 2);
    const movements = await app.db.prisma.stockMovement.findMany({
      where: { orderId: document.id, kind: 'return' },
      select: { variantId: true, locationId: true, quantity: true },
    });
    expect(movements).toEqual([{ variantId: robe.variantId, locationId: demo.locationId, quantity: 2 }]);
    const history = await app.db.prisma.orderStatusHistory.findMany({
      where: { orderId: document.id },
      select: { fromStatus: true, toStatus: true, actorId: true, note: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(history.at(-1)).toEqual({
      fromStatus: 'completed',
      toStatus: 'partially_refunded',
      actorId: demo.managerId,
      note: `refund ${outcome.refund.id}: too small`,
    });

    await vi.waitFor(() => {
      expect(announced).toEqual(
        expect.arrayContaining([
          { collection: 'orders', storeId: demo.id },
          { collection: 'stock', storeId: demo.id },
        ]),
      );
    });
    await pullAllUntil(app, till, 'orders', checkpoint, ({ documents }) => {
      expect((documents.get(document.id) as OrderDocument | undefined)?.status).toBe('partially_refunded');
    });
    expect(await ledgerDrift(app.db.pool)).toEqual([]);
  });

  it('refunds everything left when no line is named, exactly what was paid, and nothing more after', async () => {
    const { document, lines } = await tillSale([{ quantity: 3 }, { quantity: 2 }]);
    const [first] = lines;
    if (!first) throw new Error('line');
    expect(
      (await refund({ orderId: document.id, lines: [{ orderLineId: first.id, quantity: 1 }] })).status,
    ).toBe(200);
    const rest = dataOf<RefundOutcome>(await refund({ orderId: document.id }));
    expect(rest.order).toMatchObject({ status: 'refunded', paymentStatus: 'refunded' });
    expect(rest.refund.lines.map((line) => [line.orderLineId, line.quantity])).toEqual(
      lines.map((line) => [line.id, line.id === first.id ? line.quantity - 1 : line.quantity]),
    );
    expect((await orderState(document.id))?.refunded).toBe(document.total);
    const taxRefunded = await app.db.pool.query<{ tax: number }>(
      'SELECT sum(tax)::int AS tax FROM refund WHERE order_id = $1',
      [document.id],
    );
    expect(taxRefunded.rows[0]?.tax).toBe(lines.reduce((sum, line) => sum + line.tax, 0));

    const again = await refund({ orderId: document.id });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/refunded in full already/);
  });

  it('is idempotent by refund id: a retry changes nothing, other content under the same id is refused', async () => {
    const { document, lines } = await tillSale([{ quantity: 2 }]);
    const [line] = lines;
    if (!line) throw new Error('line');
    const input = {
      id: randomUUID(),
      orderId: document.id,
      lines: [{ orderLineId: line.id, quantity: 1 }],
      restock: true,
    };
    const before = await level(line.variantId, demo.locationId);
    const first = dataOf<RefundOutcome>(await refund(input));
    const [retry, concurrent] = await Promise.all([refund(input), refund(input)]);
    for (const answer of [retry, concurrent]) {
      const outcome = dataOf<RefundOutcome>(answer);
      expect(outcome.replayed).toBe(true);
      expect(outcome.refund).toEqual(first.refund);
    }
    expect(await app.db.prisma.refund.count({ where: { orderId: document.id } })).toBe(1);
    expect(await level(line.variantId, demo.locationId)).toBe(before + 1);

    const other = await refund({ ...input, lines: [{ orderLineId: line.id, quantity: 2 }] });
    expect(other.status).toBe(409);
    expect(other.body.error?.message).toMatch(/already recorded with other content/);
  });

  it('lets one of two concurrent refunds of the last unit win and refuses the other', async () => {
    const { document, lines } = await tillSale([{ quantity: 1 }]);
    const [line] = lines;
    if (!line) throw new Error('line');
    const answers = await Promise.all(
      [1, 2].map(() =>
        refund({ orderId: document.id, lines: [{ orderLineId: line.id, quantity: 1 }], restock: true }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await app.db.prisma.refund.count({ where: { orderId: document.id } })).toBe(1);
    expect(await orderState(document.id)).toMatchObject({ status: 'refunded', refunded: document.total });
    expect(await ledgerDrift(app.db.pool)).toEqual([]);
  });
});

describe('refunds of web orders and of odd till orders', () => {
  const [a, b] = [0, 1];

  it('restocks a web order to the store’s web stock, and leaves the tills alone', async () => {
    const [first, second] = [variants[a], variants[b]];
    if (!first || !second) throw new Error('variants');
    const order = await insertOrder(app.db.pool, store, {
      channel: 'web',
      placedAt: new Date(),
      lines: [
        { variantId: first.id, quantity: 2, unitPrice: first.price },
        { variantId: second.id, quantity: 1, unitPrice: second.price },
      ],
      cartDiscountBps: 1000,
    });
    const before = await level(first.id, store.webLocationId);
    announced.length = 0;
    const outcome = dataOf<RefundOutcome>(
      await refund(
        {
          orderId: order.id,
          lines: [{ orderLineId: order.lines[0]?.id, quantity: 2 }],
          restock: true,
          method: 'card',
        },
        storeManager,
      ),
    );
    expect(outcome.refund.amount).toBe(order.lines[0]?.total);
    expect(outcome.order.status).toBe('partially_refunded');
    expect(await level(first.id, store.webLocationId)).toBe(before + 2);
    await vi.waitFor(() => expect(announced).toContainEqual({ collection: 'stock', storeId: store.id }));
    expect(announced).not.toContainEqual({ collection: 'orders', storeId: store.id });
  });

  it('gives back what a till actually charged when it charged more than its lines', async () => {
    const first = variants[a];
    if (!first) throw new Error('variants');
    const lines = [{ variantId: first.id, quantity: 2, unitPrice: first.price }];
    const priced = await insertOrder(app.db.pool, store, { channel: 'pos', placedAt: new Date(), lines });
    const overcharged = await insertOrder(app.db.pool, store, {
      channel: 'pos',
      placedAt: new Date(),
      lines,
      total: priced.total + 50,
    });
    const half = dataOf<RefundOutcome>(
      await refund(
        { orderId: overcharged.id, lines: [{ orderLineId: overcharged.lines[0]?.id, quantity: 1 }] },
        storeManager,
      ),
    );
    expect(half.refund.amount).toBe(Math.round(priced.total / 2));
    const rest = dataOf<RefundOutcome>(await refund({ orderId: overcharged.id }, storeManager));
    expect(half.refund.amount + rest.refund.amount).toBe(overcharged.total);

    const undercharged = await insertOrder(app.db.pool, store, {
      channel: 'pos',
      placedAt: new Date(),
      lines,
      total: priced.total - 100,
    });
    const all = dataOf<RefundOutcome>(await refund({ orderId: undercharged.id }, storeManager));
    expect(all.refund.amount).toBe(undercharged.total);
    expect(all.refund.tax).toBeLessThanOrEqual(all.refund.amount);
  });

  it('pays cash out of an open shift’s drawer, and never out of a closed one', async () => {
    const first = variants[a];
    if (!first) throw new Error('variants');
    const order = await insertOrder(app.db.pool, store, {
      channel: 'pos',
      placedAt: new Date(),
      lines: [{ variantId: first.id, quantity: 2, unitPrice: first.price }],
    });
    const shift = async (status: 'open' | 'closed') => {
      const id = randomUUID();
      await app.db.pool.query(
        `INSERT INTO shift (id, store_id, terminal_id, opened_by_id, opening_float, status, closed_at, closed_by_id, counted_cash, expected_cash)
         VALUES ($1, $2, $3, $4, 10000, $5, $6, $7, $8, $8)`,
        status === 'open'
          ? [id, store.id, store.terminalId, store.cashierIds[0], status, null, null, null]
          : [
              id,
              store.id,
              store.terminalId,
              store.cashierIds[0],
              status,
              new Date(),
              store.cashierIds[0],
              10000,
            ],
      );
      return id;
    };
    const closed = await shift('closed');
    const open = await shift('open');
    const line = { orderLineId: order.lines[0]?.id, quantity: 1 };
    expect((await refund({ orderId: order.id, lines: [line], shiftId: closed }, storeManager)).status).toBe(
      409,
    );
    const paid = dataOf<RefundOutcome>(
      await refund({ orderId: order.id, lines: [line], shiftId: open }, storeManager),
    );
    expect(paid.refund.shiftId).toBe(open);
    const foreign = await refund({ orderId: order.id, lines: [line], shiftId: randomUUID() }, storeManager);
    expect(foreign.status).toBe(400);
  });
});

describe('refusals', () => {
  let order: Awaited<ReturnType<typeof insertOrder>>;
  beforeAll(async () => {
    const first = variants[0];
    if (!first) throw new Error('variants');
    order = await insertOrder(app.db.pool, store, {
      channel: 'pos',
      placedAt: new Date(),
      lines: [{ variantId: first.id, quantity: 2, unitPrice: first.price }],
    });
  });

  it.each<[string, () => Promise<{ input: Record<string, unknown>; token?: string }>, number, RegExp]>([
    [
      'a web order not paid yet',
      async () => {
        const first = variants[0];
        if (!first) throw new Error('variants');
        const pending = await insertOrder(app.db.pool, store, {
          channel: 'web',
          status: 'pending',
          paymentStatus: 'pending',
          placedAt: new Date(),
          lines: [{ variantId: first.id, quantity: 1, unitPrice: first.price }],
        });
        return { input: { orderId: pending.id }, token: storeManager };
      },
      409,
      /cannot be refunded/,
    ],
    [
      'a voided sale',
      async () => {
        const first = variants[0];
        if (!first) throw new Error('variants');
        const voided = await insertOrder(app.db.pool, store, {
          channel: 'pos',
          status: 'voided',
          placedAt: new Date(),
          lines: [{ variantId: first.id, quantity: 1, unitPrice: first.price }],
        });
        return { input: { orderId: voided.id }, token: storeManager };
      },
      409,
      /voided cannot be refunded/,
    ],
    [
      'a line of another order',
      async () => ({
        input: { orderId: order.id, lines: [{ orderLineId: randomUUID(), quantity: 1 }] },
        token: storeManager,
      }),
      400,
      /is not a line of order/,
    ],
    [
      'more units than were sold',
      async () => ({
        input: { orderId: order.id, lines: [{ orderLineId: order.lines[0]?.id, quantity: 3 }] },
        token: storeManager,
      }),
      409,
      /only 2 unit\(s\)/,
    ],
    [
      'an order of another store',
      async () => ({ input: { orderId: order.id }, token: manager }),
      404,
      /not found/,
    ],
    [
      'an order that does not exist',
      async () => ({ input: { orderId: randomUUID() }, token: admin }),
      404,
      /not found/,
    ],
    [
      'mobile money without its reference',
      async () => ({ input: { orderId: order.id, method: 'mobile_money' }, token: storeManager }),
      400,
      /reference/,
    ],
  ])('refuses %s', async (_case, setup, status, message) => {
    const { input, token } = await setup();
    const answer = await refund(input, token);
    expect(answer.status).toBe(status);
    expect(answer.body.error?.message).toMatch(message);
  });

  it('refunded nothing along the way', async () => {
    expect(await app.db.prisma.refund.count({ where: { orderId: order.id } })).toBe(0);
    expect(await orderState(order.id)).toMatchObject({ status: 'completed', payment_status: 'paid' });
  });
});
