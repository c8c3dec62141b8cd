import {
  createSyncClient,
  type LocalDatabase,
  openLocalDatabase,
  type SyncReplication,
  startReplication,
} from '@allure/desktop/data';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

/**
 * A till's local database as the desktop app opens it (RxDB on Dexie, without dev-mode or schema
 * validation, which production does not load either), on a fresh in-memory IndexedDB. fake-indexeddb is a
 * JavaScript implementation, slower than Chromium's IndexedDB.
 */
export function openFreshDatabase(name: string): Promise<LocalDatabase> {
  return openLocalDatabase({
    name,
    storage: getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }),
  });
}

/** The desktop replication (pull, push and the live stream) of `db` with the server at `baseUrl`. */
export function replicate(db: LocalDatabase, baseUrl: string, accessToken: string): SyncReplication {
  const client = createSyncClient({ url: `${baseUrl}/trpc`, getAccessToken: async () => accessToken });
  return startReplication(db, { client });
}
