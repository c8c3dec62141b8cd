/**
 * Replicates every local collection with the server (@allure/shared/sync): RxDB's replication pulls each
 * collection from its stored checkpoint, pushes the till's orders, shifts and refunds, and takes the live stream's
 * changes as they come. Nothing here is awaited before selling: the replication runs beside the till.
 */
import {
  type PushCollection,
  type SyncCheckpoint,
  type SyncCollection,
  type SyncDocuments,
  type SyncEvent,
  syncCheckpoint,
  syncCollections,
} from '@allure/shared/sync.schema';
import type { ReplicationPushOptions, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
// biome-ignore lint/suspicious/noDeprecatedImports: only map's thisArg overload is deprecated (biomejs/biome#7636).
import { combineLatest, defer, map, type Observable, Subject, type Unsubscribable } from 'rxjs';
import type { LocalCollection, LocalDatabase } from './local-database.js';
import { type LocalDocuments, toLocalVariant } from './local-documents.js';
import type { SyncApi } from './sync-api.js';
import { networkOnline$, type SyncStatus, SyncStatusTracker } from './sync-status.js';

export const DEFAULT_RETRY_TIME = 5_000;

/**
 * Documents per pull request (at most MAX_PULL_BATCH). A batch is written to IndexedDB in one task of the
 * renderer's thread (IndexedDB serialises each document on the calling thread), and a scan waits for that
 * task to end: 100 documents keep it short while a big catch-up (a price list imported, the first sync)
 * comes in, at the cost of more requests. Orders carry up to 200 lines each, so fewer per request; pushes
 * stay well under the server's 1 MiB request body limit for the same reason.
 */
const pullBatchSizes: Record<SyncCollection, number> = {
  categories: 100,
  products: 100,
  variants: 100,
  stock: 100,
  customers: 100,
  shifts: 200,
  orders: 100,
};
const pushBatchSizes: Record<PushCollection, number> = { orders: 20, shifts: 50, refunds: 50 };

type ReplicatedDocument<C extends LocalCollection> = WithDeleted<LocalDocuments[C]>;
type StreamItem<C extends SyncCollection> = RxReplicationPullStreamItem<LocalDocuments[C], SyncCheckpoint>;

export type CollectionReplications = {
  readonly [C in LocalCollection]: RxReplicationState<LocalDocuments[C], SyncCheckpoint>;
};

export interface StartReplicationOptions {
  client: SyncApi;
  /** Milliseconds before a failed request, or a stream that ended, is tried again. */
  retryTime?: number;
  /** Whether the device has a network; defaults to `navigator.onLine` and its events where they exist. */
  network$?: Observable<boolean>;
}

export interface SyncReplication {
  readonly collections: CollectionReplications;
  /** Emits at once and on every change, until `stop()`. */
  readonly syncStatus$: Observable<SyncStatus>;
  /** Pulls every collection from its checkpoint now, and reconnects the stream if it is down. */
  reSync(): void;
  /**
   * Resolves once every collection has pulled what the server had and pushed what the till had. For tests
   * and diagnostics: selling never waits for it.
   */
  awaitInSync(): Promise<void>;
  /** Stops replicating; the checkpoints stay, so the next start resumes from them. */
  stop(): Promise<void>;
}

/** How a pulled document is stored: as it came, except that a variant gets its `barcodeKey`. */
const fromServer: { [C in SyncCollection]: (document: SyncDocuments[C]) => ReplicatedDocument<C> } = {
  categories: (document) => document,
  products: (document) => document,
  variants: toLocalVariant,
  stock: (document) => document,
  customers: (document) => document,
  shifts: (document) => document,
  orders: (document) => document,
};

/** RxDB hands back whatever the last pull returned: `undefined` at first, `{}` if it ever stacked none. */
function toCheckpoint(stored: unknown): SyncCheckpoint | null {
  const parsed = syncCheckpoint.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The server's answer to a push: master states, which RxDB writes over the local documents. */
function toConflicts<C extends PushCollection>(collection: C, answer: unknown[]): ReplicatedDocument<C>[] {
  for (const document of answer) {
    const id = (document as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') {
      throw new Error(`the server answered a push of ${collection} with a document without an id`);
    }
  }
  return answer as ReplicatedDocument<C>[];
}

/**
 * Starts replicating every collection and subscribes to the live stream; returns at once. The checkpoints
 * are stored per collection and per `client.endpoint`, so a restart resumes where the last run stopped.
 */
export function startReplication(db: LocalDatabase, options: StartReplicationOptions): SyncReplication {
  const { client } = options;
  const retryTime = options.retryTime ?? DEFAULT_RETRY_TIME;
  const streams = Object.fromEntries(syncCollections.map((name) => [name, new Subject()])) as {
    [C in SyncCollection]: Subject<StreamItem<C>>;
  };
  let states: CollectionReplications[LocalCollection][] = [];
  // Deferred: the replications it watches are created below, and report to it.
  const active$ = defer(() => combineLatest(states.map((state) => state.active$))).pipe(
    map((active) => active.some(Boolean)),
  );
  const tracker = new SyncStatusTracker(db, active$, options.network$ ?? networkOnline$());

  async function request<T>(send: () => Promise<T>): Promise<T> {
    try {
      const answer = await send();
      tracker.requestSucceeded();
      return answer;
    } catch (error) {
      tracker.requestFailed(error);
      throw error;
    }
  }

  function pushTo<C extends PushCollection>(collection: C): ReplicationPushOptions<LocalDocuments[C]> {
    return {
      batchSize: pushBatchSizes[collection],
      handler: async (rows) =>
        toConflicts(collection, await request(() => client.push({ collection, rows }))),
    };
  }
  const pushOptions: { [C in SyncCollection]?: ReplicationPushOptions<LocalDocuments[C]> } = {
    orders: pushTo('orders'),
    shifts: pushTo('shifts'),
  };
  // Refunds are pushed only: the server answers each with its state (recorded, waiting, quarantined).
  const refunds = replicateRxCollection<LocalDocuments['refunds'], SyncCheckpoint>({
    collection: db.refunds,
    replicationIdentifier: `allure-sync|${client.endpoint}|refunds`,
    live: true,
    retryTime,
    waitForLeadership: false,
    push: pushTo('refunds'),
  });

  function replicate<C extends SyncCollection>(collection: C) {
    const toLocal = fromServer[collection];
    return replicateRxCollection<LocalDocuments[C], SyncCheckpoint>({
      collection: db[collection],
      replicationIdentifier: `allure-sync|${client.endpoint}|${collection}`,
      live: true,
      retryTime,
      // One window owns the database (multiInstance: false): no leader to wait for.
      waitForLeadership: false,
      pull: {
        batchSize: pullBatchSizes[collection],
        stream$: streams[collection].asObservable(),
        handler: async (stored, batchSize) => {
          const checkpoint = toCheckpoint(stored);
          const answer = await request(() => client.pull({ collection, checkpoint, limit: batchSize }));
          return { documents: answer.documents.map(toLocal), checkpoint: answer.checkpoint ?? undefined };
        },
      },
      push: pushOptions[collection],
    });
  }

  const collections = {
    ...Object.fromEntries(syncCollections.map((collection) => [collection, replicate(collection)])),
    refunds,
  } as unknown as CollectionReplications;
  states = [...syncCollections.map((collection) => collections[collection]), refunds];
  const errorSubscriptions = states.map((state) =>
    state.error$.subscribe((error) => {
      // Failed requests are reported by `request` with the server's own words.
      const code = (error as { code?: unknown }).code;
      if (code !== 'RC_PULL' && code !== 'RC_PUSH') tracker.failed(error);
    }),
  );

  function forwardChanges<C extends SyncCollection>(
    event: Extract<SyncEvent, { kind: 'changes' }> & { collection: C },
  ): void {
    const documents = (event.documents as SyncDocuments[C][]).map(fromServer[event.collection]);
    streams[event.collection].next({ documents, checkpoint: event.checkpoint });
  }

  let stopped = false;
  let stream: Unsubscribable | null = null;
  /** Counts subscriptions, so that a late call from one given up is ignored. */
  let streamGeneration = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  function connectStream(): void {
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    streamGeneration += 1;
    const generation = streamGeneration;
    const current = () => generation === streamGeneration && !stopped;
    const onEnd = (error?: unknown) => {
      if (!current()) return;
      streamGeneration += 1;
      stream = null;
      tracker.streamChanged(false, error ?? 'the live stream ended');
      reconnectTimer = setTimeout(connectStream, retryTime);
    };
    try {
      const subscription = client.stream({
        onEvent(event) {
          if (!current()) return;
          if (event.kind === 'resync') {
            for (const collection of syncCollections) streams[collection].next('RESYNC');
          } else {
            forwardChanges(event);
          }
        },
        onConnectionChange(connected, error) {
          if (current()) tracker.streamChanged(connected, error);
        },
        onEnd,
      });
      // It may have ended before it was even returned.
      if (current()) stream = subscription;
      else subscription.unsubscribe();
    } catch (error) {
      onEnd(error);
    }
  }

  function reSync(): void {
    if (stopped) return;
    for (const state of states) state.reSync();
    if (stream === null) connectStream();
  }

  const onOnline = () => reSync();
  const globals = globalThis as { addEventListener?: unknown; removeEventListener?: unknown };
  const listensToNetwork = typeof globals.addEventListener === 'function';
  if (listensToNetwork) globalThis.addEventListener('online', onOnline);

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    streamGeneration += 1;
    const onClose = db.onClose.indexOf(stop);
    if (onClose !== -1) db.onClose.splice(onClose, 1);
    clearTimeout(reconnectTimer);
    if (listensToNetwork) globalThis.removeEventListener('online', onOnline);
    stream?.unsubscribe();
    stream = null;
    await Promise.all(states.map((state) => state.cancel()));
    for (const subscription of errorSubscriptions) subscription.unsubscribe();
    for (const collection of syncCollections) streams[collection].complete();
    tracker.complete();
  }

  // The collections cancel their replications when the database closes; the stream must end with them.
  db.onClose.push(stop);

  connectStream();

  return {
    collections,
    syncStatus$: tracker.status$,
    reSync,
    async awaitInSync() {
      await Promise.all(states.map((state) => state.awaitInSync()));
    },
    stop,
  };
}
