import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { redactUrl } from '@allure/db/cli-config';
import { ensureDatabase } from '@allure/db/database-admin';
import { migrate } from '@allure/db/migrate';
import { seed } from '@allure/db/seed/seed';
import pg from 'pg';
import { allocatorEnv } from './allocator-env.js';
import { ensurePostgres, ensureRedis, ProvisionError } from './provision.js';

// The start command (`pnpm start` runs the build, then this): provision PostgreSQL and Redis, create and
// migrate the database, seed the demo store on first run, then run the built server in the foreground.

const log = (line: string) => process.stdout.write(`allure: ${line}\n`);

async function prepare(): Promise<{ databaseUrl: string; redisUrl: string }> {
  const databaseUrl = await ensurePostgres(process.env.DATABASE_URL, log);
  const redisUrl = await ensureRedis(process.env.REDIS_URL, log);
  if (await ensureDatabase(databaseUrl)) log(`created database ${redactUrl(databaseUrl)}`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await migrate(pool, { log });
    const seeded = await seed(pool, { size: 'demo' });
    log(
      seeded.status === 'seeded'
        ? `seeded the demo store: ${seeded.counts.product} products, ${seeded.counts.variant} variants`
        : 'demo data already present',
    );
  } finally {
    await pool.end();
  }
  return { databaseUrl, redisUrl };
}

let urls: { databaseUrl: string; redisUrl: string };
try {
  urls = await prepare();
} catch (error) {
  if (!(error instanceof ProvisionError)) throw error;
  process.stderr.write(`allure: ${error.message}\n`);
  process.exit(1);
}

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [fileURLToPath(new URL('../../dist/server.js', import.meta.url))], {
  stdio: 'inherit',
  // Its own process group: a terminal's Ctrl-C reaches only this process, which passes it on exactly once
  // (a second SIGINT would make the server skip draining).
  detached: true,
  env: {
    ...process.env,
    ...allocatorEnv,
    DATABASE_URL: urls.databaseUrl,
    REDIS_URL: urls.redisUrl,
    PORT: port,
  },
});
log(`starting the server on http://localhost:${port} (Ctrl-C stops it)`);

// The server shuts down gracefully on these; this process passes them on and exits with it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
