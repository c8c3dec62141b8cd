import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}

/**
 * The server must start and stay up while Redis is down (readiness reports it) and recover by itself when it
 * returns. So: reconnect forever with capped backoff, fail commands fast instead of queueing them while
 * disconnected, and bound every command with a timeout.
 */
export function createRedis(options: Config['redis'], connectionName: string): Redis {
  return new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    connectionName,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: options.commandTimeoutMs,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2_000),
  });
}

export const redisPlugin = fp(
  async (app, options: { redis: Config['redis'] }) => {
    const redis = createRedis(options.redis, 'allure-sync-server');
    let lastError = '';
    redis.on('error', (error: Error) => {
      // One line per distinct failure, not one per reconnect attempt.
      if (error.message !== lastError) app.log.warn({ err: error }, 'redis connection error');
      lastError = error.message;
    });
    redis.on('ready', () => {
      if (lastError) app.log.info('redis connection restored');
      lastError = '';
    });
    // Give the first connection a moment, so the first requests find Redis ready (rate limits and
    // revocations need it), but never block start-up on it: the retry strategy keeps trying, and /readyz
    // reports Redis until it answers.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.redis.commandTimeoutMs);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
      redis.connect().catch(() => resolve());
    });
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    });
  },
  { name: 'redis' },
);
