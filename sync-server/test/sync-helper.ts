import { cashSale } from '@allure/db/fixtures/till-sales';
import type { Currency } from '@allure/shared/currency';
import type {
  OrderDocument,
  PullResult,
  PushCollection,
  SyncCheckpoint,
  SyncCollection,
} from '@allure/shared/sync.schema';
import { vi } from 'vitest';
import type { App } from '../src/app.js';
import { call, dataOf, terminalToken } from './auth-helper.js';

// Till-side fixtures for sync tests: the demo store's terminals, people and stock, and orders built the
// way a till builds them (priced with the shared code, paid in cash).

export interface Till {
  id: string;
  code: string;
  token: string;
  /** Next order sequence this till will use. */
  sequence: number;
}

export interface DemoStore {
  id: string;
  code: string;
  currency: Currency;
  pricesIncludeTax: boolean;
  locationId: string;
  cashierId: string;
  managerId: string;
  tills: Till[];
}

export async function demoStore(app: App): Promise<DemoStore> {
  const store = await app.db.prisma.store.findFirstOrThrow({
    select: {
      id: true,
      code: true,
      currency: true,
      pricesIncludeTax: true,
      terminals: { select: { id: true, code: true, lastOrderSeq: true }, orderBy: { code: 'asc' } },
      locations: { where: { kind: 'store' }, select: { id: true } },
    },
  });
  const staff = await app.db.prisma.user.findMany({
    where: { storeId: store.id, email: { in: ['cashier@allure.test', 'manager@allure.test'] } },
    select: { id: true, role: true },
  });
  const tills = await Promise.all(
    store.terminals.map(async (terminal) => ({
      id: terminal.id,
      code: terminal.code,
      token: await terminalToken(app, terminal.id),
      // Files run one after another on one database: continue after what earlier files pushed.
      sequence: terminal.lastOrderSeq + 1,
    })),
  );
  return {
    id: store.id,
    code: store.code,
    currency: store.currency as Currency,
    pricesIncludeTax: store.pricesIncludeTax,
    locationId: store.locations[0]?.id ?? '',
    cashierId: staff.find((user) => user.role === 'cashier')?.id ?? '',
    managerId: staff.find((user) => user.role === 'manager')?.id ?? '',
    tills,
  };
}

export interface Stocked {
  id: string;
  price: number;
  vatRate: number;
  quantity: number;
}

/** Active variants with their store stock, most stocked first or exactly `quantity` units when given. */
export async function stockedVariants(
  app: App,
  store: DemoStore,
  count: number,
  quantity?: number,
): Promise<Stocked[]> {
  const rows = await app.db.pool.query<{ id: string; price: number; vat_rate: number; quantity: number }>(
    `SELECT v.id, v.price, p.vat_rate, s.quantity
       FROM stock_level s JOIN variant v ON v.id = s.variant_id JOIN product p ON p.id = v.product_id
      WHERE s.location_id = $1 AND p.status = 'active' AND v.active AND s.quantity > 0
        AND ($3::int IS NULL OR s.quantity = $3)
      ORDER BY random() LIMIT $2`,
    [store.locationId, count, quantity ?? null],
  );
  return rows.rows.map((row) => ({
    id: row.id,
    price: row.price,
    vatRate: row.vat_rate,
    quantity: row.quantity,
  }));
}

/** A till order as RxDB would push it: a cash sale (priced with the shared code), pending sync. */
export function saleOrder(
  store: DemoStore,
  till: Till,
  lines: readonly { variant: Stocked; quantity: number; unitPrice?: number }[],
  overrides: Partial<OrderDocument> = {},
): OrderDocument {
  const identity = {
    storeId: store.id,
    storeCode: store.code,
    terminalId: till.id,
    terminalCode: till.code,
    cashierId: store.cashierId,
    currency: store.currency,
    pricesIncludeTax: store.pricesIncludeTax,
  };
  const sale = cashSale(identity, till.sequence++, lines);
  return {
    ...sale,
    status: 'completed',
    syncState: 'pending',
    syncError: null,
    updatedAt: sale.placedAt,
    _deleted: false,
    ...overrides,
  };
}

export async function push(app: App, till: Till, collection: PushCollection, documents: readonly unknown[]) {
  return call(
    app,
    'sync.push',
    {
      collection,
      rows: documents.map((document) => ({ newDocumentState: document, assumedMasterState: null })),
    },
    { token: till.token, type: 'mutation' },
  );
}

export async function pushOrders(app: App, till: Till, documents: readonly unknown[]): Promise<unknown[]> {
  return dataOf<unknown[]>(await push(app, till, 'orders', documents));
}

export async function pull<C extends SyncCollection>(
  app: App,
  till: Till,
  collection: C,
  checkpoint: SyncCheckpoint | null,
  limit = 1000,
): Promise<PullResult<C>> {
  return dataOf<PullResult<C>>(
    await call(app, 'sync.pull', { collection, checkpoint, limit }, { token: till.token }),
  );
}

/** Pulls until nothing is new; returns the last state of every document seen and the final checkpoint. */
export async function pullAll<C extends SyncCollection>(
  app: App,
  till: Till,
  collection: C,
  from: SyncCheckpoint | null = null,
  limit = 1000,
) {
  const documents = new Map<string, PullResult<C>['documents'][number]>();
  let checkpoint = from;
  for (;;) {
    const page = await pull(app, till, collection, checkpoint, limit);
    for (const document of page.documents) documents.set(document.id, document);
    if (page.documents.length === 0) return { documents, checkpoint };
    checkpoint = page.checkpoint;
  }
}

/**
 * `pullAll` until `check` passes. A pull never hands out changes of transactions newer than the oldest one
 * still open anywhere on the database server (docs/sync.md), so a short transaction of another test file can
 * hold a change back a moment.
 */
export async function pullAllUntil<C extends SyncCollection>(
  app: App,
  till: Till,
  collection: C,
  from: SyncCheckpoint | null,
  check: (pulled: Awaited<ReturnType<typeof pullAll<C>>>) => void,
) {
  return vi.waitFor(
    async () => {
      const pulled = await pullAll(app, till, collection, from);
      check(pulled);
      return pulled;
    },
    { timeout: 25_000, interval: 100 },
  );
}
