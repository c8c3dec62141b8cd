import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants } from 'node:zlib';
import { rateLimitSubject } from '@allure/sync-server/auth/principal';
import { TooManyRequestsError } from '@allure/sync-server/errors';
import { authPlugin } from '@allure/sync-server/plugins/auth.plugin';
import { cachePlugin } from '@allure/sync-server/plugins/cache.plugin';
import { dbPlugin } from '@allure/sync-server/plugins/db.plugin';
import { healthPlugin } from '@allure/sync-server/plugins/health.plugin';
import { etagOf, notModified, publicCacheControl } from '@allure/sync-server/plugins/http-cache.plugin';
import { metricsPlugin } from '@allure/sync-server/plugins/metrics.plugin';
import { redisPlugin } from '@allure/sync-server/plugins/redis.plugin';
import { enforceRateLimits } from '@allure/sync-server/rate-limit/enforce';
import { version } from '@allure/sync-server/version';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { ShopBoot } from '../src/app/boot.js';
import { loadPage, type PageData } from '../src/page-data.js';
import { pageHead } from '../src/page-head.js';
import { type Place, placeOf, preferredLocale } from '../src/routes.js';
import { mainImagePreload } from '../src/ui/product-images.js';
import { serviceCatalogReads } from './catalog-reads.js';
import { headHtml, type ImagePreload, pageHtml } from './page-html.js';
import type { ShopConfig } from './shop-config.js';
import { findShopStore } from './shop-store.js';

type Renderer = typeof import('../src/entry-server.js');

/** Hashed build files never change under their name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The product page's main photo, preloaded with the HTML: it is the page's largest paint. */
function lcpPreload(data: PageData, apiUrl: string): ImagePreload | null {
  const image = data.page === 'product' ? data.product.images[0] : undefined;
  return image ? mainImagePreload(apiUrl, image) : null;
}

/**
 * The shop's own server, beside the API: it renders each page's HTML from the catalog (through the API's
 * services and read cache, in this process), serves the client build precompressed, and leaves every
 * call a browser makes afterwards to the API.
 */
export async function buildShop(config: ShopConfig, logger: boolean | object = true) {
  const { api } = config;
  const app = Fastify({
    logger: logger === true ? { level: api.logLevel } : logger,
    trustProxy:
      typeof api.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (api.trustProxy as number)
        : api.trustProxy,
    requestTimeout: api.http.requestTimeoutMs,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  // The API's own plugins (fastify-plugin wrapped; register awaits them). Biome reads their types from the
  // built declarations, where they are plain async functions, hence the suppressions.
  // biome-ignore lint/nursery/noMisusedPromises: see above
  await app.register(dbPlugin, { database: { ...api.database, poolMax: Math.min(api.database.poolMax, 5) } });
  // biome-ignore lint/nursery/noMisusedPromises: see above
  await app.register(redisPlugin, { redis: api.redis });
  // biome-ignore lint/nursery/noMisusedPromises: see above
  await app.register(metricsPlugin, { exposeEndpoint: api.metricsEndpoint, token: api.metricsToken });
  // biome-ignore lint/nursery/noMisusedPromises: see above
  await app.register(authPlugin, { config: api });
  // biome-ignore lint/nursery/noMisusedPromises: see above
  await app.register(cachePlugin, { redis: api.redis });
  // biome-ignore lint/nursery/noMisusedPromises: see above
  await app.register(healthPlugin, { version });

  const store = await findShopStore(app.db, config.storeCode);
  const client = join(config.distDir, 'client');
  const template = await readFile(join(client, 'index.html'), 'utf8');
  const renderer = (await import(
    pathToFileURL(join(config.distDir, 'ssr', 'entry-server.js')).href
  )) as Renderer;
  const reads = serviceCatalogReads(app);
  const apiOrigin = new URL(config.apiPublicUrl).origin;

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', apiOrigin],
        connectSrc: ["'self'", apiOrigin],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // HTTPS is the deployment's to enforce (HSTS at the proxy); here it would break plain-http development.
        upgradeInsecureRequests: null,
      },
    },
    // The API's photos are another origin's, fetched without credentials.
    crossOriginEmbedderPolicy: false,
  });
  // Pages are compressed as they are rendered (quick Brotli); build files were compressed at build time.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(fastifyStatic, {
    root: client,
    preCompressed: true,
    wildcard: false,
    index: false,
    allowedPath: (path) => path !== '/index.html',
    setHeaders: (response, path) => {
      response.header(
        'cache-control',
        path.includes(`${join(client, 'assets')}`) ? IMMUTABLE : 'public, max-age=3600',
      );
    },
  });

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  async function page(request: FastifyRequest, reply: FastifyReply, place: Place) {
    try {
      await enforceRateLimits(
        { auth: app.auth, log: request.log, reply },
        [[app.auth.apiLimit, rateLimitSubject(null, request.ip)]],
        'open',
      );
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) throw error;
      return reply.code(429).headers(error.headers).type('text/plain; charset=utf-8').send(error.message);
    }
    const categories = await reads.categories();
    const data = await loadPage(place.route, categories, reads);
    const boot: ShopBoot = { apiUrl: config.apiPublicUrl, store, categories, place, data };
    const head = pageHead(place, data, boot);
    const html = pageHtml(template, {
      lang: place.locale,
      head: headHtml(head, origin(request), {
        apiUrl: config.apiPublicUrl,
        preload: lcpPreload(data, config.apiPublicUrl),
      }),
      app: renderer.renderApp(boot),
      boot,
    });
    const catalogPage =
      data.page === 'home' || data.page === 'category' || data.page === 'product' || data.page === 'search';
    const etag = etagOf(html);
    reply
      .code(data.page === 'not-found' ? 404 : 200)
      .type('text/html; charset=utf-8')
      .header('etag', etag)
      .header('vary', 'accept-encoding')
      .header('cache-control', catalogPage ? publicCacheControl(config.pageMaxAgeS) : 'no-cache');
    if (notModified(request.headers['if-none-match'], etag)) return reply.code(304).send('');
    return reply.send(html);
  }

  app.get('/*', async (request, reply) => {
    const url = new URL(request.url, 'http://shop');
    const place = placeOf(url.pathname, url.search);
    if (place) return page(request, reply, place);
    // No language in the address: the visitor's own, for this same page.
    const locale = preferredLocale(request.headers['accept-language']);
    const path = url.pathname === '/' ? '' : url.pathname;
    return reply.header('vary', 'accept-language').redirect(`/${locale}${path}${url.search}`, 302);
  });

  return app;
}
