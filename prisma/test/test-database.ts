import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, ensureDatabase } from '../src/database-admin.js';
import { migrate } from '../src/migrate.js';

/** The server tests create their databases on (any database on it; each test gets its own). */
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A new, uniquely named, empty database (migrated unless `migrated: false`). */
export async function createTestDatabase(
  label: string,
  options: { migrated?: boolean; poolMax?: number } = {},
): Promise<TestDatabase> {
  const name = `allure_test_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const pool = new pg.Pool({ connectionString: url.toString(), max: options.poolMax ?? 4 });
  // DROP DATABASE … WITH (FORCE) may terminate a connection the pool is still closing; that is expected.
  pool.on('error', () => {});
  if (options.migrated ?? true) await migrate(pool);
  return {
    name,
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      await dropDatabase(url.toString());
    },
  };
}
