import { sellableVariants, tillIdentity } from '@allure/db/fixtures/till-sales';
import type { SyncReplication } from '@allure/desktop/data';
import { syncCollections } from '@allure/shared/sync.schema';
import pg from 'pg';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { type BenchTerminal, enrollTerminal, managerClient } from './lib/api.js';
import { benchDatabase } from './lib/bench-database.js';
import { startBenchServer } from './lib/bench-server.js';
import { measureInitialPull } from './lib/initial-pull.js';
import { measureLivePropagation } from './lib/live-propagation.js';
import { load, warmUp } from './lib/load.js';
import { openFreshDatabase, replicate } from './lib/local-replica.js';
import { type PushingTill, type PushLoadResult, pushLoad } from './lib/push-load.js';
import { printFigures, printRows, printTable } from './lib/report.js';
import { percentile, round1 } from './lib/stats.js';

// The sync server under its terminals' load, on a fresh copy of the large seed (50,000 variants):
//   1. a fresh till's initial pull of every collection into RxDB (Dexie on fake-indexeddb, in this process);
//   2. live propagation: a manager's price change until that till's local variant shows it;
//   3. push throughput: three tills pushing batches of orders as fast as the server takes them;
// beside the same server process's /livez request rate. The tills and the manager authenticate as in
// production (enrollment, device credential, sign-in).

const PORT = 3103;
const TERMINAL_CODES = ['T01', 'T02', 'T03'];
const PUSH = { batchSize: 20, linesPerOrder: 3, durationMs: 12_000 };
const PUSH_WARM_UP_MS = 2_000;
/** Orders pick their lines among this many variants, as a store sells across its range. */
const PUSH_VARIANTS = 5_000;
const LIVE = { rounds: 100, pauseMs: 50, timeoutMs: 10_000 };
const PULL_TIMEOUT_MS = 150_000;

const log = (line: string) => process.stdout.write(`bench: ${line}\n`);

export default async function syncBench(): Promise<void> {
  const benchStarted = performance.now();
  const { databaseUrl, redisUrl } = await benchDatabase({ name: 'allure_bench_sync', fresh: true });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const server = await startBenchServer(PORT, { databaseUrl, redisUrl });
  try {
    log('baseline: /livez');
    await warmUp(`${server.url}/livez`);
    const livez = await load({ url: `${server.url}/livez` });

    const manager = await managerClient(server.url);
    const terminals: BenchTerminal[] = [];
    for (const code of TERMINAL_CODES) terminals.push(await enrollTerminal(server.url, manager, code));
    const [puller] = terminals;
    if (!puller) throw new Error('no terminal enrolled');

    // 1 and 2: one till, its database filled by the initial pull, then kept live by the stream.
    log(`initial pull into a fresh RxDB as ${puller.terminalCode}`);
    const db = await openFreshDatabase('bench-till');
    let replication: SyncReplication | undefined;
    try {
      const measured = await measureInitialPull(
        db,
        () => replicate(db, server.url, puller.accessToken),
        PULL_TIMEOUT_MS,
      );
      replication = measured.replication;
      const { pull } = measured;
      const variantCount = await scalar(pool, 'SELECT count(*) FROM variant');
      if (pull.variants.documents !== variantCount) {
        throw new Error(`the till holds ${pull.variants.documents} variants, the server ${variantCount}`);
      }

      await firstValueFrom(
        replication.syncStatus$.pipe(
          filter((status) => status.connected),
          timeout(10_000),
        ),
      );
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM variant ORDER BY id LIMIT 1');
      const variantId = rows[0]?.id;
      if (!variantId) throw new Error('no variant to reprice');
      log(`live propagation: ${LIVE.rounds} price changes`);
      const live = await measureLivePropagation(db, manager, variantId, LIVE);
      await replication.stop();

      log(`push: ${terminals.length} tills for ${PUSH.durationMs / 1000} s`);
      // 3: three tills pushing at once; the till above no longer replicates, so it does not pull their orders.
      const pushing = await Promise.all(terminals.map((terminal) => pushingTill(pool, terminal)));
      const variants = await sellableVariants(pool, PUSH_VARIANTS);
      const ordersBefore = await scalar(pool, 'SELECT count(*) FROM "order"');
      const warm = await pushLoad({
        baseUrl: server.url,
        tills: pushing,
        variants,
        ...PUSH,
        durationMs: PUSH_WARM_UP_MS,
      });
      const push = await pushLoad({ baseUrl: server.url, tills: pushing, variants, ...PUSH });
      await verifyPush(pool, ordersBefore, [warm, push]);

      report({ livez, pull, live, push, benchStarted });
    } finally {
      await replication?.stop();
      await db.close();
    }
  } finally {
    await server.stop();
    await pool.end();
  }
}

async function pushingTill(pool: pg.Pool, terminal: BenchTerminal): Promise<PushingTill> {
  const lastSequence = await scalar(pool, 'SELECT last_order_seq FROM terminal WHERE id = $1', [
    terminal.terminalId,
  ]);
  return {
    till: await tillIdentity(pool, terminal.terminalId),
    accessToken: terminal.accessToken,
    nextSequence: lastSequence + 1,
  };
}

/** Every pushed order is stored, once, and nothing was refused, quarantined or flagged. */
async function verifyPush(
  pool: pg.Pool,
  ordersBefore: number,
  runs: readonly PushLoadResult[],
): Promise<void> {
  const ids = runs.flatMap((run) => run.orderIds);
  const conflicts = runs.flatMap((run) => run.conflicts);
  const stored = await scalar(pool, 'SELECT count(*) FROM "order" WHERE id = ANY($1::uuid[])', [ids]);
  const added = (await scalar(pool, 'SELECT count(*) FROM "order"')) - ordersBefore;
  const quarantined = await scalar(pool, 'SELECT count(*) FROM quarantined_document');
  const discrepancies = await scalar(
    pool,
    'SELECT count(*) FROM order_discrepancy WHERE order_id = ANY($1::uuid[])',
    [ids],
  );
  const problems = [
    stored !== ids.length && `${ids.length} orders pushed, ${stored} of them stored`,
    added !== ids.length && `${ids.length} orders pushed, ${added} orders added`,
    conflicts.length > 0 &&
      `${conflicts.length} conflicts answered, e.g. ${JSON.stringify(conflicts[0]).slice(0, 400)}`,
    quarantined > 0 && `${quarantined} documents quarantined`,
    discrepancies > 0 && `${discrepancies} discrepancies recorded`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`push verification failed: ${problems.join('; ')}`);
}

/** The first column of the first row, as a number. */
async function scalar(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<Record<string, string | number>>(sql, values);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}

interface Measured {
  livez: Awaited<ReturnType<typeof load>>;
  pull: Awaited<ReturnType<typeof measureInitialPull>>['pull'];
  live: Awaited<ReturnType<typeof measureLivePropagation>>;
  push: PushLoadResult;
  benchStarted: number;
}

function report({ livez, pull, live, push, benchStarted }: Measured): void {
  const pushSeconds = push.elapsedMs / 1000;
  const ordersPerSecond = push.orderIds.length / pushSeconds;
  printTable('same server process, 32 connections, 8 s', { 'sync-server /livez': livez });

  printRows(
    'initial pull into a fresh RxDB (Dexie on fake-indexeddb), all collections at once, one till',
    Object.fromEntries(
      syncCollections.map((name) => [
        name,
        {
          documents: pull[name].documents,
          's to converge': round1(pull[name].ms / 1000),
          'documents/s': Math.round(pull[name].documents / (pull[name].ms / 1000)),
        },
      ]),
    ),
  );
  process.stdout.write(
    `all collections in sync after ${round1(pull.allMs / 1000)} s. fake-indexeddb (JavaScript, in the bench\n` +
      'process, beside the server on the same cores) is slower than Chromium IndexedDB: the desktop app\n' +
      'issue measures the pull in Electron.\n',
  );

  printRows(`live propagation, ${live.propagationMs.length} price changes one after the other`, {
    'setPrice → till variant shows it': {
      'p50 ms': percentile(live.propagationMs, 50),
      'p99 ms': percentile(live.propagationMs, 99),
      'max ms': percentile(live.propagationMs, 100),
    },
    'of which the setPrice call': {
      'p50 ms': percentile(live.mutationMs, 50),
      'p99 ms': percentile(live.mutationMs, 99),
      'max ms': percentile(live.mutationMs, 100),
    },
  });

  printRows(
    `push: ${TERMINAL_CODES.length} tills, batches of ${PUSH.batchSize} orders × ${PUSH.linesPerOrder} lines, ${round1(pushSeconds)} s`,
    {
      'sync.push': {
        orders: push.orderIds.length,
        'orders/s': Math.round(ordersPerSecond),
        'batches/s': Math.round(push.batches / pushSeconds),
        'p50 ms': percentile(push.latenciesMs, 50),
        'p99 ms': percentile(push.latenciesMs, 99),
        conflicts: push.conflicts.length,
        'failed, retried': [...push.failures.values()].reduce((sum, count) => sum + count, 0),
      },
    },
  );
  for (const [failure, count] of push.failures) {
    process.stdout.write(
      `WARNING: ${count} push requests failed and were pushed again (the server's log says why): ${failure}\n`,
    );
  }
  process.stdout.write(
    `\nbench ran ${round1((performance.now() - benchStarted) / 1000)} s (after the build)\n`,
  );

  printFigures({
    bench: 'sync',
    push_orders_per_s: Math.round(ordersPerSecond),
    push_p99_ms: percentile(push.latenciesMs, 99),
    pull_50k_s: round1(pull.variants.ms / 1000),
    live_p99_ms: percentile(live.propagationMs, 99),
    baseline_rps: Math.round(livez.rps),
  });
}
