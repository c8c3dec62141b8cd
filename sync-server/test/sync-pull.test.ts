import { randomBytes } from 'node:crypto';
import type {
  CategoryDocument,
  PullResult,
  SyncCheckpoint,
  SyncCollection,
  VariantDocument,
} from '@allure/shared/sync.schema';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { pullChanges } from '../src/sync/pull.js';
import { call, terminalToken, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { type DemoStore, demoStore, pull, pullAll, pullAllUntil, type Till } from './sync-helper.js';

// sync.pull against the real change log: commits that land out of order are never skipped, pages walk a
// collection in checkpoint order, a terminal sees the catalog and its own store only, deletions come as
// tombstones, and bad requests are refused as such. Raw connections play the other writers (a back-office
// transaction, a psql session) so that two transactions can be held open side by side.

let app: App;
let store: DemoStore;
let till: Till;
/** Connections of our own, outside the app's pool, for transactions held open across pulls. */
let writers: pg.Pool;

beforeAll(async () => {
  app = await buildTestApp();
  store = await demoStore(app);
  const first = store.tills[0];
  if (!first) throw new Error('the demo store has no till');
  till = first;
  writers = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
});
afterAll(async () => {
  await writers?.end();
  await app?.close();
});

/** Checkpoints order by (txid, seq), as 64-bit numbers. */
function compare(a: SyncCheckpoint, b: SyncCheckpoint): number {
  const [at, as, bt, bs] = [BigInt(a.txid), BigInt(a.seq), BigInt(b.txid), BigInt(b.seq)];
  if (at !== bt) return at < bt ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

/** Where the terminal stands after pulling everything there is so far. */
async function head(collection: SyncCollection): Promise<SyncCheckpoint | null> {
  return (await pullAll(app, till, collection)).checkpoint;
}

/** A connection inside a transaction; `end` rolls back whatever is still open and gives it back. */
async function transaction() {
  const client = await writers.connect();
  await client.query('BEGIN');
  return {
    client,
    async end() {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    },
  };
}

async function variantPair(): Promise<[{ id: string; price: number }, { id: string; price: number }]> {
  const { rows } = await app.db.pool.query<{ id: string; price: number }>(
    'SELECT id, price FROM variant ORDER BY random() LIMIT 2',
  );
  const [a, b] = rows;
  if (!a || !b) throw new Error('the demo catalog has fewer than two variants');
  return [a, b];
}

/** The change-log position of a variant's latest change (`change_log.seq`: a bare `seq` is the text column). */
async function lastChange(variantId: string): Promise<{ seq: bigint; txid: bigint }> {
  const { rows } = await app.db.pool.query<{ seq: string; txid: string }>(
    `SELECT seq::text, txid::text FROM change_log
      WHERE collection = 'variants' AND document_id = $1 ORDER BY change_log.seq DESC LIMIT 1`,
    [variantId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no change logged for variant ${variantId}`);
  return { seq: BigInt(row.seq), txid: BigInt(row.txid) };
}

/** What a reader paging by `seq` alone would take as its position: the highest seq it can see. */
async function naivePosition(): Promise<bigint> {
  const { rows } = await app.db.pool.query<{ seq: string }>(
    `SELECT max(seq)::text AS seq FROM change_log WHERE collection = 'variants'`,
  );
  return BigInt(rows[0]?.seq ?? '0');
}

const priceOf = (documents: readonly VariantDocument[], id: string) =>
  documents.filter((document) => document.id === id).map((document) => document.price);

describe('sync.pull when transactions commit out of order', () => {
  it('holds back a later commit behind an open, older transaction, then delivers both', async () => {
    const [a, b] = await variantPair();
    const from = await head('variants');
    const writerA = await transaction();
    const writerB = await transaction();
    try {
      // A writes first, so it holds the lower seq (and txid); B writes, commits, and is visible first.
      await writerA.client.query('UPDATE variant SET price = $2 WHERE id = $1', [a.id, a.price + 11]);
      await writerB.client.query('UPDATE variant SET price = $2 WHERE id = $1', [b.id, b.price + 13]);
      await writerB.client.query('COMMIT');
      const naive = await naivePosition();

      const between = await pull(app, till, 'variants', from);
      // The order A commits in is unknown yet: nothing at or past A's position may be handed out.
      expect(priceOf(between.documents, a.id)).toEqual([]);
      expect(priceOf(between.documents, b.id)).toEqual([]);
      const direct = await pullChanges(app.db.pool, {
        collection: 'variants',
        storeId: store.id,
        checkpoint: from,
        limit: 100,
      });
      expect(direct.heldBack).toBe(true);

      await writerA.client.query('COMMIT');
      await pullAllUntil(app, till, 'variants', between.checkpoint, (after) => {
        expect(after.documents.get(a.id)?.price).toBe(a.price + 11);
        expect(after.documents.get(b.id)?.price).toBe(b.price + 13);
      });

      // A reader paging by seq would have stood at B's seq while A was open, and never looked back.
      const [changeA, changeB] = [await lastChange(a.id), await lastChange(b.id)];
      expect(changeA.seq).toBeLessThan(changeB.seq);
      expect(naive).toBe(changeB.seq);
    } finally {
      await writerA.end();
      await writerB.end();
    }
  });

  it('delivers a commit that is older by txid at once, and the newer-seq one still arrives later', async () => {
    const [a, b] = await variantPair();
    const from = await head('variants');
    const writerA = await transaction();
    const writerB = await transaction();
    try {
      // B's transaction starts first (lower txid); A then writes (lower seq); B writes and commits.
      await writerB.client.query('SELECT pg_current_xact_id()');
      await writerA.client.query('UPDATE variant SET price = $2 WHERE id = $1', [a.id, a.price + 17]);
      await writerB.client.query('UPDATE variant SET price = $2 WHERE id = $1', [b.id, b.price + 19]);
      await writerB.client.query('COMMIT');
      const naive = await naivePosition();

      // B is older than every open transaction, so it is handed out now, ahead of A's lower seq.
      // (Polled: a short transaction elsewhere on the server may hold it back for a moment.)
      const between = await vi.waitFor(
        async () => {
          const page = await pull(app, till, 'variants', from);
          expect(priceOf(page.documents, b.id)).toEqual([b.price + 19]);
          return page;
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(priceOf(between.documents, a.id)).toEqual([]);
      const checkpoint = between.checkpoint;
      if (!checkpoint || !from) throw new Error('no checkpoint');
      expect(compare(checkpoint, from)).toBeGreaterThan(0);

      await writerA.client.query('COMMIT');
      await pullAllUntil(app, till, 'variants', checkpoint, (after) => {
        expect(after.documents.get(a.id)?.price).toBe(a.price + 17);
        expect(after.documents.has(b.id)).toBe(false);
      });

      // Paging by seq from B's position would have skipped A for good.
      const [changeA, changeB] = [await lastChange(a.id), await lastChange(b.id)];
      expect(changeA.seq).toBeLessThan(changeB.seq);
      expect(changeA.txid).toBeGreaterThan(changeB.txid);
      expect(naive).toBe(changeB.seq);
    } finally {
      await writerA.end();
      await writerB.end();
    }
  });

  it('delivers both once committed, in txid order, when the pull comes after both commits', async () => {
    const [a, b] = await variantPair();
    const from = await head('variants');
    const writerA = await transaction();
    const writerB = await transaction();
    try {
      await writerA.client.query('UPDATE variant SET price = $2 WHERE id = $1', [a.id, a.price + 23]);
      await writerB.client.query('UPDATE variant SET price = $2 WHERE id = $1', [b.id, b.price + 29]);
      await writerB.client.query('COMMIT');
      await writerA.client.query('COMMIT');
    } finally {
      await writerA.end();
      await writerB.end();
    }
    await vi.waitFor(
      async () => {
        const page = await pull(app, till, 'variants', from);
        const ours = page.documents.filter((document) => document.id === a.id || document.id === b.id);
        expect(ours.map((document) => [document.id, document.price])).toEqual([
          [a.id, a.price + 23],
          [b.id, b.price + 29],
        ]);
      },
      { timeout: 15_000, interval: 100 },
    );
  });
});

describe('sync.pull paging', () => {
  it('walks every category in pages of 7, with checkpoints that only move forward', async () => {
    await vi.waitFor(walkCategories, { timeout: 15_000, interval: 100 });
  });

  async function walkCategories() {
    const seen = new Map<string, CategoryDocument>();
    let checkpoint: SyncCheckpoint | null = null;
    let pages = 0;
    for (;;) {
      const page: PullResult<'categories'> = await pull(app, till, 'categories', checkpoint, 7);
      if (page.documents.length === 0) {
        // The end: the checkpoint given is handed back as it was.
        expect(page.checkpoint).toEqual(checkpoint);
        break;
      }
      pages++;
      expect(page.documents.length).toBeLessThanOrEqual(7);
      const ids = page.documents.map((document) => document.id);
      expect(new Set(ids).size).toBe(ids.length);
      if (!page.checkpoint) throw new Error('a page with documents has no checkpoint');
      if (checkpoint) expect(compare(page.checkpoint, checkpoint)).toBeGreaterThan(0);
      checkpoint = page.checkpoint;
      for (const document of page.documents) seen.set(document.id, document);
    }

    const { rows } = await app.db.pool.query<{
      id: string;
      parent_id: string | null;
      slug: string;
      name: string;
      position: number;
      updated_at: Date;
    }>('SELECT id, parent_id, slug, name, position, updated_at FROM category');
    expect(rows.length).toBeGreaterThan(7);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(rows.length / 7));
    const live = [...seen.values()].filter((document) => !document._deleted);
    expect(new Set(live.map((document) => document.id))).toEqual(new Set(rows.map((row) => row.id)));
    for (const row of rows) {
      expect(seen.get(row.id)).toEqual({
        id: row.id,
        parentId: row.parent_id,
        slug: row.slug,
        name: row.name,
        position: row.position,
        updatedAt: row.updated_at.toISOString(),
        _deleted: false,
      });
    }
  }
});

describe('sync.pull scope', () => {
  const suffix = randomBytes(3).toString('hex');
  let other: {
    storeId: string;
    locationId: string;
    terminalId: string;
    customerId: string;
    variantId: string;
  };
  let otherTill: Till;

  beforeAll(async () => {
    // A second store with a location, a stock level (made by a movement, the only way) and a customer,
    // written as any other writer would, straight to the database.
    const client = await writers.connect();
    try {
      await client.query('BEGIN');
      const storeRow = await client.query<{ id: string }>(
        `INSERT INTO store (id, code, name, currency, timezone)
         VALUES (gen_random_uuid(), $1, 'Allure Thiès', 'XOF', 'Africa/Dakar') RETURNING id`,
        [`S${suffix}`],
      );
      const storeId = storeRow.rows[0]?.id ?? '';
      const location = await client.query<{ id: string }>(
        `INSERT INTO stock_location (id, store_id, code, name, kind)
         VALUES (gen_random_uuid(), $1, $2, 'Boutique Thiès', 'store') RETURNING id`,
        [storeId, `S${suffix}-STORE`],
      );
      const locationId = location.rows[0]?.id ?? '';
      const terminal = await client.query<{ id: string }>(
        `INSERT INTO terminal (id, store_id, code, name) VALUES (gen_random_uuid(), $1, 'X01', 'Caisse 1')
         RETURNING id`,
        [storeId],
      );
      const variant = await client.query<{ id: string }>('SELECT id FROM variant ORDER BY random() LIMIT 1');
      const variantId = variant.rows[0]?.id ?? '';
      await client.query(
        `INSERT INTO stock_movement (id, variant_id, location_id, quantity, kind)
         VALUES (gen_random_uuid(), $1, $2, 5, 'receipt')`,
        [variantId, locationId],
      );
      const customer = await client.query<{ id: string }>(
        `INSERT INTO customer (id, name, phone, store_id)
         VALUES (gen_random_uuid(), 'Awa Ndiaye', '+221770000000', $1) RETURNING id`,
        [storeId],
      );
      await client.query('COMMIT');
      other = {
        storeId,
        locationId,
        terminalId: terminal.rows[0]?.id ?? '',
        customerId: customer.rows[0]?.id ?? '',
        variantId,
      };
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
    otherTill = {
      id: other.terminalId,
      code: 'X01',
      token: await terminalToken(app, other.terminalId),
      sequence: 1,
    };
  });

  afterAll(async () => {
    if (!other) return;
    // The ledger is append-only (a trigger refuses deletes): the clean-up alone steps around triggers, so
    // the files after this one find the demo store alone, as they expect.
    const client = await writers.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query('DELETE FROM customer WHERE store_id = $1', [other.storeId]);
      await client.query('DELETE FROM terminal WHERE store_id = $1', [other.storeId]);
      await client.query('DELETE FROM stock_level WHERE location_id = $1', [other.locationId]);
      await client.query('DELETE FROM stock_movement WHERE location_id = $1', [other.locationId]);
      await client.query('DELETE FROM stock_location WHERE id = $1', [other.locationId]);
      await client.query('DELETE FROM store WHERE id = $1', [other.storeId]);
      await client.query('COMMIT');
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
  });

  it('gives every terminal the catalog, whatever its store', async () => {
    const counts = await app.db.pool.query<{ categories: number; products: number; variants: number }>(
      `SELECT (SELECT count(*)::int FROM category) AS categories, (SELECT count(*)::int FROM product) AS products,
              (SELECT count(*)::int FROM variant) AS variants`,
    );
    const expected = counts.rows[0];
    for (const terminal of [till, otherTill]) {
      for (const collection of ['categories', 'products', 'variants'] as const) {
        await pullAllUntil(app, terminal, collection, null, ({ documents }) => {
          const live = [...documents.values()].filter((document) => !document._deleted);
          expect(live).toHaveLength(expected?.[collection] ?? -1);
        });
      }
    }
  });

  it("never gives a terminal another store's stock or customers", async () => {
    const stockId = `${other.variantId}:${other.locationId}`;
    const mine = {
      stock: await pullAll(app, till, 'stock'),
      customers: await pullAll(app, till, 'customers'),
    };
    expect(mine.stock.documents.size).toBeGreaterThan(0);
    expect(mine.stock.documents.has(stockId)).toBe(false);
    expect(mine.customers.documents.has(other.customerId)).toBe(false);
    const demoLocations = await app.db.pool.query<{ id: string }>(
      'SELECT id FROM stock_location WHERE store_id = $1',
      [store.id],
    );
    const allowed = new Set(demoLocations.rows.map((row) => row.id));
    for (const document of mine.stock.documents.values()) expect(allowed).toContain(document.locationId);
    for (const document of mine.customers.documents.values()) expect(document.storeId).toBe(store.id);

    // They are in the change log, for the store they belong to: its own terminal gets them.
    await pullAllUntil(app, otherTill, 'stock', null, ({ documents }) => {
      expect([...documents.values()]).toEqual([
        expect.objectContaining({ id: stockId, locationId: other.locationId, quantity: 5, _deleted: false }),
      ]);
    });
    await pullAllUntil(app, otherTill, 'customers', null, ({ documents }) => {
      expect([...documents.values()]).toEqual([
        expect.objectContaining({ id: other.customerId, name: 'Awa Ndiaye', storeId: other.storeId }),
      ]);
    });
  });

  it("never gives a terminal another store's orders or shifts", async () => {
    for (const collection of ['orders', 'shifts'] as const) {
      const { documents } = await pullAll(app, till, collection);
      for (const document of documents.values()) expect(document.storeId).toBe(store.id);
      const theirs = await pullAll(app, otherTill, collection);
      expect(theirs.documents.size).toBe(0);
    }
  });
});

describe('sync.pull of deletions', () => {
  it('answers a deleted document as a tombstone carrying its last fields', async () => {
    const from = await head('categories');
    const slug = `tombstone-${randomBytes(4).toString('hex')}`;
    const inserted = await app.db.pool.query<{ id: string }>(
      `INSERT INTO category (id, slug, name, position) VALUES (gen_random_uuid(), $1, 'Éphémère', 42)
       RETURNING id`,
      [slug],
    );
    const id = inserted.rows[0]?.id ?? '';
    const created = await pullAllUntil(app, till, 'categories', from, ({ documents }) => {
      expect(documents.get(id)).toMatchObject({
        id,
        slug,
        name: 'Éphémère',
        position: 42,
        parentId: null,
        _deleted: false,
      });
    });
    const live = created.documents.get(id);

    await app.db.pool.query('DELETE FROM category WHERE id = $1', [id]);
    await pullAllUntil(app, till, 'categories', created.checkpoint, ({ documents }) => {
      expect([...documents.values()]).toEqual([{ ...live, _deleted: true }]);
    });
  });
});

describe('sync.pull refusals', () => {
  const valid = { collection: 'variants', checkpoint: null, limit: 10 };

  it.each([
    ['a checkpoint txid that is not a number', { ...valid, checkpoint: { txid: 'abc', seq: '1' } }],
    ['a checkpoint seq that is not a number', { ...valid, checkpoint: { txid: '1', seq: '-1' } }],
    [
      'a checkpoint seq past the largest bigint',
      { ...valid, checkpoint: { txid: '1', seq: '9223372036854775808' } },
    ],
    ['a limit of 0', { ...valid, limit: 0 }],
    ['a limit of 1001', { ...valid, limit: 1001 }],
    ['an unknown collection', { ...valid, collection: 'users' }],
  ])('answers 400 with the zod error to %s', async (_name, input) => {
    const result = await call(app, 'sync.pull', input, { token: till.token });
    expect(result.status).toBe(400);
    expect(result.body.error?.data.zodError).not.toBeNull();
  });

  it('refuses a signed-in user, even a manager of the store (403), and a caller with no token (401)', async () => {
    const manager = await call(app, 'sync.pull', valid, { token: await tokenFor(app, 'manager') });
    expect(manager.status).toBe(403);
    const anonymous = await call(app, 'sync.pull', valid);
    expect(anonymous.status).toBe(401);
  });
});
