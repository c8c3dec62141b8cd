import type { LocalDatabase, SyncReplication } from '@allure/desktop/data';
import { type SyncCollection, syncCollections } from '@allure/shared/sync.schema';

export interface CollectionPull {
  /** ms from starting the replication until this collection's first pull was stored. */
  ms: number;
  documents: number;
}

export type InitialPull = Record<SyncCollection, CollectionPull> & { allMs: number };

/**
 * Starts the replication of an empty database and times each collection until it holds what the server
 * had. Any replication error fails the measurement (the replication would retry it seconds later and
 * measure the retry delay instead).
 */
export async function measureInitialPull(
  db: LocalDatabase,
  start: () => SyncReplication,
  timeoutMs: number,
): Promise<{ replication: SyncReplication; pull: InitialPull }> {
  const started = performance.now();
  const replication = start();
  const converged = new Map<SyncCollection, number>();
  let failed: (error: unknown) => void = () => {};
  const failure = new Promise<never>((_resolve, reject) => {
    failed = reject;
  });
  const subscriptions = syncCollections.map((name) =>
    replication.collections[name].error$.subscribe((error) => failed(describe(name, error))),
  );
  const timer = setTimeout(() => failed(new Error(`not in sync after ${timeoutMs} ms`)), timeoutMs);
  try {
    await Promise.race([
      failure,
      (async () => {
        // A collection's first pull is done once its pages are stored; awaitInSync() also waits for
        // the whole database to be idle, which would give every collection the time of the slowest.
        await Promise.all(
          syncCollections.map(async (name) => {
            await replication.collections[name].awaitInitialReplication();
            converged.set(name, performance.now() - started);
          }),
        );
        await replication.awaitInSync();
      })(),
    ]);
  } finally {
    clearTimeout(timer);
    for (const subscription of subscriptions) subscription.unsubscribe();
  }
  const allMs = performance.now() - started;
  const entries = await Promise.all(
    syncCollections.map(async (name) => {
      const documents = await db[name].count().exec();
      return [name, { ms: converged.get(name) ?? allMs, documents }] as const;
    }),
  );
  return {
    replication,
    pull: { ...(Object.fromEntries(entries) as Record<SyncCollection, CollectionPull>), allMs },
  };
}

function describe(collection: SyncCollection, error: unknown): Error {
  const cause = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0] ?? error;
  return new Error(
    `replicating ${collection} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    {
      cause: error,
    },
  );
}
