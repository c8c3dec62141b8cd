import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@allure/shared/pagination';
import type { ShiftDocument } from '@allure/shared/sync.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, dataOf, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { type DemoStore, demoStore, pullAllUntil } from './sync-helper.js';

let app: App;
let store: DemoStore;

beforeAll(async () => {
  app = await buildTestApp();
  store = await demoStore(app);
});
afterAll(async () => {
  await app?.close();
});

async function pushShift(tillIndex: number, document: unknown, assumedMasterState: unknown = null) {
  const till = store.tills[tillIndex];
  if (!till) throw new Error('no till');
  const response = await call(
    app,
    'sync.push',
    { collection: 'shifts', rows: [{ newDocumentState: document, assumedMasterState }] },
    { token: till.token, type: 'mutation' },
  );
  return dataOf<Record<string, unknown>[]>(response);
}

function openShift(tillIndex: number): ShiftDocument {
  const till = store.tills[tillIndex];
  if (!till) throw new Error('no till');
  return {
    id: randomUUID(),
    storeId: store.id,
    terminalId: till.id,
    openedById: store.cashierId,
    openedAt: new Date().toISOString(),
    openingFloat: 25_000,
    status: 'open',
    closedById: null,
    closedAt: null,
    countedCash: null,
    expectedCash: null,
    updatedAt: new Date().toISOString(),
    _deleted: false,
  };
}

describe('sync.push of shifts', () => {
  it('opens a shift, closes it from the state the till last saw, and refuses a stale close', async () => {
    const opened = openShift(1);
    expect(await pushShift(1, opened)).toEqual([]);
    const till = store.tills[1];
    if (!till) throw new Error('no till');
    const { documents } = await pullAllUntil(app, till, 'shifts', null, ({ documents }) => {
      expect(documents.get(opened.id)).toMatchObject({ status: 'open', openingFloat: 25_000 });
    });
    const master = documents.get(opened.id);

    const closing = {
      ...opened,
      status: 'closed',
      closedById: store.cashierId,
      closedAt: new Date(Date.now() + 1000).toISOString(),
      countedCash: 30_000,
      expectedCash: 31_000,
    };
    // Assumed a state the server never had: conflict, the server's state comes back.
    const stale = await pushShift(1, closing, { ...master, updatedAt: '2020-01-01T00:00:00.000Z' });
    expect(stale).toEqual([expect.objectContaining({ id: opened.id, status: 'open' })]);

    expect(await pushShift(1, closing, master)).toEqual([]);
    const row = await app.db.prisma.shift.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row).toMatchObject({ status: 'closed', countedCash: 30_000, expectedCash: 31_000 });

    // Closed is final: a replay of the open state changes nothing.
    expect(await pushShift(1, opened, master)).toEqual([expect.objectContaining({ status: 'closed' })]);
  });

  it('quarantines a second open shift on one terminal and a shift of another terminal', async () => {
    const first = openShift(0);
    expect(await pushShift(0, first)).toEqual([]);
    const second = await pushShift(0, openShift(0));
    expect(second).toEqual([
      expect.objectContaining({
        syncState: 'quarantined',
        syncError: 'this terminal already has another open shift',
      }),
    ]);
    const other = await pushShift(0, openShift(1));
    expect(other[0]?.syncError).toMatch(/not this one/);
    const incomplete = await pushShift(0, { ...openShift(0), status: 'closed' });
    expect(incomplete[0]?.syncError).toMatch(/closed shift says who closed it/);
  });
});

describe('what sync leaves for managers', () => {
  it('lists quarantined documents, oversell alerts and discrepancies of the manager’s store, newest first', async () => {
    const { accessToken } = await sessionFor(app, 'manager@allure.test');
    const list = async (path: string, input: object = { limit: 2 }) =>
      dataOf<{ items: { createdAt: string; id: string }[]; nextCursor: string | null }>(
        await call(app, path, input, { token: accessToken }),
      );
    const quarantine = await list('sync.quarantine.list');
    expect(quarantine.items.length).toBeGreaterThan(0);
    expect(quarantine.items[0]).toMatchObject({
      reason: expect.any(String),
      terminal: { storeId: store.id },
    });
    if (quarantine.nextCursor) {
      const next = await list('sync.quarantine.list', { limit: 2, cursor: quarantine.nextCursor });
      expect(next.items.map((item) => item.id)).not.toContain(quarantine.items[0]?.id);
    }
    await list('inventory.oversellAlerts.list');
    await list('sync.discrepancies.list');

    const bad = await call(
      app,
      'sync.quarantine.list',
      { limit: 2, cursor: 'garbage' },
      { token: accessToken },
    );
    expect(bad.status).toBe(400);
    // A well-formed cursor with a forged id, or one from the other list, is a 400 too (never a 500).
    for (const [path, cursor] of [
      ['sync.quarantine.list', encodeCursor(['quarantine', new Date().toISOString(), "1' OR '1'='1"])],
      [
        'sync.discrepancies.list',
        quarantine.nextCursor ?? encodeCursor(['quarantine', new Date().toISOString(), store.id]),
      ],
    ] as const) {
      expect((await call(app, path, { limit: 2, cursor }, { token: accessToken })).status, path).toBe(400);
    }
    const { accessToken: cashier } = await sessionFor(app, 'cashier@allure.test');
    expect((await call(app, 'sync.quarantine.list', { limit: 2 }, { token: cashier })).status).toBe(403);
  });
});
