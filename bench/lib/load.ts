import autocannon from 'autocannon';
import type { LoadResult } from './report.js';

export interface LoadOptions {
  url: string;
  connections?: number;
  durationSeconds?: number;
  headers?: Record<string, string>;
  /** POSTs a fresh body per request (each checkout needs its own id) instead of GETting `url`. */
  post?: () => string;
  /** GETs a fresh path per request (another page, another slug) on `url`'s server. */
  path?: () => string;
}

/** Closed-loop HTTP load: `connections` clients each sending the next request as soon as one answers. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 32,
    duration: options.durationSeconds ?? 8,
    headers: options.headers ?? {},
    ...(options.path
      ? { requests: [{ setupRequest: (request) => ({ ...request, path: options.path?.() ?? '/' }) }] }
      : {}),
    ...(options.post
      ? {
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', ...options.headers },
          requests: [{ setupRequest: (request) => ({ ...request, body: options.post?.() ?? '' }) }],
        }
      : {}),
  });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** A short unrecorded run so JIT, pools and caches are warm before measuring. */
export async function warmUp(url: string): Promise<void> {
  await load({ url, connections: 8, durationSeconds: 2 });
}
