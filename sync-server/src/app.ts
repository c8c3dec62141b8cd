import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import {
  type FastifyTRPCPluginOptions,
  fastifyRequestHandler,
  fastifyTRPCPlugin,
} from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import { catalogCacheKinds } from './catalog/catalog.service.js';
import { productListingRoute } from './catalog/product-listing.route.js';
import { availabilityMaxAgeSeconds } from './catalog/variant-availability.service.js';
import type { Config } from './config.js';
import { imageUploadRoutes } from './media/image-upload.route.js';
import { orderExportRoutes } from './orders/order-export.route.js';
import { authPlugin } from './plugins/auth.plugin.js';
import { cachePlugin } from './plugins/cache.plugin.js';
import { dbPlugin } from './plugins/db.plugin.js';
import { healthPlugin } from './plugins/health.plugin.js';
import { httpCachePlugin } from './plugins/http-cache.plugin.js';
import { mediaPlugin } from './plugins/media.plugin.js';
import { metricsPlugin } from './plugins/metrics.plugin.js';
import { pubsubPlugin } from './plugins/pubsub.plugin.js';
import { queuePlugin } from './plugins/queue.plugin.js';
import { queueBoardPlugin } from './plugins/queue-board.plugin.js';
import { redisPlugin } from './plugins/redis.plugin.js';
import { securityPlugin } from './plugins/security.plugin.js';
import { type AppRouter, appRouter } from './trpc/app.router.js';
import { createContext } from './trpc/context.js';
import { version } from './version.js';

const REQUEST_ID = /^[\w-]{8,64}$/;

/** Trust the `hops` proxies nearest to us, as Fastify does for a number (its types only take a function). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** Builds the whole server without listening, so tests can `inject` or listen on a port of their own. */
export async function buildApp(config: Config, logger: FastifyServerOptions['logger'] = true) {
  const app = Fastify({
    logger:
      logger === true
        ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] }
        : logger,
    // A caller's X-Request-Id is kept (so logs join up across services) only when it looks like one.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    handlerTimeout: config.http.requestTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.requestTimeoutMs * 2,
    keepAliveTimeout: 72_000,
    bodyLimit: config.http.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // tRPC batches put several procedure names in one path segment.
    routerOptions: { maxParamLength: 2_000 },
    // Explicit (config.ts): off, a hop count or the proxies' addresses; request.ip follows it.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
  });

  // Node closes only the connections idle at the moment shutdown starts; one whose request is still in
  // flight would otherwise be kept alive after answering and hold the shutdown until its keep-alive expires.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  // Errors that escape a route (a hook, a plugin, the tRPC adapter itself) would otherwise reach Fastify's
  // default handler, which echoes their message even for a 5xx. A 5xx says only that it failed; the request
  // id (x-request-id) finds the log line. 4xx errors (body too large, bad content type) keep their message.
  app.setErrorHandler((thrown, request, reply) => {
    const error: Partial<FastifyError> = typeof thrown === 'object' && thrown !== null ? thrown : {};
    const given = error.statusCode ?? 500;
    const status = given >= 400 && given < 600 ? given : 500;
    const name = STATUS_CODES[status] ?? 'Error';
    if (status >= 500) {
      request.log.error({ err: thrown }, 'request failed');
      return reply.code(status).send({ statusCode: status, error: name, message: name });
    }
    return reply
      .code(status)
      .send({ statusCode: status, code: error.code, error: name, message: error.message ?? name });
  });

  await app.register(dbPlugin, { database: config.database });
  await app.register(redisPlugin, { redis: config.redis });
  await app.register(pubsubPlugin, { redis: config.redis });
  await app.register(securityPlugin, { corsOrigins: config.corsOrigins });
  await app.register(authPlugin, { config });
  await app.register(metricsPlugin, { exposeEndpoint: config.metricsEndpoint, token: config.metricsToken });
  await app.register(cachePlugin, { redis: config.redis });
  await app.register(mediaPlugin, { media: config.media, serve: true });
  await app.register(queuePlugin, { config, runWorkers: config.workers.inline });
  await app.register(queueBoardPlugin);
  await app.register(healthPlugin, { version });
  const seconds = (kind: { freshMs: number }) => kind.freshMs / 1000;
  await app.register(httpCachePlugin, {
    maxAgeSeconds: {
      'catalog.categories': seconds(catalogCacheKinds.categories),
      'catalog.products.list': seconds(catalogCacheKinds.productPage),
      'catalog.products.bySlug': seconds(catalogCacheKinds.productDetail),
      'catalog.products.search': seconds(catalogCacheKinds.productSearch),
      'catalog.products.suggest': seconds(catalogCacheKinds.productSuggest),
      // Not in the read cache (stock moves invalidate nothing), but the same for everyone: see its service.
      'catalog.products.availability': availabilityMaxAgeSeconds,
    },
  });
  const trpcOptions = {
    router: appRouter,
    createContext,
    onError({ error, path, req }) {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        req.log.error({ err: error, procedure: path }, 'tRPC error');
    },
  } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
  // A terminal's live stream is meant to stay open: it ends by itself when its access token expires, so
  // it gets that long (and a minute) instead of the handler timeout, and no idle-socket timeout (its
  // pings would find a dead peer). Same URL as the other procedures; a static route wins.
  app.get(
    '/trpc/sync.stream',
    { handlerTimeout: config.auth.accessTokenTtlS * 1000 + 60_000 },
    (req, reply) => {
      // Injected requests (tests) have a mock socket without timeouts.
      if (typeof req.socket.setTimeout === 'function') req.socket.setTimeout(0);
      return fastifyRequestHandler({ ...trpcOptions, req, res: reply, path: 'sync.stream' });
    },
  );

  app.get(
    '/trpc/catalog.products.list',
    productListingRoute(app, seconds(catalogCacheKinds.productPage), (req, reply) =>
      fastifyRequestHandler({ ...trpcOptions, req, res: reply, path: 'catalog.products.list' }),
    ),
  );

  await app.register(orderExportRoutes);
  await app.register(imageUploadRoutes, { media: config.media });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
