import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { redactUrl } from '@allure/db/cli-config';
import { ensureDatabase } from '@allure/db/database-admin';
import { migrate } from '@allure/db/migrate';
import { isDemoStoreName } from '@allure/db/seed/demo-stores';
import { seed } from '@allure/db/seed/seed';
import pg from 'pg';
import { allocatorEnv } from './allocator-env.js';
import { ensurePostgres, ensureRedis, ProvisionError } from './provision.js';

// The start command (`pnpm start` runs the build, then this): provision PostgreSQL and Redis, create and
// migrate the database, seed the demo store on first run, then run the built server in the foreground.

const log = (line: string) => process.stdout.write(`allure: ${line}\n`);

async function prepare(): Promise<{ databaseUrl: string; redisUrl: string }> {
  // The demo store seeded into an empty database: Dakar in CFA francs, or Paris in euros.
  const demoStore = process.env.DEMO_STORE ?? 'dakar';
  if (!isDemoStoreName(demoStore)) {
    throw new ProvisionError(`DEMO_STORE is "${demoStore}": it takes dakar (XOF) or paris (EUR)`);
  }
  const databaseUrl = await ensurePostgres(process.env.DATABASE_URL, log);
  const redisUrl = await ensureRedis(process.env.REDIS_URL, log);
  if (await ensureDatabase(databaseUrl)) log(`created database ${redactUrl(databaseUrl)}`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await migrate(pool, { log });
    const seeded = await seed(pool, { size: 'demo', store: demoStore });
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
const shopPort = process.env.SHOP_PORT ?? '5173';
const shopOrigins = [`http://localhost:${shopPort}`, `http://127.0.0.1:${shopPort}`];
const environment = {
  ...process.env,
  ...allocatorEnv,
  DATABASE_URL: urls.databaseUrl,
  REDIS_URL: urls.redisUrl,
  PORT: port,
  SHOP_PORT: shopPort,
  // The shop's pages call the API from the shop's origin.
  CORS_ORIGINS: process.env.CORS_ORIGINS ?? shopOrigins.join(','),
  API_PUBLIC_URL: process.env.API_PUBLIC_URL ?? `http://localhost:${port}`,
  PUBLIC_URL: process.env.PUBLIC_URL ?? shopOrigins[0],
};

/** A built program run in the foreground: its own process group, so a terminal's Ctrl-C reaches only us. */
function run(path: string) {
  return spawn(process.execPath, [path], { stdio: 'inherit', detached: true, env: environment });
}

// The web shop is a server of its own beside the API (web-shop/), started when it has been built.
const shopEntry = fileURLToPath(new URL('../../../web-shop/dist/node/server/main.js', import.meta.url));
const children = [run(fileURLToPath(new URL('../../dist/server.js', import.meta.url)))];
log(`starting the server on http://localhost:${port} (Ctrl-C stops it)`);
if (existsSync(shopEntry)) {
  children.push(run(shopEntry));
  log(`starting the web shop on http://localhost:${shopPort}`);
} else {
  log('the web shop is not built (pnpm --filter @allure/web-shop build): starting the API only');
}

// Each server shuts down gracefully on these, once: a second signal makes it skip draining. When one
// exits by itself, the other is asked to stop too; this process exits once both have, failing if either did.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill(signal);
  });
}
const outcomes = children.map(
  (child) =>
    new Promise<number>((resolve) => {
      child.on('exit', (code, signal) => {
        if (!stopping) {
          stopping = true;
          for (const other of children) if (other !== child) other.kill('SIGTERM');
        }
        resolve(code ?? (signal ? 1 : 0));
      });
    }),
);
void Promise.all(outcomes).then((codes) => process.exit(codes.find((code) => code !== 0) ?? 0));
