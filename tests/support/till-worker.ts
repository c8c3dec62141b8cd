import { parentPort, workerData } from 'node:worker_threads';
import { cashSale, type SellableVariant, type TillIdentity } from '@allure/db/fixtures/till-sales';
import {
  createSyncClient,
  type LocalDatabase,
  openLocalDatabase,
  recordSale,
  type SyncReplication,
  type SyncStatus,
  startReplication,
} from '@allure/desktop/data';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { BehaviorSubject } from 'rxjs';

// One till in a thread of its own, as on its own computer: RxDB allows a JavaScript context only so many
// open collections, and a till should not share anything with the others but the server. The main thread
// drives it with messages (till.ts). "Offline" is the till's network failing under it: every request
// rejects as fetch does when the cable is out, and the device reports no network.

export interface TillSetup {
  baseUrl: string;
  terminalId: string;
  credential: string;
  identity: TillIdentity;
}

export type TillCommand =
  | { kind: 'sell'; sequence: number; lines: { variant: SellableVariant; quantity: number }[] }
  | { kind: 'network'; online: boolean }
  | { kind: 'sync' }
  | { kind: 'restart' }
  | { kind: 'snapshot' }
  | { kind: 'close' };

export interface TillSnapshot {
  orders: { id: string; syncState: string; status: string }[];
  stock: Record<string, number>;
  variants: number;
  status: SyncStatus | null;
}

const setup = workerData as TillSetup;
const indexedDB = new IDBFactory();
const online$ = new BehaviorSubject(true);
let token: { value: string; expiresAt: number } | null = null;

async function guardedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (!online$.value) throw new TypeError('fetch failed: network is down');
  return fetch(input, init);
}

async function accessToken(): Promise<string> {
  if (token && token.expiresAt - Date.now() > 60_000) return token.value;
  const response = await guardedFetch(`${setup.baseUrl}/trpc/terminals.authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId: setup.terminalId, credential: setup.credential }),
  });
  const body = (await response.json()) as {
    result: { data: { accessToken: string; accessTokenExpiresAt: string } };
  };
  token = {
    value: body.result.data.accessToken,
    expiresAt: Date.parse(body.result.data.accessTokenExpiresAt),
  };
  return token.value;
}

let db: LocalDatabase;
let replication: SyncReplication;
let status: SyncStatus | null = null;

async function start(): Promise<void> {
  db = await openLocalDatabase({
    name: `till-${setup.terminalId}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  const client = createSyncClient({
    url: `${setup.baseUrl}/trpc`,
    getAccessToken: accessToken,
    fetch: guardedFetch,
  });
  replication = startReplication(db, { client, retryTime: 300, network$: online$ });
  replication.syncStatus$.subscribe((next) => {
    status = next;
  });
}

async function snapshot(): Promise<TillSnapshot> {
  const [orders, stock, variants] = await Promise.all([
    db.orders.find().exec(),
    db.stock.find().exec(),
    db.variants.count().exec(),
  ]);
  return {
    orders: orders.map((order) => ({ id: order.id, syncState: order.syncState, status: order.status })),
    stock: Object.fromEntries(stock.map((level) => [level.id, level.quantity])),
    variants,
    status,
  };
}

async function handle(command: TillCommand): Promise<unknown> {
  switch (command.kind) {
    case 'sell':
      return (await recordSale(db, cashSale(setup.identity, command.sequence, command.lines))).id;
    case 'network':
      online$.next(command.online);
      if (command.online) replication.reSync();
      return null;
    case 'sync':
      replication.reSync();
      await replication.awaitInSync();
      return null;
    case 'restart':
      await replication.stop();
      await db.close();
      await start();
      return null;
    case 'snapshot':
      return snapshot();
    case 'close':
      await replication.stop();
      await db.close();
      return null;
  }
}

await start();
parentPort?.on('message', (message: { id: number; command: TillCommand }) => {
  handle(message.command).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        error: String(error instanceof Error ? error.stack : error),
      }),
  );
});
parentPort?.postMessage({ ready: true });
