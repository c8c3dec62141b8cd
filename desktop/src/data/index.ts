/**
 * The till's data layer: a local RxDB replica (Dexie/IndexedDB, in the renderer) that the till sells from,
 * offline or not, and the replication that keeps it in step with the sync server. No UI framework here.
 *
 * Start-up, in this order, none of it waiting on the network:
 *
 *   const db = await openLocalDatabase({ name: `allure-${terminalId}` });
 *   const client = createSyncClient({ url: `${serverUrl}/trpc`, getAccessToken });
 *   const replication = startReplication(db, { client });
 *   replication.syncStatus$.subscribe(renderStatusBar);
 *
 * Selling: `recordSale(db, sale)` stores the order as `pending` at once; `openShift` / `closeShift` do the
 * same for cash shifts. Screens query the collections (`db.variants`, `db.products`, ...; variants by
 * `barcodeKey`, see local-documents.ts) and the outbox (`outboxQuery`, `outboxCounts$`).
 *
 * Replication (replication.ts): every collection is pulled from its stored checkpoint; orders and shifts
 * are pushed. The server's answer to a push is RxDB's conflicts: the master wins, so an order the server
 * quarantined comes back as `syncState: 'quarantined'` with `syncError`, and a pending order becomes
 * `synced` when the server's state of it arrives by pull or stream. One live stream carries every
 * collection; `resync` (sent on every connection) makes each collection pull from its checkpoint.
 * `reSync()` does the same on demand, and runs by itself on the browser's `online` event.
 *
 * The replication talks to a `SyncApi` (sync-api.ts), not to tRPC: `createSyncClient` is the real one,
 * specs use in-memory ones to check the till's side of the protocol.
 *
 * Closing: `await replication.stop()` (or just `await db.close()`, which stops it too). Checkpoints and
 * unsynced orders are kept in IndexedDB; the next `startReplication` resumes from them.
 *
 * Limits worth knowing: RxDB's free version allows at most 13 open collections per JavaScript context,
 * so open one of these databases (7 collections) at a time. Production code never loads RxDB's dev-mode
 * plugin (it needs a validating storage and adds a tracking iframe); test-database.ts does, for specs.
 */
export {
  categorySchema,
  customerSchema,
  orderSchema,
  productSchema,
  shiftSchema,
  stockSchema,
  variantSchema,
} from './collection.schemas.js';
export {
  type LocalCollections,
  type LocalDatabase,
  migrationStrategies,
  type OpenLocalDatabaseOptions,
  openLocalDatabase,
} from './local-database.js';
export {
  barcodeKey,
  InvalidDocumentError,
  type LocalDocument,
  type LocalDocuments,
  type LocalVariant,
  toLocalVariant,
} from './local-documents.js';
export { type OutboxCounts, type OutboxState, outboxCounts$, outboxQuery } from './outbox.js';
export {
  type CollectionReplications,
  DEFAULT_RETRY_TIME,
  type StartReplicationOptions,
  type SyncReplication,
  startReplication,
} from './replication.js';
export {
  type CloseShiftInput,
  type CloseShiftResult,
  closeShift,
  type LocalOrder,
  type LocalShift,
  type OpenShiftInput,
  type OpenShiftResult,
  openShift,
  openShiftQuery,
  recordSale,
  type SaleInput,
} from './sales.js';
export type { SyncApi, SyncStreamHandlers } from './sync-api.js';
export { networkOnline$, type SyncStatus } from './sync-status.js';
export { createSyncClient, type SyncClientOptions } from './trpc-sync-client.js';
