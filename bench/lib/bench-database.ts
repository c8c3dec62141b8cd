import { dropDatabase, ensureDatabase, maintenanceUrl, quoteIdentifier } from '@allure/db/database-admin';
import { migrate } from '@allure/db/migrate';
import { seed } from '@allure/db/seed/seed';
import { ensurePostgres, ensureRedis } from '@allure/sync-server/ops/provision';
import pg from 'pg';

const log = (line: string) => process.stdout.write(`bench: ${line}\n`);

export interface BenchDatabaseOptions {
  /** The database's name, beside DATABASE_URL's; `allure_bench` by default. */
  name?: string;
  /**
   * Start from the seed alone, for a bench whose writes (orders, stock movements, price changes) would
   * otherwise pile up from run to run and change what the next run measures. The seeded database is kept
   * as `<name>_template` and copied (a few seconds) instead of seeded again (half a minute).
   */
  fresh?: boolean;
}

/**
 * A benchmarks' database beside DATABASE_URL's, migrated and seeded with the large catalog (5,000 products ×
 * 10 variants = 50,000 variants) the first time; later runs reuse it, or a fresh copy of it.
 */
export async function benchDatabase(
  options: BenchDatabaseOptions = {},
): Promise<{ databaseUrl: string; redisUrl: string }> {
  const server = await ensurePostgres(process.env.DATABASE_URL, log);
  const redisUrl = await ensureRedis(process.env.REDIS_URL, log);
  const name = options.name ?? 'allure_bench';
  const databaseUrl = urlOf(server, name);
  if (options.fresh) {
    const template = `${name}_template`;
    await provision(urlOf(server, template));
    await dropDatabase(databaseUrl);
    await copyDatabase(server, template, name);
  } else {
    await provision(databaseUrl);
  }
  return { databaseUrl, redisUrl };
}

function urlOf(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

async function provision(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await migrate(pool, { log });
    const seeded = await seed(pool, { size: 'large' });
    if (seeded.status === 'seeded')
      log(`seeded ${seeded.counts.variant} variants in ${seeded.durationMs} ms`);
  } finally {
    await pool.end();
  }
}

/** A file-level copy; PostgreSQL needs the template to have no other connection meanwhile. */
async function copyDatabase(server: string, template: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl(server) });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`);
  } finally {
    await client.end();
  }
}
