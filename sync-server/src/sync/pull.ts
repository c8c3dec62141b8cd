import {
  catalogCollections,
  type PullResult,
  type SyncCheckpoint,
  type SyncCollection,
  type SyncDocuments,
} from '@allure/shared/sync.schema';
import type pg from 'pg';
import { loadDocuments, toDocument } from './documents.js';

/**
 * Reading the change log without ever skipping a committed change.
 *
 * `seq` is handed out when a row is inserted, not when its transaction commits: a transaction holding
 * seq 10 can commit after one holding seq 11, and a reader paging by seq alone would have moved past 10
 * for good. So a pull returns only rows of transactions older than its snapshot's xmin (every one of them
 * has finished), ordered by (txid, seq). Any transaction still running, or yet to start, has a txid of at
 * least that xmin, so its rows sort after every checkpoint handed out so far.
 *
 * The price is latency while an older transaction is still open: its newer neighbours wait for it.
 * `heldBack` tells the live stream to look again shortly.
 */

interface ChangeRow {
  seq: string;
  txid: string;
  document_id: string;
  deleted: boolean;
  tombstone: Record<string, unknown> | null;
}

export interface PullRequest<C extends SyncCollection> {
  collection: C;
  /** The terminal's store; catalog collections ignore it. */
  storeId: string;
  checkpoint: SyncCheckpoint | null;
  limit: number;
}

export interface Pulled<C extends SyncCollection> extends PullResult<C> {
  /** More changes can be pulled right away: the page was full. */
  more: boolean;
  /** Committed changes exist past the returned ones but wait for an older, still open transaction. */
  heldBack: boolean;
}

const origin: SyncCheckpoint = { txid: '0', seq: '0' };

/**
 * Catalog rows have no store (`store_id IS NULL`); the others belong to one. Two texts, rather than
 * `IS NOT DISTINCT FROM`, keep the index usable. The store, when there is one, is the last parameter.
 */
function changesQuery(catalog: boolean): string {
  return `SELECT seq::text, txid::text, document_id, deleted, tombstone,
                 txid >= pg_snapshot_xmin(pg_current_snapshot()) AS held
            FROM change_log
           WHERE collection = $1 AND ${catalog ? 'store_id IS NULL' : 'store_id = $5'}
             AND (txid, seq) > ($2::xid8, $3::bigint)
           -- The columns, not the text renderings selected above: '10' sorts before '9'.
           ORDER BY change_log.txid, change_log.seq
           LIMIT $4`;
}

/**
 * The documents changed after `checkpoint`, oldest change first, each once in its current state (or as a
 * tombstone), and the checkpoint of the last change included.
 */
export async function pullChanges<C extends SyncCollection>(
  pool: pg.Pool,
  request: PullRequest<C>,
): Promise<Pulled<C>> {
  const catalog = catalogCollections.includes(request.collection);
  let after = request.checkpoint ?? origin;
  const documents: SyncDocuments[C][] = [];
  let heldBack = false;
  let more = false;
  // A batch whose documents have all vanished since (deleted by a transaction not visible yet) yields
  // nothing; keep reading rather than answer an empty page that looks like the end.
  for (;;) {
    // The held rows are fetched too (one row past the limit), only to learn that they exist.
    const parameters = [request.collection, after.txid, after.seq, request.limit + 1];
    const result = await pool.query<ChangeRow & { held: boolean }>(
      changesQuery(catalog),
      catalog ? parameters : [...parameters, request.storeId],
    );
    const visible = result.rows.filter((row) => !row.held);
    heldBack = visible.length < result.rows.length;
    more = visible.length > request.limit;
    const changes = visible.slice(0, request.limit);
    if (changes.length === 0) break;
    const last = changes[changes.length - 1] as ChangeRow;
    after = { txid: last.txid, seq: last.seq };
    documents.push(...(await documentsOf(pool, request.collection, changes)));
    if (documents.length > 0 || !more) break;
  }
  return {
    documents,
    checkpoint: after === origin ? request.checkpoint : after,
    more,
    heldBack,
  };
}

/** Each changed document once, at the position of its latest change. */
async function documentsOf<C extends SyncCollection>(
  pool: pg.Pool,
  collection: C,
  changes: readonly ChangeRow[],
): Promise<SyncDocuments[C][]> {
  const latest = new Map<string, ChangeRow>();
  for (const change of changes) {
    latest.delete(change.document_id);
    latest.set(change.document_id, change);
  }
  const live = [...latest.values()].filter((change) => !change.deleted).map((change) => change.document_id);
  const current = await loadDocuments(pool, collection, live);
  const documents: SyncDocuments[C][] = [];
  for (const change of latest.values()) {
    if (change.deleted) {
      if (change.tombstone) documents.push(toDocument(collection, change.tombstone, true));
      continue;
    }
    const document = current.get(change.document_id);
    if (document) documents.push(document);
  }
  return documents;
}
