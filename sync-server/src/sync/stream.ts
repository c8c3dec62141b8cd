import {
  catalogCollections,
  type SyncCheckpoint,
  type SyncCollection,
  type SyncEvent,
  syncCollections,
} from '@allure/shared/sync.schema';
import type pg from 'pg';
import type { TerminalPrincipal } from '../auth/principal.js';
import type { ChangeFeed } from './change-feed.js';
import { pullChanges } from './pull.js';

/**
 * A terminal's live stream: `resync` first (the terminal pulls every collection from its checkpoint, which
 * covers whatever happened before this connection), then the documents of each change as it is announced.
 *
 * The stream's own position starts at the snapshot's xmin: everything older the terminal's pull will have;
 * everything newer comes through here. It reads on an announcement for its store or the catalog, every
 * POLL_MS regardless (a lost announcement, Redis down), and again shortly after a pull that found changes
 * held back behind an open transaction.
 */

export interface StreamOptions {
  pool: pg.Pool;
  feed: ChangeFeed;
  terminal: TerminalPrincipal;
  signal: AbortSignal;
  /** When the stream ends on its own (the access token's expiry): the client reconnects with a new one. */
  endAt: number;
  /** Is the terminal still allowed in? Checked on each poll. */
  stillAuthorized: () => Promise<boolean>;
  pollMs?: number;
}

const BATCH = 500;
const HELD_BACK_RETRY_MS = 50;
const END_OF_TIME_SEQ = '9223372036854775807';

export async function* syncStream(options: StreamOptions): AsyncGenerator<SyncEvent> {
  const { pool, feed, terminal } = options;
  const pollMs = options.pollMs ?? 15_000;
  const signal = AbortSignal.any([options.signal, feed.closing]);
  const head = await pool.query<{ txid: string }>(
    `SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::numeric - 1)::text AS txid`,
  );
  const start: SyncCheckpoint = { txid: head.rows[0]?.txid ?? '0', seq: END_OF_TIME_SEQ };
  const cursors = new Map<SyncCollection, SyncCheckpoint>(syncCollections.map((name) => [name, start]));
  const due = new Set<SyncCollection>();
  let wake: () => void = () => {};
  const unlisten = feed.listen((scopes) => {
    for (const scope of scopes) {
      const ours =
        scope.storeId === null
          ? catalogCollections.includes(scope.collection)
          : scope.storeId === terminal.storeId;
      if (ours) due.add(scope.collection);
    }
    if (due.size > 0) wake();
  });
  const aborted = new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );

  try {
    yield { kind: 'resync' };
    // Collections whose last pull found changes held back behind an open transaction, and how long to
    // wait before looking again (doubling, so a long transaction does not turn into a polling storm).
    const held = new Set<SyncCollection>();
    let heldDelay = HELD_BACK_RETRY_MS;
    // Revocation is checked at least every poll interval, however busy the stream is.
    let authorizedAt = Date.now();
    while (!signal.aborted && Date.now() < options.endAt) {
      const timeout =
        due.size > 0 ? 0 : held.size > 0 ? heldDelay : Math.min(pollMs, options.endAt - Date.now());
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), Math.max(0, timeout));
          wake = () => resolve(false);
        }),
        aborted.then(() => false),
      ]);
      clearTimeout(timer);
      if (signal.aborted) break;
      if (held.size > 0) {
        for (const name of held) due.add(name);
        if (timedOut) heldDelay = Math.min(heldDelay * 2, pollMs);
      } else if (timedOut) {
        for (const name of syncCollections) due.add(name);
      }
      if (Date.now() - authorizedAt >= pollMs) {
        if (!(await options.stillAuthorized())) break;
        authorizedAt = Date.now();
      }
      held.clear();
      const collections = [...due];
      due.clear();
      for (const collection of collections) {
        // Page by page until a page is not full: the last query is never one that only finds nothing.
        for (let more = true; more; ) {
          const checkpoint = cursors.get(collection) ?? start;
          const pulled = await pullChanges(pool, {
            collection,
            storeId: terminal.storeId,
            checkpoint,
            limit: BATCH,
          });
          if (pulled.heldBack) held.add(collection);
          more = pulled.more;
          if (!pulled.checkpoint) break;
          cursors.set(collection, pulled.checkpoint);
          if (pulled.documents.length > 0) {
            yield {
              kind: 'changes',
              collection,
              documents: pulled.documents,
              checkpoint: pulled.checkpoint,
            } as SyncEvent;
          }
        }
      }
      if (held.size === 0) heldDelay = HELD_BACK_RETRY_MS;
    }
  } finally {
    unlisten();
  }
}
