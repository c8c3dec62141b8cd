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

/** A terminal's stream read as the client does: SSE over fetch, parsed by hand (tRPC's wire format). */
class LiveStream {
  /** Every event received, in order; `until` searches it, so waiting for one event never drops another. */
  readonly events: SyncEvent[] = [];
  /** Resolves when the server ends the stream or the connection goes. */
  readonly ended: Promise<void>;
  readonly #abort: AbortController;
  /** Whoever waits for the next event (several `until` may wait at once). */
  readonly #waiting = new Set<() => void>();
  #done = false;
  /** What the server sent instead of an event (tRPC's `serialized-error`). */
  #error: string | null = null;

  private constructor(body: ReadableStream<Uint8Array>, abort: AbortController) {
    this.#abort = abort;
    this.ended = this.#read(body);
  }

  static async open(base: string, token: string): Promise<LiveStream> {
    const abort = new AbortController();
    const response = await fetch(`${base}/trpc/sync.stream`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`stream refused: ${response.status}`);
    return new LiveStream(response.body, abort);
  }

  /** Where the stream stands now: `until(…, mark())` only looks at what comes after. */
  mark(): number {
    return this.events.length;
  }

  /** The first event from `from` on that passes `match`; rejects if the stream ends first. */
  async until(match: (event: SyncEvent) => boolean, from = 0): Promise<SyncEvent> {
    for (let index = from; ; index++) {
      while (index >= this.events.length) {
        if (this.#error) throw new Error(`the stream failed: ${this.#error}`);
        if (this.#done) throw new Error('the stream ended before the expected event');
        await new Promise<void>((resolve) => this.#waiting.add(resolve));
      }
      const event = this.events[index];
      if (event && match(event)) return event;
    }
  }

  close(): void {
    this.#abort.abort();
  }

  #notify(): void {
    for (const resolve of this.#waiting) resolve();
    this.#waiting.clear();
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.#receive(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      this.#done = true;
      this.#notify();
    }
  }

  /** One SSE message: tRPC's own (`connected`, `ping`, `return`) carry an `event:` name, data has none. */
  #receive(block: string): void {
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (name === 'serialized-error') this.#error = data.join('\n');
    else if (name === 'message' && data.length > 0)
      this.events.push(JSON.parse(data.join('\n')) as SyncEvent);
    else return;
    this.#notify();
  }
}

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
const streams: LiveStream[] = [];
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

async function openStream(base: string, token = till.token): Promise<LiveStream> {
  const stream = await LiveStream.open(base, token);
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
  let stream: LiveStream;

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
      const stream = await LiveStream.open(base, till.token);
      streams.push(stream);
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
      const stream = await LiveStream.open(base, till.token);
      streams.push(stream);
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
