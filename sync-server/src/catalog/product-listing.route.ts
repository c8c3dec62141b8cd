import { listProductsInput } from '@allure/shared/catalog.schema';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitSubject } from '../auth/principal.js';
import { etagOf, notModified, publicCacheControl } from '../plugins/http-cache.plugin.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { listProducts } from './product-listing.service.js';

/** The JSON body and ETag of each page object the read cache hands out, made once per object. */
const responses = new WeakMap<object, { body: string; etag: string }>();

function responseOf(page: object): { body: string; etag: string } {
  let response = responses.get(page);
  if (!response) {
    // tRPC's own wire format for a query result, so clients cannot tell which path answered.
    const body = JSON.stringify({ result: { data: page } });
    response = { body, etag: etagOf(body) };
    responses.set(page, response);
  }
  return response;
}

/**
 * `GET /trpc/catalog.products.list`, the shop's busiest read, answered beside tRPC: a valid anonymous
 * request is served from the read cache's page object with its JSON body and ETag made once per object,
 * rather than serialised and hashed on every request. Anything else (a batch, a signed-in caller, bad
 * input, an unknown category, a refused rate limit) goes to tRPC, which answers exactly as it does everywhere.
 */
export function productListingRoute(
  app: FastifyInstance,
  maxAgeSeconds: number,
  viaTrpc: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as { input?: unknown; batch?: unknown };
    const raw = query.input;
    // A batch (its input is keyed by position) and a signed-in caller are tRPC's to answer.
    const plain = query.batch === undefined && (raw === undefined || typeof raw === 'string');
    if (request.headers.authorization !== undefined || !plain) return viaTrpc(request, reply);
    let page: object;
    try {
      const input = listProductsInput.safeParse(raw === undefined ? {} : JSON.parse(raw));
      if (!input.success) return viaTrpc(request, reply);
      await enforceRateLimits(
        { auth: app.auth, log: request.log, reply },
        [[app.auth.apiLimit, rateLimitSubject(null, request.ip)]],
        'open',
      );
      page = await listProducts({ db: app.db, cache: app.cache }, input.data);
    } catch {
      return viaTrpc(request, reply);
    }
    const { body, etag } = responseOf(page);
    reply
      .header('etag', etag)
      .header('cache-control', publicCacheControl(maxAgeSeconds))
      .type('application/json');
    if (notModified(request.headers['if-none-match'], etag)) return reply.code(304).send('');
    return reply.send(body);
  };
}
