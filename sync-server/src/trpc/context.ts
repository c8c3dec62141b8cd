import type { Database } from '@allure/db/client';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { AccessTokenError, verifyAccessToken } from '../auth/access-token.js';
import type { AuthRuntime } from '../auth/auth-runtime.js';
import type { Principal } from '../auth/principal.js';
import type { ReadCache } from '../cache/read-cache.js';
import type { OrderEvents } from '../checkout/order-events.js';
import type { MediaStore } from '../media/media-store.js';
// The plugins' declarations of app.db, app.redis, app.auth and app.metrics, for programs that reach this
// file through the router type alone (clients, end-to-end tests).
import type {} from '../plugins/auth.plugin.js';
import type {} from '../plugins/cache.plugin.js';
import type {} from '../plugins/db.plugin.js';
import type {} from '../plugins/media.plugin.js';
import type { Metrics } from '../plugins/metrics.plugin.js';
import type {} from '../plugins/pubsub.plugin.js';
import type {} from '../plugins/queue.plugin.js';
import type {} from '../plugins/redis.plugin.js';
import type { Jobs } from '../queue/jobs.js';
import type { ChangeFeed } from '../sync/change-feed.js';

/** What every procedure and service receives first. Built without HTTP in tests (createCaller). */
export interface Context {
  db: Database;
  redis: Redis;
  auth: AuthRuntime;
  /** Announces committed changes to the live streams of every instance. */
  changeFeed: ChangeFeed;
  /** Public reads, cached in Redis with invalidation by tag. */
  cache: ReadCache;
  /** Puts background work on the queues. */
  jobs: Jobs;
  /** Where image files live (disk or S3). */
  media: MediaStore;
  /** Announces web order status changes to the shoppers' status streams of every instance. */
  orderEvents: OrderEvents;
  log: FastifyBaseLogger;
  requestId: string;
  /** Aborted when the request times out or the client goes away; pass it to long-running work. */
  signal: AbortSignal | undefined;
  /** Absent when procedures are called directly, without the HTTP app (tests). */
  metrics: Metrics | undefined;
  /** Who the access token proves the caller is; null when there is none or it proves nothing. */
  principal: Principal | null;
  /** Why a presented access token was not accepted, to tell the client (it may refresh and retry). */
  credentialProblem: string | null;
  /** The client address, as `TRUST_PROXY` allows it to be known. */
  ip: string;
  userAgent: string | null;
  cookies: Readonly<Record<string, string | undefined>>;
  /** For headers and cookies; absent outside HTTP. */
  reply: FastifyReply | undefined;
}

export interface Authentication {
  principal: Principal | null;
  credentialProblem: string | null;
}

/** Reads `Authorization: Bearer <access token>`: the signature, claims and then revocation. */
export async function authenticate(auth: AuthRuntime, header: string | undefined): Promise<Authentication> {
  if (header === undefined) return { principal: null, credentialProblem: null };
  const match = /^Bearer ([\w-]+\.[\w-]*\.[\w-]*)$/.exec(header);
  if (!match?.[1] || header.length > 4_096) {
    return { principal: null, credentialProblem: 'Authorization must be "Bearer <access token>"' };
  }
  try {
    const principal = await verifyAccessToken(match[1], auth.keys.accessToken);
    if (await auth.revocations.isRevoked(principal)) {
      return { principal: null, credentialProblem: 'session was signed out' };
    }
    return { principal, credentialProblem: null };
  } catch (error) {
    if (error instanceof AccessTokenError) return { principal: null, credentialProblem: error.message };
    throw error;
  }
}

export async function createContext({ req, res }: CreateFastifyContextOptions): Promise<Context> {
  const app = req.server;
  const { principal, credentialProblem } = await authenticate(app.auth, req.headers.authorization);
  return {
    db: app.db,
    redis: app.redis,
    auth: app.auth,
    changeFeed: app.changeFeed,
    cache: app.cache,
    jobs: app.jobs,
    media: app.media,
    orderEvents: app.orderEvents,
    log: req.log,
    requestId: req.id,
    signal: req.signal,
    metrics: app.metrics,
    principal,
    credentialProblem,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    cookies: req.cookies,
    reply: res,
  };
}
