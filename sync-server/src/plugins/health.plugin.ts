import { pendingMigrations } from '@allure/db/migrate';
import fp from 'fastify-plugin';

interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 2_000;

async function timed(check: () => Promise<string | undefined>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
    });
    const error = await Promise.race([check(), timeout]);
    const latencyMs = Math.round(performance.now() - started);
    return error === undefined ? { ok: true, latencyMs } : { ok: false, latencyMs, error };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /livez: the process is alive (never touches dependencies, so an outage of Postgres or Redis does not get
 * the process restarted in a loop). /readyz: this instance can serve traffic: database reachable, Redis
 * reachable, schema migrated; 503 naming what is not. /healthz: the same checks with operational detail.
 */
export const healthPlugin = fp(
  async (app, options: { version: string }) => {
    let migrationsConfirmed = false;

    const checks = async () => {
      const [database, redis, migrations] = await Promise.all([
        timed(async () => {
          await app.db.pool.query('SELECT 1');
          return undefined;
        }),
        timed(async () => {
          if (app.redis.status !== 'ready') return `not connected (${app.redis.status})`;
          await app.redis.ping();
          return undefined;
        }),
        timed(async () => {
          if (migrationsConfirmed) return undefined;
          const pending = await pendingMigrations(app.db.pool);
          // Applied migrations are never un-applied, so once confirmed this needs no more queries.
          migrationsConfirmed = pending.length === 0;
          return migrationsConfirmed ? undefined : `pending: ${pending.join(', ')}`;
        }),
      ]);
      const results = { database, redis, migrations };
      const failing = Object.entries(results)
        .filter(([, result]) => !result.ok)
        .map(([name, result]) => `${name}: ${result.error ?? 'failed'}`);
      return { ready: failing.length === 0, failing, results };
    };

    app.get('/livez', { logLevel: 'warn' }, async () => ({ status: 'alive' }));

    app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
      const { ready, failing, results } = await checks();
      reply.code(ready ? 200 : 503);
      return ready
        ? { status: 'ready', checks: results }
        : { status: 'unavailable', reason: failing.join('; '), checks: results };
    });

    app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
      const { ready, failing, results } = await checks();
      const { pool } = app.db;
      const memory = process.memoryUsage();
      reply.code(ready ? 200 : 503);
      return {
        status: ready ? 'ready' : 'unavailable',
        ...(ready ? {} : { reason: failing.join('; ') }),
        version: options.version,
        uptimeSeconds: Math.round(process.uptime()),
        checks: results,
        databasePool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount },
        redisStatus: app.redis.status,
        memoryMb: { rss: Math.round(memory.rss / 1e6), heapUsed: Math.round(memory.heapUsed / 1e6) },
      };
    });
  },
  { name: 'health', dependencies: ['db', 'redis'] },
);
