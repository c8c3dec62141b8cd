import pg from 'pg';
import { loadCliConfig, redactUrl } from './cli-config.js';
import { databaseName, ensureDatabase } from './database-admin.js';
import { MigrationError, migrate } from './migrate.js';

// `pnpm --filter @allure/db migrate`: creates the database if needed, then applies pending migrations.

const { databaseUrl } = loadCliConfig(process.env);

async function main(): Promise<void> {
  console.log(`Migrating ${redactUrl(databaseUrl)}`);
  if (await ensureDatabase(databaseUrl)) console.log(`Created database ${databaseName(databaseUrl)}.`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: 'allure-migrate' });
  try {
    await migrate(pool, { log: (message) => console.log(message) });
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  if (error instanceof MigrationError) {
    console.error(`Migration refused or failed (${error.code}): ${error.message}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Migration failed: ${message}`);
  }
  process.exitCode = 1;
});
