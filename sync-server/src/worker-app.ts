import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import { authPlugin } from './plugins/auth.plugin.js';
import { cachePlugin } from './plugins/cache.plugin.js';
import { dbPlugin } from './plugins/db.plugin.js';
import { healthPlugin } from './plugins/health.plugin.js';
import { mediaPlugin } from './plugins/media.plugin.js';
import { metricsPlugin } from './plugins/metrics.plugin.js';
import { pubsubPlugin } from './plugins/pubsub.plugin.js';
import { queuePlugin } from './plugins/queue.plugin.js';
import { redisPlugin } from './plugins/redis.plugin.js';
import { version } from './version.js';

/**
 * A worker process: the job processors with the infrastructure they need, and no API. It still answers
 * /livez, /readyz and /metrics (on PORT), and the payment webhook route, so an orchestrator can probe it
 * and a provider may be pointed at it.
 */
export async function buildWorker(config: Config, logger: FastifyServerOptions['logger'] = true) {
  const app = Fastify({
    logger: logger === true ? { level: config.logLevel } : logger,
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  await app.register(dbPlugin, { database: config.database });
  await app.register(redisPlugin, { redis: config.redis });
  await app.register(pubsubPlugin, { redis: config.redis });
  await app.register(authPlugin, { config });
  await app.register(metricsPlugin, { exposeEndpoint: config.metricsEndpoint, token: config.metricsToken });
  await app.register(healthPlugin, { version });
  // Image renders forget the shop's cached pages of their product.
  await app.register(cachePlugin, { redis: config.redis });
  await app.register(mediaPlugin, { media: config.media, serve: false });
  await app.register(queuePlugin, { config, runWorkers: true });
  return app;
}
