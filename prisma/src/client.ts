import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';

export { Prisma } from './generated/prisma/client.js';
export { PrismaClient };

export interface DatabaseOptions {
  url: string;
  /** Most connections this process holds; size it so instances × poolMax stays under max_connections. */
  poolMax: number;
  /** How long a query may wait for a free connection before it fails instead of queueing forever. */
  acquireTimeoutMs: number;
  /** Server-side cap on any one statement, so a slow query cannot hold a connection indefinitely. */
  statementTimeoutMs: number;
  idleTimeoutMs?: number;
  applicationName?: string;
}

export interface Database {
  prisma: PrismaClient;
  /** The pool behind Prisma, exposed for metrics (in use, waiting) and for raw SQL such as migrations. */
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    connectionTimeoutMillis: options.acquireTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    statement_timeout: options.statementTimeoutMs,
    application_name: options.applicationName ?? 'allure',
  });
  // An idle client losing its connection (database restart) must not crash the process;
  // the pool drops it and the next query opens a fresh one.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
