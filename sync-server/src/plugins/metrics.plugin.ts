import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export interface Metrics {
  registry: Registry;
  procedureDuration: Histogram<'procedure' | 'type' | 'outcome'>;
}

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics. The registry is per app instance (not prom-client's global one), so tests and
 * benchmarks can build several apps in one process. Requires the db and redis plugins.
 */
export const metricsPlugin = fp(
  async (app, options: { exposeEndpoint: boolean; token?: string | undefined }) => {
    const registry = new Registry();
    // Includes nodejs_eventloop_lag_seconds and its p50/p90/p99 gauges, heap, GC and handle counts.
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

    const requestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route template, method and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    });
    const procedureDuration = new Histogram({
      name: 'trpc_procedure_duration_seconds',
      help: 'tRPC procedure latency by procedure path, type and outcome',
      labelNames: ['procedure', 'type', 'outcome'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    });
    const timeouts = new Counter({
      name: 'http_request_timeouts_total',
      help: 'Requests answered 503 because they exceeded REQUEST_TIMEOUT_MS',
      registers: [registry],
    });
    const { pool } = app.db;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state (in_use, idle) and queries waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'redis_up',
      help: '1 when the Redis connection is ready, 0 otherwise',
      registers: [registry],
      collect() {
        this.set(app.redis.status === 'ready' ? 1 : 0);
      },
    });

    app.decorate('metrics', { registry, procedureDuration });

    app.addHook('onResponse', async (request, reply) => {
      // The route template, never the raw URL, keeps label cardinality bounded.
      const route = request.routeOptions.url ?? 'unmatched';
      requestDuration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    app.addHook('onError', async (_request, _reply, error) => {
      if ((error as { code?: string }).code === 'FST_ERR_HANDLER_TIMEOUT') timeouts.inc();
    });

    if (options.exposeEndpoint) {
      const expected = options.token === undefined ? undefined : Buffer.from(`Bearer ${options.token}`);
      app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
        // Metrics name procedures and reveal load: scrapers present METRICS_TOKEN when one is configured.
        if (expected) {
          const given = Buffer.from(request.headers.authorization ?? '');
          if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
            return reply
              .code(401)
              .header('www-authenticate', 'Bearer')
              .send({ message: 'metrics token required' });
          }
        }
        reply.type(registry.contentType);
        return registry.metrics();
      });
    }
  },
  { name: 'metrics', dependencies: ['db', 'redis'] },
);
