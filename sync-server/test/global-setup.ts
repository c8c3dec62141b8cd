import { randomUUID } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@allure/db/database-admin';
import { migrate } from '@allure/db/migrate';
import { seed } from '@allure/db/seed/seed';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensurePostgres, ensureRedis } from '../src/ops/provision.js';

// One database per test run, migrated and seeded with the demo store, dropped afterwards.
export default async function setup(project: TestProject) {
  const log = () => {};
  const server = await ensurePostgres(process.env.DATABASE_URL, log);
  const redisUrl = await ensureRedis(process.env.REDIS_URL, log);
  const url = new URL(server);
  url.pathname = `/allure_test_server_${randomUUID().slice(0, 8)}`;
  const databaseUrl = url.toString();

  await ensureDatabase(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await migrate(pool);
    await seed(pool, { size: 'demo' });
  } finally {
    await pool.end();
  }
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
  return () => dropDatabase(databaseUrl);
}
