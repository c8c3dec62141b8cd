import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { buildTestApp } from './helper.js';

describe('health endpoints and metrics', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
    await app.ready();
    // The Redis connection is opened in the background; wait until it is up.
    await vi.waitFor(() => expect(app.redis.status).toBe('ready'), { timeout: 5_000 });
  });
  afterAll(() => app.close());

  it('/livez answers without touching dependencies', async () => {
    const response = await app.inject('/livez');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'alive' });
  });

  it('/readyz is 200 when the database, Redis and migrations are all fine', async () => {
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ready');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.redis.ok).toBe(true);
    expect(body.checks.migrations.ok).toBe(true);
  });

  it('/healthz gives pool, Redis and memory detail', async () => {
    const body = (await app.inject('/healthz')).json();
    expect(body.status).toBe('ready');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.databasePool).toEqual(
      expect.objectContaining({ total: expect.any(Number), waiting: expect.any(Number) }),
    );
    expect(body.redisStatus).toBe('ready');
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const kept = await app.inject({ url: '/livez', headers: { 'x-request-id': 'terminal-T01-abc123' } });
    expect(kept.headers['x-request-id']).toBe('terminal-T01-abc123');
    const replaced = await app.inject({ url: '/livez', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('/metrics exposes route latency histograms, pool gauges, Redis status and event-loop lag', async () => {
    await app.inject('/trpc/catalog.categories');
    const text = (await app.inject('/metrics')).body;
    expect(text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/trpc\/:path".*\}/);
    expect(text).toMatch(
      /trpc_procedure_duration_seconds_count\{procedure="catalog\.categories",type="query",outcome="ok"\} 1/,
    );
    expect(text).toMatch(/db_pool_connections\{state="in_use"\} \d+/);
    expect(text).toMatch(/db_pool_connections\{state="waiting"\} \d+/);
    expect(text).toMatch(/redis_up 1/);
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds \d/);
  });
});
