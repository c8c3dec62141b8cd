import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

// Time to first byte of a page, from Node: sequential requests on one kept-alive connection (fetch's
// default agent), each timed from sending to its response headers, the body then read to its end.

export interface TtfbRun {
  samplesMs: number[];
  /** The last answer's Content-Encoding and decoded size. */
  encoding: string;
  bytes: number;
}

export async function measureTtfb(url: string, warmUp: number, count: number): Promise<TtfbRun> {
  const headers = { 'accept-encoding': 'br', 'accept-language': 'fr' };
  let encoding = '';
  let bytes = 0;
  const samplesMs: number[] = [];
  for (let index = 0; index < warmUp + count; index += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const ms = performance.now() - started;
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (index >= warmUp) samplesMs.push(ms);
    encoding = response.headers.get('content-encoding') ?? 'identity';
    bytes = body.byteLength;
  }
  return { samplesMs, encoding, bytes };
}

/**
 * The developers' guide's baseline: a bare Fastify route in this process answering a fixed HTML page of
 * `bytes` (no compression, no rendering, no data), on a port of its own.
 */
export async function startBaselinePage(bytes: number): Promise<{ url: string; close(): Promise<void> }> {
  const head =
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Baseline</title></head><body>';
  const tail = '</body></html>';
  const row = '<p class="row">Robe en wax, coton imprime, taille unique.</p>\n';
  const html =
    head + row.repeat(Math.ceil(bytes / row.length)).slice(0, bytes - head.length - tail.length) + tail;
  const app = Fastify({ logger: false });
  app.get('/page', async (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/page`, close: () => app.close() };
}
