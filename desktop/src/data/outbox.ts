/**
 * The outbox: orders (and refunds) the server has not accepted yet. `pending` ones wait for the next push (or for the
 * server's answer to come back through the pull); `quarantined` ones were refused and carry the reason in
 * `syncError`: they are not retried, a manager has to act on them.
 */
import type { SyncState } from '@allure/shared/sync.schema';
import { combineLatest, distinctUntilChanged, type Observable } from 'rxjs';
import type { LocalDatabase } from './local-database.js';
import { sameFields } from './same-fields.js';

export type OutboxState = Exclude<SyncState, 'synced'>;

/** Orders in `syncState`, oldest change first. `.exec()` for a snapshot, `.$` to watch. */
export function outboxQuery(db: LocalDatabase, syncState: OutboxState) {
  return db.orders.find({ selector: { syncState }, sort: [{ updatedAt: 'asc' }] });
}

export interface OutboxCounts {
  pendingOrders: number;
  quarantinedOrders: number;
  pendingRefunds: number;
  quarantinedRefunds: number;
}

/** Counts of pending and quarantined orders and refunds, emitted at once and on every change. */
export function outboxCounts$(db: LocalDatabase): Observable<OutboxCounts> {
  const counts: { [K in keyof OutboxCounts]: Observable<number> } = {
    pendingOrders: db.orders.count({ selector: { syncState: 'pending' } }).$,
    quarantinedOrders: db.orders.count({ selector: { syncState: 'quarantined' } }).$,
    pendingRefunds: db.refunds.count({ selector: { syncState: 'pending' } }).$,
    quarantinedRefunds: db.refunds.count({ selector: { syncState: 'quarantined' } }).$,
  };
  return combineLatest(counts).pipe(distinctUntilChanged(sameFields));
}
