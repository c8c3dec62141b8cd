import { ensureDatabase } from '@allure/db/database-admin';
import { migrate } from '@allure/db/migrate';
import { seed } from '@allure/db/seed/seed';
import { ensurePostgres, ensureRedis } from '@allure/sync-server/ops/provision';
import pg from 'pg';

const log = (line: string) => process.stdout.write(`bench: ${line}\n`);

/**
 * The benchmarks' own database (`allure_bench` beside DATABASE_URL's), migrated and seeded with the large
 * catalog (50,000 variants) the first time; later runs reuse it.
 */
export async function benchDatabase(): Promise<{ databaseUrl: string; redisUrl: string }> {
  const server = await ensurePostgres(process.env.DATABASE_URL, log);
  const redisUrl = await ensureRedis(process.env.REDIS_URL, log);
  const url = new URL(server);
  url.pathname = '/allure_bench';
  const databaseUrl = url.toString();
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
  return { databaseUrl, redisUrl };
}
