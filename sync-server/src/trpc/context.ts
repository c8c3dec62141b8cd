import type { Database } from '@allure/db/client';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
// The plugins' declarations of app.db, app.redis and app.metrics, for programs that reach this file
// through the router type alone (clients, end-to-end tests).
import type {} from '../plugins/db.plugin.js';
import type { Metrics } from '../plugins/metrics.plugin.js';
import type {} from '../plugins/redis.plugin.js';

/** What every procedure and service receives first. Built without HTTP in tests (createCaller). */
export interface Context {
  db: Database;
  redis: Redis;
  log: FastifyBaseLogger;
  requestId: string;
  /** Aborted when the request times out or the client goes away; pass it to long-running work. */
  signal: AbortSignal | undefined;
  /** Absent when procedures are called directly, without the HTTP app (tests). */
  metrics: Metrics | undefined;
}

export function createContext({ req }: CreateFastifyContextOptions): Context {
  const app = req.server;
  return {
    db: app.db,
    redis: app.redis,
    log: req.log,
    requestId: req.id,
    signal: req.signal,
    metrics: app.metrics,
  };
}
