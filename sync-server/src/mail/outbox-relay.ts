import type { Database } from '@allure/db/client';
import type { FastifyBaseLogger } from 'fastify';
import { renderMail, UnsendableMessageError } from './mail-templates.js';
import type { SendMail } from './mailer.js';

/**
 * Sends what the outbox holds. Rows are claimed with SKIP LOCKED and a lease (available_at pushed ahead),
 * so any number of workers share the work and a worker that dies mid-send leaves its rows to be claimed
 * again when the lease ends. A failed send is retried with backoff, then set aside as dead.
 */
export const OUTBOX_BATCH = 20;
export const OUTBOX_MAX_ATTEMPTS = 8;
const LEASE_S = 60;

interface Claimed {
  id: string;
  topic: string;
  payload: unknown;
  attempts: number;
}

/** Seconds before attempt n + 1: 30 s, 1 min, 2 min… up to an hour. */
export function outboxRetryDelayS(attempts: number): number {
  return Math.min(3_600, 30 * 2 ** (attempts - 1));
}

export async function relayOutbox(
  deps: { db: Database; log: FastifyBaseLogger; send: SendMail; publicUrl: string },
  topicPrefix = 'email.',
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const { rows } = await deps.db.pool.query<Claimed>(
      `UPDATE outbox_message m
          SET status = 'processing', attempts = m.attempts + 1, available_at = now() + make_interval(secs => $3)
        WHERE m.id IN (SELECT id FROM outbox_message
                        WHERE status IN ('pending', 'processing') AND available_at <= now() AND topic LIKE $1 || '%'
                        ORDER BY available_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING m.id, m.topic, m.payload, m.attempts`,
      [topicPrefix, OUTBOX_BATCH, LEASE_S],
    );
    for (const message of rows) {
      try {
        await deps.send(renderMail(message.topic, message.payload, deps.publicUrl), message.id);
        await deps.db.pool.query(
          `UPDATE outbox_message SET status = 'done', processed_at = now(), last_error = NULL WHERE id = $1`,
          [message.id],
        );
        sent += 1;
      } catch (error) {
        failed += 1;
        const dead = error instanceof UnsendableMessageError || message.attempts >= OUTBOX_MAX_ATTEMPTS;
        deps.log.warn({ err: error, outboxId: message.id, topic: message.topic, dead }, 'e-mail not sent');
        await deps.db.pool.query(
          `UPDATE outbox_message
              SET status = $2, last_error = $3, available_at = now() + make_interval(secs => $4)
            WHERE id = $1`,
          [
            message.id,
            dead ? 'dead' : 'pending',
            String(error).slice(0, 2_000),
            outboxRetryDelayS(message.attempts),
          ],
        );
      }
    }
    if (rows.length < OUTBOX_BATCH) return { sent, failed };
  }
}
