import type { Database } from '@allure/db/client';

/**
 * What the hourly clean-up deletes: rows that served their purpose, kept `days` past the date in `after`
 * for support to look at. Each is pruned through an index on that column. Table and column names are
 * constants here, never input.
 */
const pruned = [
  { name: 'sessions', table: 'session', after: 'expires_at', days: 7, only: 'true' },
  { name: 'passwordResets', table: 'password_reset', after: 'expires_at', days: 7, only: 'true' },
  { name: 'idempotencyKeys', table: 'idempotency_key', after: 'expires_at', days: 1, only: 'true' },
  // Dead e-mails stay for a person to look at.
  { name: 'sentMail', table: 'outbox_message', after: 'available_at', days: 30, only: `status = 'done'` },
  { name: 'paymentEvents', table: 'payment_event', after: 'received_at', days: 180, only: 'true' },
] as const;

/** Rows deleted per statement, so pruning never holds long locks or bloats one transaction. */
const BATCH = 5_000;

export async function pruneExpired(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name, table, after, days, only } of pruned) {
    counts[name] = 0;
    for (;;) {
      const { rowCount } = await db.pool.query(
        `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table}
           WHERE ${after} < now() - make_interval(days => $1) AND ${only} LIMIT $2)`,
        [days, BATCH],
      );
      counts[name] += rowCount ?? 0;
      if ((rowCount ?? 0) < BATCH) break;
    }
  }
  return counts;
}
