import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncCollection, SyncDocuments, SyncEvent } from '@allure/shared/sync.schema';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { ChangeFeed, type ChangeScope } from '../src/sync/change-feed.js';
import { type StreamOptions, syncStream } from '../src/sync/stream.js';
import { listen } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { SseStream } from './sse.js';
import {
  type DemoStore,
  demoStore,
  pushOrders,
  saleOrder,
  stockedVariants,
  type Till,
} from './sync-helper.js';

// The live stream (sync.stream) as a till sees it: server-sent events from one server instance while the
// changes are made, and announced, through another; the two share only PostgreSQL and Redis pub/sub. The
// stream's own loop (syncStream) is also driven directly, for what needs a short poll interval or a clock.

type ChangesEvent = Extract<SyncEvent, { kind: 'changes' }>;

function isChanges<C extends SyncCollection>(
  event: SyncEvent,
  collection: C,
): event is ChangesEvent & { collection: C; documents: SyncDocuments[C][] } {
  return event.kind === 'changes' && event.collection === collection;
}

/** Matches a `changes` event of `collection` holding a document that passes `match`. */
function changesOf<C extends SyncCollection>(
  collection: C,
  match: (document: SyncDocuments[C]) => boolean,
): (event: SyncEvent) => boolean {
  return (event) => isChanges(event, collection) && event.documents.some(match);
}

/** Resolves with the promise, or rejects with `message` after `ms` (a hung stream fails, not the suite). */
async function within<T>(ms: number, message: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The next event of a directly driven stream that passes `match`; null if the stream ends first. */
async function nextMatching(
  events: AsyncGenerator<SyncEvent>,
  match: (event: SyncEvent) => boolean,
): Promise<SyncEvent | null> {
  for (;;) {
    const step = await events.next();
    if (step.done) return null;
    if (match(step.value)) return step.value;
  }
}

const prefix = `test:stream-${randomUUID().slice(0, 8)}:`;
const channel = `${prefix}sync:changes`;
let appA: App;
let appB: App;
let baseB: string;
let store: DemoStore;
let till: Till;
let writers: pg.Pool;
const streams: SseStream<SyncEvent>[] = [];
const generators: { events: AsyncGenerator<SyncEvent>; stop: AbortController }[] = [];

beforeAll(async () => {
  // Two instances of one deployment: same database, same Redis key prefix (hence the same channel).
  appA = await buildTestApp({ REDIS_KEY_PREFIX: prefix });
  appB = await buildTestApp({ REDIS_KEY_PREFIX: prefix });
  await listen(appA);
  baseB = await listen(appB);
  store = await demoStore(appA);
  const first = store.tills[0];
  if (!first) throw new Error('the demo store has no till');
  till = first;
  writers = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
  // Both change-feed subscribers connect in the background: an announcement before then would be lost.
  await vi.waitFor(
    async () => {
      const [, subscribers] = (await appA.redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
      expect(subscribers).toBe(2);
    },
    { timeout: 10_000, interval: 50 },
  );
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  for (const { events, stop } of generators) {
    stop.abort();
    await events.return(undefined);
  }
  await writers?.end();
  await appA?.close();
  await appB?.close();
});

async function openStream(base: string, token = till.token): Promise<SseStream<SyncEvent>> {
  const stream = await SseStream.open<SyncEvent>(`${base}/trpc/sync.stream`, {
    authorization: `Bearer ${token}`,
  });
  streams.push(stream);
  return stream;
}

/** A directly driven stream for the demo till; stopped in afterAll whatever happens to the test. */
function directStream(options: Partial<StreamOptions> & Pick<StreamOptions, 'feed'>) {
  const stop = new AbortController();
  const events = syncStream({
    pool: appA.db.pool,
    terminal: { kind: 'terminal', terminalId: till.id, storeId: store.id },
    signal: stop.signal,
    endAt: Date.now() + 60_000,
    stillAuthorized: async () => true,
    ...options,
  });
  generators.push({ events, stop });
  return { events, stop };
}

/** A feed that hears nothing from Redis: whatever its stream finds, it found by looking. */
function deafFeed(): ChangeFeed {
  return new ChangeFeed(appA.redis, `${prefix}nobody-listens`, appA.log);
}

/** Changes a variant's price behind every service's back, as a psql session would. */
async function repriceVariant(): Promise<{ id: string; price: number }> {
  const { rows } = await appA.db.pool.query<{ id: string; price: number }>(
    `UPDATE variant SET price = price + 1
      WHERE id = (SELECT id FROM variant ORDER BY random() LIMIT 1) RETURNING id, price`,
  );
  const row = rows[0];
  if (!row) throw new Error('no variant');
  return row;
}

const catalog = (collection: ChangeScope['collection']): ChangeScope[] => [{ collection, storeId: null }];

describe('sync.stream across two instances', () => {
  let stream: SseStream<SyncEvent>;

  beforeAll(async () => {
    stream = await openStream(baseB);
  });

  it('starts with resync, then delivers a change announced on the other instance', async () => {
    expect(await stream.until(() => true)).toEqual({ kind: 'resync' });
    const mark = stream.mark();
    const variant = await repriceVariant();
    await appA.changeFeed.announce(catalog('variants'));

    const event = await within(
      10_000,
      'the announced change never reached the stream',
      stream.until(
        changesOf('variants', (document) => document.id === variant.id),
        mark,
      ),
    );
    if (!isChanges(event, 'variants')) throw new Error('not a variants event');
    expect(event.documents.find((document) => document.id === variant.id)).toMatchObject({
      id: variant.id,
      price: variant.price,
      _deleted: false,
    });
    expect(event.checkpoint).toEqual({ txid: expect.any(String), seq: expect.any(String) });
  });

  it('delivers the order and the stock of a sale pushed through the other instance', async () => {
    const [variant] = await stockedVariants(appA, store, 1);
    if (!variant) throw new Error('no stock');
    const mark = stream.mark();
    const order = saleOrder(store, till, [{ variant, quantity: 1 }]);
    expect(await pushOrders(appA, till, [order])).toEqual([]);

    const [orders, stock] = await within(
      10_000,
      'the pushed sale never reached the stream',
      Promise.all([
        stream.until(
          changesOf('orders', (document) => document.id === order.id),
          mark,
        ),
        stream.until(
          changesOf('stock', (document) => document.variantId === variant.id),
          mark,
        ),
      ]),
    );
    if (!isChanges(orders, 'orders') || !isChanges(stock, 'stock')) throw new Error('wrong events');
    expect(orders.documents.find((document) => document.id === order.id)).toMatchObject({
      number: order.number,
      storeId: store.id,
      total: order.total,
      syncState: 'synced',
    });
    expect(stock.documents.find((document) => document.variantId === variant.id)).toMatchObject({
      id: `${variant.id}:${store.locationId}`,
      locationId: store.locationId,
      quantity: variant.quantity - 1,
    });
  });

  it("does not wake for another store's announcements, only for the catalog and its own store", async () => {
    // A stream of its own, so no poll of every collection (15 s) can come in between.
    const fresh = await openStream(baseB);
    await fresh.until((event) => event.kind === 'resync');
    const mark = fresh.mark();
    const { rows } = await appA.db.pool.query<{ id: string }>(
      `UPDATE customer SET updated_at = now()
        WHERE id = (SELECT id FROM customer WHERE store_id = $1 LIMIT 1) RETURNING id`,
      [store.id],
    );
    const customerId = rows[0]?.id;
    if (!customerId) throw new Error('the demo store has no customer');

    // Announced for another store: had the stream taken it as its own, it would pull its customers now,
    // before the catalog change announced next (announcements arrive in order).
    await appA.changeFeed.announce([{ collection: 'customers', storeId: randomUUID() }]);
    const variant = await repriceVariant();
    await appA.changeFeed.announce(catalog('variants'));
    const barrier = await within(
      10_000,
      'the catalog change never reached the stream',
      fresh.until(
        changesOf('variants', (document) => document.id === variant.id),
        mark,
      ),
    );
    const before = fresh.events.slice(mark, fresh.events.indexOf(barrier));
    expect(before.filter((event) => isChanges(event, 'customers'))).toEqual([]);

    // Announced for its own store, the same change comes at once.
    await appA.changeFeed.announce([{ collection: 'customers', storeId: store.id }]);
    await within(
      10_000,
      "the own store's change never reached the stream",
      fresh.until(
        changesOf('customers', (document) => document.id === customerId),
        mark,
      ),
    );
  });
});

describe('syncStream on its own', () => {
  it('finds an unannounced change by polling', async () => {
    const { events, stop } = directStream({ feed: deafFeed(), pollMs: 200 });
    expect((await events.next()).value).toEqual({ kind: 'resync' });
    const variant = await repriceVariant();
    const event = await within(
      10_000,
      'the poll never found the change',
      nextMatching(
        events,
        changesOf('variants', (document) => document.id === variant.id),
      ),
    );
    if (!event || !isChanges(event, 'variants')) throw new Error('not a variants event');
    expect(event.documents.find((document) => document.id === variant.id)?.price).toBe(variant.price);
    stop.abort();
    expect((await events.next()).done).toBe(true);
  });

  it('looks again at a change held back behind an open transaction, even after another wake-up', async () => {
    const feed = deafFeed();
    // Polls far apart: only the held-back retry can bring the change in time.
    const { events } = directStream({ feed, pollMs: 60_000 });
    expect((await events.next()).value).toEqual({ kind: 'resync' });
    const next = nextMatching(events, (event) => isChanges(event, 'variants'));
    const blocker = await writers.connect();
    try {
      // An older transaction stays open (a slow back-office import, a psql session)…
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      // …while a newer one commits a change and announces it: the stream must hold it back for now.
      const variant = await repriceVariant();
      feed.receive(JSON.stringify(catalog('variants')));
      await sleep(1_000);
      // Something else in the store changes meanwhile and wakes the stream.
      feed.receive(JSON.stringify([{ collection: 'shifts', storeId: store.id }]));
      await sleep(300);
      await blocker.query('COMMIT');

      const event = await within(
        5_000,
        'the held-back change was not retried once the older transaction ended',
        next,
      );
      if (!event || !isChanges(event, 'variants')) throw new Error('not a variants event');
      expect(event.documents.find((document) => document.id === variant.id)?.price).toBe(variant.price);
    } finally {
      await blocker.query('ROLLBACK').catch(() => {});
      blocker.release();
    }
  });

  it('ends on its own when the access token expires', async () => {
    const { events } = directStream({ feed: deafFeed(), endAt: Date.now() + 300 });
    expect((await events.next()).value).toEqual({ kind: 'resync' });
    expect(await within(5_000, 'the stream outlived its token', events.next())).toEqual({
      done: true,
      value: undefined,
    });
  });

  it('ends at the next poll once the terminal is no longer allowed in', async () => {
    const { events } = directStream({ feed: deafFeed(), pollMs: 100, stillAuthorized: async () => false });
    expect((await events.next()).value).toEqual({ kind: 'resync' });
    expect(await within(5_000, 'a revoked terminal kept its stream', events.next())).toEqual({
      done: true,
      value: undefined,
    });
  });
});

describe('sync.stream at shutdown', () => {
  it('ends the open streams so that closing the server does not wait for them', async () => {
    const app = await buildTestApp();
    try {
      const base = await listen(app);
      const stream = await openStream(base);
      expect(await stream.until(() => true)).toEqual({ kind: 'resync' });
      await within(10_000, 'closing the server waited on the stream', app.close());
      await within(5_000, 'the stream stayed open after the server closed', stream.ended);
    } finally {
      await app.close();
    }
  });
});

describe('sync.stream and the request time limit', () => {
  it('stays open past REQUEST_TIMEOUT_MS, which bounds ordinary requests only', async () => {
    const app = await buildTestApp({ REQUEST_TIMEOUT_MS: '1000', REDIS_KEY_PREFIX: prefix });
    try {
      const base = await listen(app);
      const stream = await openStream(base);
      expect(await stream.until(() => true)).toEqual({ kind: 'resync' });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const mark = stream.mark();
      const variant = await repriceVariant();
      await appA.changeFeed.announce(catalog('variants'));
      await within(
        10_000,
        'the stream was cut by the request time limit',
        stream.until(
          changesOf('variants', (document) => document.id === variant.id),
          mark,
        ),
      );
    } finally {
      await app.close();
    }
  });
});
