import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helper.js';

describe('graceful shutdown', () => {
  it('finishes an in-flight request, with the database still open, before closing', async () => {
    const app = await buildTestApp();
    // A slow request that needs the database after shutdown has begun.
    app.get('/test/slow', async () => {
      await sleep(400);
      const { rows } = await app.db.pool.query<{ answer: number }>('SELECT 42 AS answer');
      return { answer: rows[0]?.answer };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const base = `http://127.0.0.1:${address.port}`;

    const inFlight = fetch(`${base}/test/slow`);
    await sleep(100);
    const closing = app.close();

    const response = await inFlight;
    // Answered during shutdown, so the connection is not kept alive to hold the shutdown up.
    expect(response.headers.get('connection')).toBe('close');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ answer: 42 });
    await closing;

    // Once closed, no new connection is accepted and the pool is gone.
    await expect(fetch(`${base}/livez`)).rejects.toThrow();
    expect(app.db.pool.ended).toBe(true);
  });

  it('answers 503 to a request that outlives REQUEST_TIMEOUT_MS instead of hanging', async () => {
    const app = await buildTestApp({ REQUEST_TIMEOUT_MS: '200' });
    app.get('/test/stuck', async (request) => {
      await sleep(2_000, undefined, { signal: request.signal }).catch(() => {});
      return { late: true };
    });
    const response = await app.inject('/test/stuck');
    expect(response.statusCode).toBe(503);
    await app.close();
  });
});
