import type { Database } from '@allure/db/client';

/** How long rows that served their purpose are kept, for support to look at, before they are deleted. */
const KEEP_DAYS = { sessions: 7, passwordResets: 7, idempotencyKeys: 1, sentMail: 30, paymentEvents: 180 };
/** Rows deleted per statement, so pruning never holds long locks or bloats one transaction. */
const BATCH = 5_000;

async function pruneBatches(db: Database, sql: string, days: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await db.pool.query(sql, [days, BATCH]);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) return total;
  }
}

/**
 * The hourly clean-up: expired or revoked sessions and password resets, expired idempotency keys, sent
 * e-mails and old payment webhook events. Each table is pruned through an index on its date column.
 */
export async function pruneExpired(db: Database): Promise<Record<string, number>> {
  return {
    sessions: await pruneBatches(
      db,
      `DELETE FROM session WHERE id IN (SELECT id FROM session
         WHERE expires_at < now() - make_interval(days => $1) LIMIT $2)`,
      KEEP_DAYS.sessions,
    ),
    passwordResets: await pruneBatches(
      db,
      `DELETE FROM password_reset WHERE id IN (SELECT id FROM password_reset
         WHERE expires_at < now() - make_interval(days => $1) LIMIT $2)`,
      KEEP_DAYS.passwordResets,
    ),
    idempotencyKeys: await pruneBatches(
      db,
      `DELETE FROM idempotency_key WHERE id IN (SELECT id FROM idempotency_key
         WHERE expires_at < now() - make_interval(days => $1) LIMIT $2)`,
      KEEP_DAYS.idempotencyKeys,
    ),
    sentMail: await pruneBatches(
      db,
      `DELETE FROM outbox_message WHERE id IN (SELECT id FROM outbox_message
         WHERE status = 'done' AND available_at < now() - make_interval(days => $1) LIMIT $2)`,
      KEEP_DAYS.sentMail,
    ),
    paymentEvents: await pruneBatches(
      db,
      `DELETE FROM payment_event WHERE id IN (SELECT id FROM payment_event
         WHERE received_at < now() - make_interval(days => $1) LIMIT $2)`,
      KEEP_DAYS.paymentEvents,
    ),
  };
}
