import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, dataOf } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { type InventoryWorld, inventoryWorld, mutate } from './inventory-helper.js';
import { statementCounter } from './statements.js';

// No N+1: every inventory list issues the same number of SQL statements for a page of 5 rows as for a
// page of 50, and a document the same for 2 lines as for 40. Labels (variant, product, location, person)
// come batched with the page, never one query per row.

let app: App;
let world: InventoryWorld;
let counter: ReturnType<typeof statementCounter>;

beforeAll(async () => {
  // No queue workers: their sweeps share the pool and would be counted.
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', WORKERS: 'off' });
  world = await inventoryWorld(app);

  // Enough of everything for a page of 50: documents, and oversell alerts open and resolved (inserted as
  // sync raises them; how they are raised is sync's test). The open ones are at the warehouse, where no
  // till sells, so they cannot meet an open alert another file left.
  const variants = await world.freshVariants(110);
  const [received] = variants;
  if (!received) throw new Error('fixtures');
  for (let n = 0; n < 55; n += 1) {
    dataOf(
      await mutate(app, world.tokens.manager, 'inventory.receive', {
        id: randomUUID(),
        locationId: world.warehouse,
        lines: [{ variantId: received.id, quantity: 1 }],
      }),
    );
  }
  const open = variants.slice(0, 55).map((variant) => variant.id);
  const resolved = variants.slice(55).map((variant) => variant.id);
  await app.db.pool.query(
    `INSERT INTO oversell_alert (id, variant_id, location_id, quantity_short)
     SELECT gen_random_uuid(), v, $1, 1 FROM unnest($2::uuid[]) AS v`,
    [world.warehouse, open],
  );
  await app.db.pool.query(
    `INSERT INTO oversell_alert (id, variant_id, location_id, quantity_short, resolved_at, resolved_by_id, resolution_note)
     SELECT gen_random_uuid(), v, $1, 1, now(), $3, 'recounted' FROM unnest($2::uuid[]) AS v`,
    [world.shop, resolved, world.managerId],
  );
  counter = statementCounter(app.db.pool);
});
afterAll(async () => {
  counter?.stop();
  await world?.remove();
  await app?.close();
});

async function statementsFor(path: string, input: object, rows: number) {
  const { result, statements } = await counter.measure(() =>
    call(app, path, input, { token: world.tokens.manager }),
  );
  expect(dataOf<{ items: unknown[] }>(result).items, `${path} returns a full page`).toHaveLength(rows);
  return statements;
}

describe('statements per page do not grow with the rows returned', () => {
  it.each<[string, object]>([
    ['inventory.levels.list', {}],
    ['inventory.levels.list', { locationId: 'shop' }],
    ['inventory.levels.list', { lowOnly: true }],
    ['inventory.lowStock.list', { order: 'recent' }],
    ['inventory.lowStock.list', { order: 'quantity', locationId: 'shop' }],
    ['inventory.movements.list', {}],
    ['inventory.movements.list', { locationId: 'warehouse', kind: 'receipt' }],
    ['inventory.documents.list', {}],
    ['inventory.documents.list', { locationId: 'warehouse', kind: 'receipt' }],
    ['inventory.oversellAlerts.list', {}],
    ['inventory.oversellAlerts.list', { status: 'resolved', locationId: 'shop' }],
  ])('%s %j', async (path, filters) => {
    const input = Object.fromEntries(
      Object.entries(filters).map(([key, value]) =>
        key === 'locationId' ? [key, value === 'shop' ? world.shop : world.warehouse] : [key, value],
      ),
    );
    const five = await statementsFor(path, { ...input, limit: 5 }, 5);
    const fifty = await statementsFor(path, { ...input, limit: 50 }, 50);
    expect(fifty).toBe(five);
  });

  it('inventory.documents.get reads a 40-line document with as many statements as a 2-line one', async () => {
    const variants = await world.freshVariants(40);
    const receive = async (count: number) => {
      const answer = dataOf<{ document: { id: string } }>(
        await mutate(app, world.tokens.manager, 'inventory.receive', {
          id: randomUUID(),
          locationId: world.warehouse,
          lines: variants
            .slice(0, count)
            .map((variant) => ({ variantId: variant.id, quantity: 2, unitCost: 500 })),
        }),
      );
      return answer.document.id;
    };
    const [small, large] = [await receive(2), await receive(40)];
    const read = async (id: string, lines: number) => {
      const { result, statements } = await counter.measure(() =>
        call(app, 'inventory.documents.get', { id }, { token: world.tokens.manager }),
      );
      expect(dataOf<{ lines: unknown[] }>(result).lines).toHaveLength(lines);
      return statements;
    };
    expect(await read(large, 40)).toBe(await read(small, 2));
  });
});
