/**
 * The till's side of the replication protocol, against a scripted SyncApi: what it asks for, what it does
 * with the answers. Whether the real server answers that way is the end-to-end tests' business.
 */
import type {
  PullInput,
  PullResult,
  PushInput,
  SyncCheckpoint,
  SyncCollection,
  SyncEvent,
} from '@allure/shared/sync.schema';
import { syncCollections } from '@allure/shared/sync.schema';
import type { Subscription } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordRefund } from './refunds.js';
import { type SyncReplication, startReplication } from './replication.js';
import { recordSale } from './sales.js';
import type { SyncApi, SyncStreamHandlers } from './sync-api.js';
import type { SyncStatus } from './sync-status.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';
import { aProduct, aSale, aVariant, testId } from './test-fixtures.js';

const checkpoint = (txid: number, seq: number): SyncCheckpoint => ({ txid: String(txid), seq: String(seq) });

/** Answers pulls from scripted pages (then with nothing new), records pushes, hands out the stream. */
class ScriptedSyncApi implements SyncApi {
  readonly pulls: PullInput[] = [];
  readonly pushes: PushInput[] = [];
  readonly pages = new Map<SyncCollection, PullResult[]>();
  /** Thrown by every pull while set. */
  pullError: Error | null = null;
  /** Pulls and pushes wait for this while set: a server that does not answer. */
  private gate: Promise<void> | null = null;
  private openGate = () => {};
  answerPush: (input: PushInput) => unknown[] = () => [];
  handlers: SyncStreamHandlers | null = null;
  streamSubscriptions = 0;

  constructor(readonly endpoint = 'https://sync.test/trpc') {}

  async pull<C extends SyncCollection>(input: PullInput & { collection: C }): Promise<PullResult<C>> {
    this.pulls.push(input);
    await this.gate;
    if (this.pullError) throw this.pullError;
    const page = this.pages.get(input.collection)?.shift();
    return (page ?? { documents: [], checkpoint: input.checkpoint }) as PullResult<C>;
  }

  async push(input: PushInput): Promise<unknown[]> {
    this.pushes.push(structuredClone(input));
    await this.gate;
    return this.answerPush(input);
  }

  stream(handlers: SyncStreamHandlers) {
    this.streamSubscriptions += 1;
    this.handlers = handlers;
    return {
      unsubscribe: () => {
        if (this.handlers === handlers) this.handlers = null;
      },
    };
  }

  /** Stops answering until `answer()`. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  answer(): void {
    this.gate = null;
    this.openGate();
  }

  emit(event: SyncEvent): void {
    this.handlers?.onEvent(event);
  }

  pullsOf(collection: SyncCollection): PullInput[] {
    return this.pulls.filter((pull) => pull.collection === collection);
  }
}

describe('startReplication', () => {
  let test: TestDatabase;
  let api: ScriptedSyncApi;
  let replication: SyncReplication;
  let status: SyncStatus | undefined;
  let statusSubscription: Subscription;

  function start(client: SyncApi = api): SyncReplication {
    replication = startReplication(test.db, { client, retryTime: 20 });
    statusSubscription = replication.syncStatus$.subscribe((next) => {
      status = next;
    });
    return replication;
  }

  beforeEach(async () => {
    test = await openTestDatabase();
    api = new ScriptedSyncApi();
    status = undefined;
  });
  afterEach(async () => {
    statusSubscription?.unsubscribe();
    api.answer();
    await replication?.stop();
    await test.db.close();
  });

  it('pulls every collection from the beginning and stores what comes, variants with their barcode key', async () => {
    const variant = aVariant({ barcode: '4006381333931' });
    const noBarcode = aVariant({ barcode: null, sku: 'DRESS-WAX-L-BLUE' });
    api.pages.set('variants', [{ documents: [variant, noBarcode], checkpoint: checkpoint(7, 1) }]);

    start();
    await replication.awaitInSync();

    expect(syncCollections.map((name) => api.pullsOf(name)[0]?.checkpoint)).toEqual(
      syncCollections.map(() => null),
    );
    const byBarcode = await test.db.variants.findOne({ selector: { barcodeKey: '4006381333931' } }).exec();
    expect(byBarcode?.id).toBe(variant.id);
    expect((await test.db.variants.findOne(noBarcode.id).exec())?.barcodeKey).toBe('');
  });

  it('pulls every collection again from its checkpoint when the stream says resync', async () => {
    api.pages.set('variants', [{ documents: [aVariant()], checkpoint: checkpoint(7, 1) }]);
    start();
    await replication.awaitInSync();
    const before = api.pulls.length;

    api.emit({ kind: 'resync' });

    await vi.waitFor(() => {
      expect(new Set(api.pulls.slice(before).map((pull) => pull.collection))).toEqual(
        new Set(syncCollections),
      );
    });
    expect(api.pullsOf('variants').at(-1)?.checkpoint).toEqual(checkpoint(7, 1));
  });

  it('stores the changes the stream carries in their collection', async () => {
    start();
    await replication.awaitInSync();
    const product = aProduct({ name: 'Boubou' });

    api.emit({ kind: 'changes', collection: 'products', documents: [product], checkpoint: checkpoint(9, 4) });

    await vi.waitFor(async () => {
      expect((await test.db.products.findOne(product.id).exec())?.name).toBe('Boubou');
    });
  });

  it('pushes a recorded sale, and shows the quarantine the server answers with', async () => {
    api.answerPush = (input) =>
      input.rows.map((row) => ({
        ...(row.newDocumentState as object),
        syncState: 'quarantined',
        syncError: 'another store’s terminal',
      }));
    start();
    const order = await recordSale(test.db, aSale());

    await vi.waitFor(async () => {
      expect((await test.db.orders.findOne(order.id).exec())?.syncState).toBe('quarantined');
    });
    await replication.awaitInSync();

    expect(api.pushes).toEqual([
      { collection: 'orders', rows: [{ newDocumentState: { ...order, _deleted: false } }] },
    ]);
    expect((await test.db.orders.findOne(order.id).exec())?.syncError).toBe('another store’s terminal');
    await vi.waitFor(() => expect(status).toMatchObject({ pendingOrders: 0, quarantinedOrders: 1 }));
  });

  it('pushes a refund once, never pulls refunds, and keeps the state the server answers with', async () => {
    api.answerPush = (input) =>
      input.collection === 'refunds'
        ? input.rows.map((row) => ({ ...(row.newDocumentState as object), syncState: 'synced' }))
        : [];
    start();
    const order = await recordSale(test.db, aSale());
    const refund = await recordRefund(test.db, {
      id: testId(),
      orderId: order.id,
      orderNumber: order.number,
      storeId: order.storeId,
      terminalId: order.terminalId,
      shiftId: testId(),
      cashierId: order.cashierId,
      lines: [{ orderLineId: order.lines[0]?.id ?? '', quantity: 1 }],
      method: 'cash',
      refundedAt: '2026-03-01T10:30:00.000Z',
      total: 15_000,
    });

    await vi.waitFor(async () => {
      expect((await test.db.refunds.findOne(refund.id).exec())?.syncState).toBe('synced');
    });
    await replication.awaitInSync();
    expect(api.pushes.filter((push) => push.collection === 'refunds')).toEqual([
      { collection: 'refunds', rows: [{ newDocumentState: { ...refund, _deleted: false } }] },
    ]);
    expect(api.pulls.map((pull) => pull.collection)).not.toContain('refunds');
  });

  it('marks a pushed sale synced when the server’s state of it comes back', async () => {
    start();
    const order = await recordSale(test.db, aSale());
    await vi.waitFor(() => expect(api.pushes).toHaveLength(1));

    api.emit({
      kind: 'changes',
      collection: 'orders',
      documents: [{ ...order, syncState: 'synced', updatedAt: '2026-03-01T10:20:00.000Z', _deleted: false }],
      checkpoint: checkpoint(50, 1),
    });

    await vi.waitFor(async () => {
      expect((await test.db.orders.findOne(order.id).exec())?.syncState).toBe('synced');
    });
    await vi.waitFor(() => expect(status).toMatchObject({ pendingOrders: 0, quarantinedOrders: 0 }));
    expect(api.pushes).toHaveLength(1);
  });

  it('sells and counts pending orders while the server has not answered yet', async () => {
    api.hold();
    start();

    await recordSale(test.db, aSale());

    await vi.waitFor(() => expect(status).toMatchObject({ pendingOrders: 1, lastSyncedAt: null }));
  });

  it('reports offline while requests fail, and online with the time once one succeeds', async () => {
    api.pullError = new Error('fetch failed');
    start();

    await vi.waitFor(() => expect(status).toMatchObject({ online: false, lastError: 'fetch failed' }));
    expect(status?.lastSyncedAt).toBeNull();

    api.pullError = null;
    await vi.waitFor(() => expect(status).toMatchObject({ online: true, lastError: null }));
    expect(status?.lastSyncedAt).not.toBeNull();
  });

  it('shows the stream up and down, and subscribes again after it ended', async () => {
    start();
    await vi.waitFor(() => expect(api.handlers).not.toBeNull());

    api.handlers?.onConnectionChange(true);
    await vi.waitFor(() => expect(status?.connected).toBe(true));

    api.handlers?.onEnd(new Error('UNAUTHORIZED: token expired'));
    await vi.waitFor(() =>
      expect(status).toMatchObject({ connected: false, lastError: 'UNAUTHORIZED: token expired' }),
    );
    await vi.waitFor(() => expect(api.streamSubscriptions).toBe(2));
  });

  it('reconnects a stream that ended, and pulls everything, when asked to resync', async () => {
    replication = startReplication(test.db, { client: api, retryTime: 60_000 });
    await replication.awaitInSync();
    api.handlers?.onEnd(new Error('socket hang up'));
    const before = api.pulls.length;

    replication.reSync();

    expect(api.streamSubscriptions).toBe(2);
    await vi.waitFor(() => {
      expect(new Set(api.pulls.slice(before).map((pull) => pull.collection))).toEqual(
        new Set(syncCollections),
      );
    });
  });

  it('resumes from the stored checkpoint after a restart, and pushes what was sold meanwhile', async () => {
    api.pages.set('variants', [{ documents: [aVariant()], checkpoint: checkpoint(42, 7) }]);
    start();
    await replication.awaitInSync();
    await replication.stop();
    await test.reopen();
    const sale = await recordSale(test.db, aSale());

    const restarted = new ScriptedSyncApi();
    api = restarted;
    start(restarted);
    await replication.awaitInSync();

    expect(restarted.pullsOf('variants')[0]?.checkpoint).toEqual(checkpoint(42, 7));
    expect(
      restarted.pushes.flatMap((push) => push.rows).map((row) => (row.newDocumentState as { id: string }).id),
    ).toEqual([sale.id]);
  });

  it('keeps checkpoints per server: another endpoint starts from the beginning', async () => {
    api.pages.set('variants', [{ documents: [aVariant()], checkpoint: checkpoint(42, 7) }]);
    start();
    await replication.awaitInSync();
    await replication.stop();

    const other = new ScriptedSyncApi('https://other.test/trpc');
    api = other;
    start(other);
    await replication.awaitInSync();

    expect(other.pullsOf('variants')[0]?.checkpoint).toBeNull();
  });

  it('stops with the database: the stream is given up', async () => {
    start();
    await vi.waitFor(() => expect(api.handlers).not.toBeNull());

    await test.db.close();

    expect(api.handlers).toBeNull();
  });
});
