/**
 * Everything an enrolled till runs, opened in one place and closed in one place: the local database, the
 * terminal's token, replication, the in-memory catalog and the store profile. Opening never waits on the
 * network: the database and the last known profile are enough to sell; the server is caught up with in
 * the background.
 */
import { BehaviorSubject } from 'rxjs';
import { type LocalDatabase, openLocalDatabase } from '../data/local-database.js';
import { type SyncReplication, startReplication } from '../data/replication.js';
import { createSyncClient } from '../data/trpc-sync-client.js';
import type { Enrollment, PlatformApi } from '../platform/platform-api.js';
import { type CatalogFeed, feedCatalogIndex } from './catalog-feed.js';
import { CatalogIndex } from './catalog-index.js';
import { nextSequence } from './sale.js';
import { type ServerApi, serverApi } from './server-api.js';
import { TerminalToken } from './terminal-token.js';
import { refreshProfile, storedProfile, type TillProfile } from './till-profile.js';

export interface TillRuntime {
  enrollment: Enrollment;
  db: LocalDatabase;
  api: ServerApi;
  token: TerminalToken;
  replication: SyncReplication;
  catalog: CatalogIndex;
  feed: CatalogFeed;
  /** Null until the till has reached the server once. */
  profile$: BehaviorSubject<TillProfile | null>;
  /** The sequence number the next sale gets. */
  peekSequence(): number;
  /** Marks the next sequence number used (once its sale is recorded) and returns it. */
  takeSequence(): number;
  /** Fetches the profile and staff again (on start, and whenever the network comes back). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export async function openTill(
  platform: PlatformApi,
  serverUrl: string,
  enrollment: Enrollment,
): Promise<TillRuntime> {
  const db = await openLocalDatabase({ name: `allure-${enrollment.terminalId}` });
  const token = new TerminalToken(serverUrl, enrollment.terminalId, () =>
    platform.getSecret('device-credential'),
  );
  const api = serverApi(serverUrl, token.get);
  const replication = startReplication(db, {
    client: createSyncClient({ url: `${serverUrl}/trpc`, getAccessToken: token.get }),
  });
  const catalog = new CatalogIndex();
  const feed = feedCatalogIndex(db, catalog);
  const profile$ = new BehaviorSubject(await storedProfile(db));

  const ownOrders = await db.orders.find({ selector: { terminalId: enrollment.terminalId } }).exec();
  let lastSequence =
    nextSequence(
      enrollment.terminalCode,
      ownOrders.map((order) => order.number),
      profile$.value?.profile.terminal.lastOrderSeq ?? 0,
    ) - 1;

  const refresh = async () => {
    const fresh = await refreshProfile(db, api);
    lastSequence = Math.max(lastSequence, fresh.profile.terminal.lastOrderSeq);
    profile$.next(fresh);
  };
  const reachable = replication.syncStatus$.subscribe((status) => {
    if (status.online && !status.syncing && profile$.value === null) void refresh().catch(() => {});
  });
  void refresh().catch(() => {
    // Offline: the stored profile serves, and the next connection fetches it.
  });

  return {
    enrollment,
    db,
    api,
    token,
    replication,
    catalog,
    feed,
    profile$,
    peekSequence: () => lastSequence + 1,
    takeSequence: () => {
      lastSequence += 1;
      return lastSequence;
    },
    refresh,
    async close() {
      reachable.unsubscribe();
      feed.stop();
      await replication.stop();
      await db.close();
    },
  };
}
