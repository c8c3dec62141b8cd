import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { ClosedShift } from '../src/reports/shift-list.service.js';
import { call, dataOf, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { createStore, type TestStore } from './orders-admin-helper.js';

// reports.shifts: the closed shifts a manager can read the Z-report of, by the store's days, newest first,
// never another store's nor one still open.

let app: App;
let store: TestStore;
let other: TestStore;
let manager: string;
let otherManager: string;
const ZONE = 'America/New_York';

async function insertShift(of: TestStore, openedAt: string, closed: boolean): Promise<string> {
  const id = randomUUID();
  const opened = new Date(openedAt);
  await app.db.pool.query(
    `INSERT INTO shift (id, store_id, terminal_id, opened_by_id, opened_at, opening_float, status,
                        closed_by_id, closed_at, counted_cash)
     VALUES ($1, $2, $3, $4, $5, 20000, $6, $7, $8, $9)`,
    [
      id,
      of.id,
      of.terminalId,
      of.cashierIds[0],
      opened,
      closed ? 'closed' : 'open',
      closed ? of.cashierIds[1] : null,
      closed ? new Date(opened.getTime() + 8 * 3_600_000) : null,
      closed ? 61_500 : null,
    ],
  );
  return id;
}

let late: string;
let early: string;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', WORKERS: 'off' });
  store = await createStore(app.db.pool, { timezone: ZONE });
  other = await createStore(app.db.pool);
  manager = (await sessionFor(app, store.managerEmail)).accessToken;
  otherManager = (await sessionFor(app, other.managerEmail)).accessToken;
  // 2026-03-02 in New York runs from 05:00 UTC on the 2nd to 05:00 UTC on the 3rd.
  early = await insertShift(store, '2026-03-02T05:00:00Z', true);
  late = await insertShift(store, '2026-03-03T04:59:00Z', true);
  await insertShift(store, '2026-03-02T04:59:00Z', true); // 1 March, local time
  await insertShift(store, '2026-03-02T12:00:00Z', false); // still open
  await insertShift(other, '2026-03-02T12:00:00Z', true);
});

afterAll(async () => {
  await app?.close();
});

describe('reports.shifts', () => {
  it("lists the store's closed shifts opened on its days of the period, newest first", async () => {
    const listed = dataOf<{ rows: ClosedShift[] }>(
      await call(app, 'reports.shifts', { from: '2026-03-02', to: '2026-03-02' }, { token: manager }),
    );
    expect(listed.rows.map((shift) => shift.id)).toEqual([late, early]);
    expect(listed.rows[0]).toMatchObject({
      terminal: { id: store.terminalId, code: 'T01' },
      openedBy: { id: store.cashierIds[0], name: 'Awa Cashier' },
      closedBy: { id: store.cashierIds[1], name: 'Binta Cashier' },
      openingFloat: 20_000,
      countedCash: 61_500,
    });
  });

  it("does not show another store's shifts, whose store is not found to this manager", async () => {
    const own = dataOf<{ rows: ClosedShift[] }>(
      await call(app, 'reports.shifts', { from: '2026-03-01', to: '2026-03-03' }, { token: otherManager }),
    );
    expect(own.rows).toHaveLength(1);
    const refused = await call(
      app,
      'reports.shifts',
      { storeId: store.id, from: '2026-03-01', to: '2026-03-03' },
      { token: otherManager },
    );
    expect(refused.status).toBe(404);
  });

  it('refuses a period that ends before it starts', async () => {
    const refused = await call(
      app,
      'reports.shifts',
      { from: '2026-03-03', to: '2026-03-02' },
      { token: manager },
    );
    expect(refused.status).toBe(400);
  });
});
