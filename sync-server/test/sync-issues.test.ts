import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, dataOf, demoEmails, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { type DemoStore, demoStore, push, saleOrder, stockedVariants } from './sync-helper.js';

// What sync leaves for a manager, and marking it handled: a till's order in the wrong currency is
// quarantined, one sold above the catalogue price is recorded with a discrepancy; the store's manager
// resolves each (twice answers the same), another store's manager cannot reach them.

interface Page<T> {
  items: T[];
}
interface Quarantined {
  id: string;
  reason: string;
  terminal: { code: string };
}
interface Discrepancy {
  id: string;
  kind: string;
  order: { number: string };
}

describe('sync issues: resolving quarantined documents and discrepancies', () => {
  let app: App;
  let store: DemoStore;
  let manager: string;
  let otherManager: string;
  let otherStoreId: string;
  let otherManagerId: string;

  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    store = await demoStore(app);
    manager = (await sessionFor(app, demoEmails.manager)).accessToken;
    otherStoreId = (
      await app.db.prisma.store.create({
        data: { code: 'SYI2', name: 'Allure Saint-Louis', currency: 'XOF', timezone: 'Africa/Dakar' },
        select: { id: true },
      })
    ).id;
    const other = await app.db.prisma.user.create({
      data: {
        email: 'manager.syi2@allure.test',
        name: 'Binta Sall',
        role: 'manager',
        storeId: otherStoreId,
        passwordHash: 'unused',
      },
      select: { id: true, email: true },
    });
    otherManagerId = other.id;
    otherManager = (await sessionFor(app, other.email)).accessToken;
  });
  afterAll(async () => {
    if (!app) return;
    await app.db.prisma.user.deleteMany({ where: { id: otherManagerId } });
    await app.db.prisma.store.deleteMany({ where: { id: otherStoreId } });
    await app.close();
  });

  const list = async <T>(path: string, token = manager) =>
    dataOf<Page<T>>(await call(app, path, { limit: 100 }, { token })).items;
  const resolve = (path: string, id: string, token = manager) =>
    call(app, path, { id }, { token, type: 'mutation' });

  it('a quarantined order leaves the open list once resolved, only by its store', async () => {
    const till = store.tills[0];
    if (!till) throw new Error('the demo store has no till');
    const [variant] = await stockedVariants(app, store, 1);
    if (!variant) throw new Error('no stocked variant');
    const order = saleOrder(store, till, [{ variant, quantity: 1 }], { currency: 'EUR' });
    expect((await push(app, till, 'orders', [order])).status).toBe(200);
    const quarantined = (await list<Quarantined>('sync.quarantine.list')).find((item) =>
      item.reason.includes('EUR'),
    );
    expect(quarantined?.terminal.code).toBe(till.code);
    const id = quarantined?.id ?? '';

    expect(
      (await list<Quarantined>('sync.quarantine.list', otherManager)).map((item) => item.id),
    ).not.toContain(id);
    const refused = await resolve('sync.quarantine.resolve', id, otherManager);
    expect(refused.status).toBe(404);

    const first = dataOf<{ resolvedAt: string }>(await resolve('sync.quarantine.resolve', id));
    const again = dataOf<{ resolvedAt: string }>(await resolve('sync.quarantine.resolve', id));
    expect(again).toEqual(first);
    expect((await list<Quarantined>('sync.quarantine.list')).map((item) => item.id)).not.toContain(id);
  });

  it('a discrepancy leaves the open list once resolved, only by its store', async () => {
    const till = store.tills[0];
    if (!till) throw new Error('the demo store has no till');
    const [variant] = await stockedVariants(app, store, 1);
    if (!variant) throw new Error('no stocked variant');
    const order = saleOrder(store, till, [{ variant, quantity: 1, unitPrice: variant.price + 500 }]);
    expect((await push(app, till, 'orders', [order])).status).toBe(200);
    const found = (await list<Discrepancy>('sync.discrepancies.list')).find(
      (item) => item.order.number === order.number,
    );
    expect(found?.kind).toBe('price');
    const id = found?.id ?? '';

    expect((await resolve('sync.discrepancies.resolve', id, otherManager)).status).toBe(404);
    const first = dataOf<{ resolvedAt: string }>(await resolve('sync.discrepancies.resolve', id));
    expect(dataOf<{ resolvedAt: string }>(await resolve('sync.discrepancies.resolve', id))).toEqual(first);
    expect((await list<Discrepancy>('sync.discrepancies.list')).map((item) => item.id)).not.toContain(id);
  });
});
