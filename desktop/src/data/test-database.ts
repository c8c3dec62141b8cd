/**
 * For specs only (production code must never import RxDB's dev-mode): a database on a fresh in-memory
 * IndexedDB, with dev-mode's schema checks and every write validated against the JSON schemas.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, type RxStorage } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { type LocalDatabase, openLocalDatabase } from './local-database.js';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);

/** Dexie on `indexedDB` (one fake IndexedDB, like one computer's), validating every write. */
export function testStorage(indexedDB: IDBFactory): RxStorage<unknown, unknown> {
  return wrappedValidateAjvStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) });
}

export interface TestDatabase {
  db: LocalDatabase;
  indexedDB: IDBFactory;
  /** Closes the database and opens it again on the same IndexedDB, as an app restart does. */
  reopen(): Promise<LocalDatabase>;
}

export async function openTestDatabase(name = 'till', indexedDB = new IDBFactory()): Promise<TestDatabase> {
  const handle: TestDatabase = {
    db: await openLocalDatabase({ name, storage: testStorage(indexedDB) }),
    indexedDB,
    async reopen() {
      await handle.db.close();
      handle.db = await openLocalDatabase({ name, storage: testStorage(indexedDB) });
      return handle.db;
    },
  };
  return handle;
}
