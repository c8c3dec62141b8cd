/**
 * Opens the till's local database: RxDB on Dexie (IndexedDB), one collection per replicated collection of
 * @allure/shared/sync (and the till's refunds, pushed only), each at schema version 0 with its (still empty) migration strategies.
 */
import type { SyncCollection } from '@allure/shared/sync.schema';
import {
  addRxPlugin,
  createRxDatabase,
  type MigrationStrategies,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  categorySchema,
  customerSchema,
  orderSchema,
  productSchema,
  refundSchema,
  shiftSchema,
  stockSchema,
  variantSchema,
} from './collection.schemas.js';
import type { LocalDocuments } from './local-documents.js';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

/** The replicated collections, and `refunds`, which the till only pushes. */
export type LocalCollection = SyncCollection | 'refunds';
export type LocalCollections = { [C in LocalCollection]: RxCollection<LocalDocuments[C]> };
export type LocalDatabase = RxDatabase<LocalCollections>;

/**
 * Per collection, the function that turns a document of version N-1 into version N, keyed by N. Adding a
 * field to a collection means: bump its schema `version`, add the step here, and keep the old documents
 * readable until every till has migrated (they also arrive again from the server on the next pull).
 */
export const migrationStrategies: { [C in LocalCollection]: MigrationStrategies } = {
  categories: {},
  // Images arrive with the product's next change; until then it has none.
  products: { 1: (document: Record<string, unknown>) => ({ ...document, images: [] }) },
  variants: {},
  stock: {},
  customers: {},
  shifts: {},
  // New indexes only: the documents stay as they are.
  orders: { 1: (document: Record<string, unknown>) => document },
  refunds: { 1: (document: Record<string, unknown>) => document },
};

const collectionCreators: { [C in LocalCollection]: RxCollectionCreator<LocalDocuments[C]> } = {
  categories: { schema: categorySchema, migrationStrategies: migrationStrategies.categories },
  products: { schema: productSchema, migrationStrategies: migrationStrategies.products },
  variants: { schema: variantSchema, migrationStrategies: migrationStrategies.variants },
  stock: { schema: stockSchema, migrationStrategies: migrationStrategies.stock },
  customers: { schema: customerSchema, migrationStrategies: migrationStrategies.customers },
  shifts: { schema: shiftSchema, migrationStrategies: migrationStrategies.shifts },
  orders: { schema: orderSchema, migrationStrategies: migrationStrategies.orders },
  refunds: { schema: refundSchema, migrationStrategies: migrationStrategies.refunds },
};

export interface OpenLocalDatabaseOptions {
  /**
   * The IndexedDB database name. One per enrolled terminal (e.g. `allure-<terminalId>`): the checkpoints
   * stored inside are only valid for the store and server the terminal was enrolled with.
   */
  name: string;
  /** Defaults to Dexie on the global `indexedDB` (the renderer's). Tests pass fake-indexeddb. */
  storage?: RxStorage<unknown, unknown>;
}

/**
 * Opens (or creates) the database with every collection. Resolves as soon as the local data is readable:
 * nothing here waits for the network.
 *
 * RxDB's free version allows at most 13 collections open at once in one JavaScript context, so at most one
 * of these databases (8 collections) should be open at a time: close it before opening another.
 */
export async function openLocalDatabase(options: OpenLocalDatabaseOptions): Promise<LocalDatabase> {
  const db = await createRxDatabase<LocalCollections>({
    name: options.name,
    storage:
      options.storage ??
      getRxStorageDexie({
        // A sale is recorded once the disk has it, not the operating system's cache: the receipt must survive
        // a power cut a second later, which shops on generators see. Such a write alone takes about 1 ms at
        // the median (pnpm bench pos, the browser's profile on disk).
        chromeTransactionDurability: 'strict',
        // Dexie's query cache serves Dexie's own live queries, which RxDB does not use: left on, it only adds
        // work to every write (pnpm bench pos).
        cache: 'disabled',
      }),
    // One renderer window owns the database; no cross-tab leader election or broadcast.
    multiInstance: false,
    // The till's own state beside the replicated collections (its profile and staff, see till/).
    localDocuments: true,
  });
  try {
    await db.addCollections(collectionCreators);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
