import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** A weak ETag of a response body. */
export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** `Cache-Control` of a public read fresh for `maxAge` seconds. */
export function publicCacheControl(maxAge: number): string {
  return `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 10}`;
}

/** Whether the client's If-None-Match names this ETag. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch?.split(/,\s*/).includes(etag) ?? false;
}

/**
 * HTTP caching of public reads: an ETag (a hash of the body) and `Cache-Control: public` with the read's
 * fresh time, so browsers and CDNs revalidate with `If-None-Match` and get a 304 without the body. Only
 * GETs whose every procedure (tRPC batches several in one URL) is listed in `maxAgeSeconds` qualify.
 */
export const httpCachePlugin = fp(
  async (app, options: { maxAgeSeconds: Readonly<Record<string, number>> }) => {
    function maxAgeOf(request: FastifyRequest): number | null {
      if (request.method !== 'GET' || request.routeOptions.url !== '/trpc/:path') return null;
      const paths = (request.params as { path: string }).path.split(',');
      const ages = paths.map((path) => options.maxAgeSeconds[path]);
      return ages.every((age) => age !== undefined) ? Math.min(...(ages as number[])) : null;
    }

    app.addHook('onSend', async (request, reply, payload) => {
      const maxAge = maxAgeOf(request);
      // tRPC answers with a fetch Response, which Fastify sends after this hook.
      if (maxAge === null || !(payload instanceof Response) || payload.status !== 200) return payload;
      const body = await payload.text();
      for (const [name, value] of payload.headers) reply.header(name, value);
      const etag = etagOf(body);
      reply.header('etag', etag);
      reply.header('cache-control', publicCacheControl(maxAge));
      if (notModified(request.headers['if-none-match'], etag)) {
        reply.code(304);
        return '';
      }
      return body;
    });
  },
  { name: 'http-cache' },
);
