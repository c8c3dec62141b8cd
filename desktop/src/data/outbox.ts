/**
 * The outbox: orders the server has not accepted yet. `pending` ones wait for the next push (or for the
 * server's answer to come back through the pull); `quarantined` ones were refused and carry the reason in
 * `syncError`: they are not retried, a manager has to act on them.
 */
import type { SyncState } from '@allure/shared/sync.schema';
import { combineLatest, distinctUntilChanged, type Observable } from 'rxjs';
import type { LocalDatabase } from './local-database.js';

export type OutboxState = Exclude<SyncState, 'synced'>;

/** Orders in `syncState`, oldest change first. `.exec()` for a snapshot, `.$` to watch. */
export function outboxQuery(db: LocalDatabase, syncState: OutboxState) {
  return db.orders.find({ selector: { syncState }, sort: [{ updatedAt: 'asc' }] });
}

export interface OutboxCounts {
  pending: number;
  quarantined: number;
}

function countOf(db: LocalDatabase, syncState: OutboxState): Observable<number> {
  return db.orders.count({ selector: { syncState } }).$;
}

/** Counts of pending and quarantined orders, emitted at once and on every change. */
export function outboxCounts$(db: LocalDatabase): Observable<OutboxCounts> {
  return combineLatest({ pending: countOf(db, 'pending'), quarantined: countOf(db, 'quarantined') }).pipe(
    distinctUntilChanged((a, b) => a.pending === b.pending && a.quarantined === b.quarantined),
  );
}
