import fp from 'fastify-plugin';
import { Counter, Histogram } from 'prom-client';
import { ReadCache } from '../cache/read-cache.js';
import type { Config } from '../config.js';
import { createRedis } from './redis.plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    cache: ReadCache;
  }
}

/**
 * The read cache on a Redis connection of its own (REDIS_CACHE_URL), so production can give the cache an
 * evicting Redis and keep rate limits, revocations and queues on a non-evicting one. Requires metrics.
 */
export const cachePlugin = fp(
  async (app, options: { redis: Config['redis'] }) => {
    const redis = createRedis({ ...options.redis, url: options.redis.cacheUrl }, 'allure-sync-cache');
    redis.on('error', () => {});
    await redis.connect().catch(() => {});
    const requests = new Counter({
      name: 'cache_requests_total',
      help: 'Cache reads by kind and outcome (hit, stale served while refreshing, miss, bypass when Redis is down)',
      labelNames: ['kind', 'outcome'] as const,
      registers: [app.metrics.registry],
    });
    const loads = new Histogram({
      name: 'cache_load_duration_seconds',
      help: 'Time to load what the cache did not have, by kind',
      labelNames: ['kind'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [app.metrics.registry],
    });
    const cache = new ReadCache(
      redis,
      {
        outcome: (kind, outcome) => requests.inc({ kind, outcome }),
        load: (kind, seconds) => loads.observe({ kind }, seconds),
      },
      app.log,
    );
    app.decorate('cache', cache);
    app.addHook('onClose', async () => {
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    });
  },
  { name: 'cache', dependencies: ['metrics'] },
);
