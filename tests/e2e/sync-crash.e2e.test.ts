import { cashSale, ledgerDrift, sellableVariants, tillIdentity } from '@allure/db/fixtures/till-sales';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/processes.js';

import {
  dropTestDatabase,
  enrollTerminals,
  freshDatabaseUrl,
  type ServerProcess,
  startServer,
  terminalAccessToken,
} from '../support/server.js';

// The server process is killed (SIGKILL: no shutdown hooks) while it is in the middle of storing a push
// batch; it is started again and the terminal pushes the same batch again, as RxDB does after a failed
// request. Whatever the moment of the kill, every order must end up stored exactly once.
describe('a push batch cut by a server crash', () => {
  const databaseUrl = freshDatabaseUrl();
  let server: ServerProcess | undefined;
  let port: number;
  let pool: pg.Pool;

  beforeAll(async () => {
    port = await freePort();
    server = await startServer(databaseUrl, port);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  });
  afterAll(async () => {
    await server?.kill();
    await pool?.end();
    await dropTestDatabase(databaseUrl);
  });

  /** Polls until the server's connection is inside the batch's transaction (or the push finished). */
  async function insideTransaction(settled: () => boolean): Promise<boolean> {
    while (!settled()) {
      const { rows } = await pool.query(
        `SELECT 1 FROM pg_stat_activity
          WHERE application_name = 'allure-sync-server' AND state IN ('active', 'idle in transaction')
            AND xact_start IS NOT NULL AND backend_xid IS NOT NULL`,
      );
      if (rows.length > 0) return true;
    }
    return false;
  }

  it('stores every order exactly once after kill, restart and retry', async () => {
    if (!server) throw new Error('no server');
    const [enrolled] = await enrollTerminals(server.baseUrl, ['T01']);
    if (!enrolled) throw new Error('not enrolled');
    const till = await tillIdentity(pool, enrolled.terminalId);
    const variants = await sellableVariants(pool, 30);
    const pick = (n: number) => variants.slice(n % 27, (n % 27) + 3);

    const rounds = 3;
    const batches = Array.from({ length: rounds }, (_, round) =>
      Array.from({ length: 100 }, (_, index) =>
        cashSale(
          till,
          round * 100 + index + 1,
          pick(index).map((variant) => ({ variant, quantity: 1 })),
        ),
      ),
    );

    let killedInside = 0;
    for (const batch of batches) {
      let token = await terminalAccessToken(server.baseUrl, enrolled);
      const body = JSON.stringify({
        collection: 'orders',
        rows: batch.map((order) => ({ newDocumentState: order, assumedMasterState: null })),
      });
      const send = (base: string) =>
        fetch(`${base}/trpc/sync.push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });

      let settled = false;
      const first = send(server.baseUrl)
        .then(
          (response) => response.status,
          () => 'connection lost' as const,
        )
        .finally(() => {
          settled = true;
        });
      if (await insideTransaction(() => settled)) {
        await server.kill();
        killedInside += 1;
      }
      const outcome = await first;
      if (
        outcome === 'connection lost' ||
        server.process.child.exitCode !== null ||
        server.process.child.signalCode
      ) {
        server = await startServer(databaseUrl, port);
        token = await terminalAccessToken(server.baseUrl, enrolled);
      }
      // The terminal retries until the server answers.
      const retry = await send(server.baseUrl);
      expect(retry.status).toBe(200);
      const conflicts = ((await retry.json()) as { result: { data: { id: string; syncState: string }[] } })
        .result.data;
      // Nothing the retry sent was refused; orders the first attempt stored come back as the server's copy.
      expect(conflicts.every((conflict) => conflict.syncState === 'synced')).toBe(true);
    }
    expect(killedInside).toBe(rounds);

    const ids = batches.flat().map((order) => order.id);
    const stored = await pool.query<{ orders: number; lines: number; sales: number }>(
      `SELECT (SELECT count(*)::int FROM "order" WHERE id = ANY($1::uuid[])) AS orders,
              (SELECT count(*)::int FROM order_line WHERE order_id = ANY($1::uuid[])) AS lines,
              (SELECT count(*)::int FROM stock_movement WHERE order_id = ANY($1::uuid[])) AS sales`,
      [ids],
    );
    expect(stored.rows[0]).toEqual({ orders: 300, lines: 900, sales: 900 });
    expect(await ledgerDrift(pool)).toEqual([]);
    const terminal = await pool.query('SELECT last_order_seq FROM terminal WHERE id = $1', [
      enrolled.terminalId,
    ]);
    expect(terminal.rows[0]).toEqual({ last_order_seq: 300 });
  });
});
