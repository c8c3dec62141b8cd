import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/**
 * Applies the committed SQL migrations without Prisma's schema engine.
 *
 * Bookkeeping uses Prisma's own `_prisma_migrations` table and checksums, so `prisma migrate deploy`
 * (and `migrate status`) agree with what this migrator did wherever the engine is available.
 * Unlike Prisma, each migration runs in one transaction: a failure leaves nothing half-applied (so a
 * migration must not use statements that cannot run in a transaction, such as CREATE INDEX CONCURRENTLY).
 */

/** Resolved from this module so it works from src/ (tsx) and from dist/ (tsc): both sit beside migrations/. */
export const defaultMigrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

/** The key Prisma's schema engine locks, so this migrator and `prisma migrate deploy` also exclude each other. */
const MIGRATION_LOCK_KEY = 72_707_369;
const LOCK_POLL_MS = 250;

export interface MigrateOptions {
  /** Progress messages (one line each). */
  log?: (message: string) => void;
  /** Defaults to the package's migrations/ folder. */
  migrationsDir?: string;
  /** How long to wait for another process that is migrating the same database (default 10 minutes). */
  lockTimeoutMs?: number;
}

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma computes it. */
  checksum: string;
}

export type MigrationErrorCode =
  | 'checksum_mismatch'
  | 'failed_migration'
  | 'migration_failed'
  | 'lock_timeout';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Prisma's table, column for column (schema-engine's postgres flavour). */
const createMigrationsTableSql = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The migrations in the folder, oldest first (Prisma orders them by directory name). */
export async function readMigrations(migrationsDir = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const bytes = await readFile(join(migrationsDir, name, 'migration.sql')).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    });
    if (!bytes) continue;
    migrations.push({ name, sql: bytes.toString('utf8'), checksum: sha256Hex(bytes) });
  }
  return migrations;
}

/**
 * Names of the migrations in the folder that the database has not applied yet (all of them when the
 * database has never been migrated). Cheap and lock-free: meant for readiness probes.
 */
export async function pendingMigrations(
  pool: pg.Pool,
  options: Pick<MigrateOptions, 'migrationsDir'> = {},
): Promise<string[]> {
  const migrations = await readMigrations(options.migrationsDir);
  const applied = await readAppliedRows(pool);
  const done = new Set(applied.filter(isApplied).map((row) => row.migration_name));
  return migrations.filter((migration) => !done.has(migration.name)).map((migration) => migration.name);
}

/**
 * Applies every pending migration, each in its own transaction, under an advisory lock so that
 * processes starting together apply each migration once. Returns the names it applied (empty when
 * the database was up to date). Throws a MigrationError, applying nothing, when an applied migration's
 * file has changed or an earlier attempt was left unfinished.
 */
export async function migrate(pool: pg.Pool, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.migrationsDir);
  const client = await pool.connect();
  let locked = false;
  try {
    await acquireLock(client, options.lockTimeoutMs ?? 10 * 60_000);
    locked = true;
    await client.query(createMigrationsTableSql);
    const rows = await readAppliedRows(client);
    checkHistory(rows, migrations, log);

    const done = new Set(rows.filter(isApplied).map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      log(`Applying migration ${migration.name}`);
      await applyOne(client, migration);
      applied.push(migration.name);
    }
    log(
      applied.length === 0
        ? 'Database schema is up to date: no migration to apply.'
        : `Applied ${applied.length} migration(s).`,
    );
    return applied;
  } finally {
    if (locked) await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

function checkHistory(rows: AppliedRow[], migrations: MigrationFile[], log: (message: string) => void): void {
  const unfinished = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (unfinished) {
    throw new MigrationError(
      'failed_migration',
      `Migration ${unfinished.migration_name} was started but never finished (a failed or interrupted attempt ` +
        'recorded in _prisma_migrations). Repair the database by hand, then mark it with ' +
        `\`prisma migrate resolve --applied|--rolled-back ${unfinished.migration_name}\` or delete that row.`,
    );
  }
  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of rows.filter(isApplied)) {
    const file = files.get(row.migration_name);
    if (!file) {
      log(`Warning: migration ${row.migration_name} is applied but missing from the migrations folder.`);
      continue;
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        'checksum_mismatch',
        `Migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum} in the ` +
          `database, ${file.checksum} on disk). Restore the file; put changes in a new migration.`,
      );
    }
  }
}

async function applyOne(client: pg.PoolClient, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await client.query('BEGIN');
    // The pool's statement timeout is sized for requests, not for building indexes.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query(
      'INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name") VALUES ($1, $2, $3)',
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    // Recorded as rolled back (which Prisma ignores), so the failure is visible but does not block a retry.
    await client
      .query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "logs", "rolled_back_at")
         VALUES ($1, $2, $3, $4, now())`,
        [id, migration.checksum, migration.name, reason],
      )
      .catch(() => {});
    throw new MigrationError(
      'migration_failed',
      `Migration ${migration.name} failed and was rolled back: ${reason}`,
      { cause: error },
    );
  }
}

/** Polls a session-level advisory lock, so waiting is not cut short by the pool's statement timeout. */
async function acquireLock(client: pg.PoolClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      MIGRATION_LOCK_KEY,
    ]);
    if (result.rows[0]?.locked) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        'lock_timeout',
        `Another process has been migrating this database for more than ${Math.round(timeoutMs / 1000)} s.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

async function readAppliedRows(db: pg.Pool | pg.PoolClient): Promise<AppliedRow[]> {
  const exists = await db.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!exists.rows[0]?.present) return [];
  const result = await db.query<AppliedRow>(
    `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at"
       FROM "_prisma_migrations" ORDER BY "started_at"`,
  );
  return result.rows;
}

function isApplied(row: AppliedRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
