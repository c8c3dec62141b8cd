import { redactUrl } from '@allure/db/cli-config';
import { ensurePostgres, ensureRedis, ProvisionError } from './provision.js';

// `pnpm --filter @allure/sync-server provision`: makes sure PostgreSQL and Redis answer (the test command
// runs it first; each test run then creates a database of its own).
const log = (line: string) => process.stdout.write(`provision: ${line}\n`);
try {
  const databaseUrl = await ensurePostgres(process.env.DATABASE_URL, log);
  const redisUrl = await ensureRedis(process.env.REDIS_URL, log);
  log(`PostgreSQL ${redactUrl(databaseUrl)} and Redis ${redactUrl(redisUrl)} answer`);
} catch (error) {
  if (!(error instanceof ProvisionError)) throw error;
  process.stderr.write(`provision: ${error.message}\n`);
  process.exit(1);
}
