import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultMigrationsDir,
  MigrationError,
  migrate,
  pendingMigrations,
  readMigrations,
} from '../src/migrate.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const created: TestDatabase[] = [];
const tempDirs: string[] = [];

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('migrate', { migrated: false });
  created.push(db);
  return db;
}

/** A copy of the real migrations folder that a test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'allure-migrations-'));
  tempDirs.push(dir);
  await cp(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'migration.sql'), sql);
}

async function historyRows(pool: pg.Pool) {
  const result = await pool.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
    logs: string | null;
    applied_steps_count: number;
  }>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count
       FROM _prisma_migrations ORDER BY started_at`,
  );
  return result.rows;
}

afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('migrate', () => {
  it('applies every migration to an empty database and records it the way Prisma does', async () => {
    const db = await freshDatabase();
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(await pendingMigrations(db.pool)).toEqual(migrations.map((m) => m.name));

    const applied = await migrate(db.pool);

    expect(applied).toEqual(migrations.map((m) => m.name));
    expect(await pendingMigrations(db.pool)).toEqual([]);
    const rows = await historyRows(db.pool);
    expect(rows.map((row) => [row.migration_name, row.checksum, row.applied_steps_count])).toEqual(
      migrations.map((m) => [m.name, m.checksum, 1]),
    );
    expect(rows.every((row) => row.finished_at !== null && row.rolled_back_at === null)).toBe(true);
    // Prisma's column types, so `prisma migrate deploy` accepts the table.
    const columns = await db.pool.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, format_type(atttypid, atttypmod) AS data_type
         FROM information_schema.columns
         JOIN pg_attribute ON attrelid = '_prisma_migrations'::regclass AND attname = column_name
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.rows.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'id character varying(36)',
      'checksum character varying(64)',
      'finished_at timestamp with time zone',
      'migration_name character varying(255)',
      'logs text',
      'rolled_back_at timestamp with time zone',
      'started_at timestamp with time zone',
      'applied_steps_count integer',
    ]);
  });

  it('is idempotent: a second run applies nothing', async () => {
    const db = await freshDatabase();
    await migrate(db.pool);
    const messages: string[] = [];

    expect(await migrate(db.pool, { log: (message) => messages.push(message) })).toEqual([]);
    expect(messages.join('\n')).toMatch(/up to date/);
    expect(await historyRows(db.pool)).toHaveLength((await readMigrations()).length);
  });

  it('applies each migration once when two processes migrate at the same time', async () => {
    const db = await freshDatabase();
    const second = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const results = await Promise.all([migrate(db.pool), migrate(second)]);

      const names = (await readMigrations()).map((m) => m.name);
      expect(results.map((r) => r.length).sort()).toEqual([0, names.length]);
      expect((await historyRows(db.pool)).map((row) => row.migration_name)).toEqual(names);
    } finally {
      await second.end();
    }
  });

  it('refuses to run when an applied migration file was edited', async () => {
    const db = await freshDatabase();
    const dir = await copyOfMigrations();
    await migrate(db.pool, { migrationsDir: dir });
    const [first] = await readMigrations(dir);
    if (!first) throw new Error('no migration');
    await writeFile(join(dir, first.name, 'migration.sql'), `${first.sql}\n-- edited after the fact\n`);
    await addMigration(dir, '29990101000000_next', 'CREATE TABLE "next_table" ("id" INTEGER);');

    const attempt = migrate(db.pool, { migrationsDir: dir });

    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toMatchObject({ code: 'checksum_mismatch' });
    await expect(attempt).rejects.toThrow(first.name);
    const next = await db.pool.query(`SELECT to_regclass('next_table') AS found`);
    expect(next.rows[0]?.found).toBeNull();
  });

  it('refuses to run after an attempt that never finished (finished_at null)', async () => {
    const db = await freshDatabase();
    await migrate(db.pool);
    await db.pool.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)`, [
      '00000000-0000-4000-8000-000000000000',
      '0'.repeat(64),
      '29990101000000_interrupted',
    ]);

    await expect(migrate(db.pool)).rejects.toMatchObject({
      code: 'failed_migration',
      message: expect.stringContaining('29990101000000_interrupted'),
    });
  });

  it('rolls a failing migration back entirely, records it as rolled back and lets a fixed file run', async () => {
    const db = await freshDatabase();
    const dir = await copyOfMigrations();
    const broken = '29990101000000_broken';
    await addMigration(dir, broken, 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT 1 / 0;');

    await expect(migrate(db.pool, { migrationsDir: dir })).rejects.toMatchObject({
      code: 'migration_failed',
    });

    const table = await db.pool.query(`SELECT to_regclass('half_done') AS found`);
    expect(table.rows[0]?.found).toBeNull();
    const failed = (await historyRows(db.pool)).find((row) => row.migration_name === broken);
    expect(failed).toMatchObject({ finished_at: null, logs: expect.stringContaining('division by zero') });
    expect(failed?.rolled_back_at).toBeInstanceOf(Date);
    expect(await pendingMigrations(db.pool, { migrationsDir: dir })).toEqual([broken]);

    await addMigration(dir, broken, 'CREATE TABLE "half_done" ("id" INTEGER);');
    expect(await migrate(db.pool, { migrationsDir: dir })).toEqual([broken]);
    expect(await pendingMigrations(db.pool, { migrationsDir: dir })).toEqual([]);
  });
});
