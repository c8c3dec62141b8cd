import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { pruneExpired } from '../src/queue/maintenance.js';
import { buildTestApp } from './helper.js';

describe('hourly pruning', () => {
  let app: App;
  beforeAll(async () => {
    // No workers: their hourly pruning (which runs once at start) would race the one this test calls.
    app = await buildTestApp({ WORKERS: 'off' });
  });
  afterAll(() => app.close());

  it('deletes sessions, resets and sent e-mail past their keeping time, and nothing else', async () => {
    const { rows } = await app.db.pool.query<{ id: string }>(`SELECT id FROM "user" ORDER BY email LIMIT 1`);
    const userId = rows[0]?.id;
    const session = (expiresDaysAgo: number) =>
      app.db.pool.query<{ id: string }>(
        `INSERT INTO session (id, user_id, family_id, token_hash, expires_at)
         VALUES (gen_random_uuid(), $1, gen_random_uuid(), $2, now() - make_interval(days => $3)) RETURNING id`,
        [userId, randomBytes(32).toString('hex'), expiresDaysAgo],
      );
    const expired = (await session(8)).rows[0]?.id;
    const recent = (await session(2)).rows[0]?.id;
    const sent = await app.db.pool.query<{ id: string }>(
      `INSERT INTO outbox_message (id, topic, payload, status, available_at)
       VALUES (gen_random_uuid(), 'email.x', '{}', 'done', now() - interval '31 days'),
              (gen_random_uuid(), 'email.x', '{}', 'dead', now() - interval '31 days') RETURNING id, status`,
    );
    const pruned = await pruneExpired(app.db);
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(pruned.sentMail).toBeGreaterThanOrEqual(1);
    const left = await app.db.pool.query<{ id: string }>(
      'SELECT id FROM session WHERE id = ANY($1::uuid[])',
      [[expired, recent]],
    );
    expect(left.rows.map((row) => row.id)).toEqual([recent]);
    // A dead e-mail is kept for a person to look at.
    const kept = await app.db.pool.query<{ status: string }>(
      'SELECT status FROM outbox_message WHERE id = ANY($1::uuid[])',
      [sent.rows.map((row) => row.id)],
    );
    expect(kept.rows).toEqual([{ status: 'dead' }]);
  });
});
