import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { type CacheKind, type CacheOutcome, ReadCache } from '../src/cache/read-cache.js';
import { createRedis } from '../src/plugins/redis.plugin.js';
import { call, dataOf, sessionFor } from './auth-helper.js';
import { buildTestApp, testConfig } from './helper.js';

// The read cache against real Redis and PostgreSQL: stampedes, stale-while-revalidate, invalidation by
// tag, races with writes, and Redis going away.

let app: App;
const connections: ReturnType<typeof createRedis>[] = [];

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  for (const redis of connections) redis.disconnect();
  await app?.close();
});

/** A cache of its own (own key prefix), recording what it did. */
async function freshCache(prefix = `test:cache-${randomUUID().slice(0, 8)}:`, url?: string) {
  const config = testConfig({ REDIS_KEY_PREFIX: prefix });
  const redis = createRedis({ ...config.redis, url: url ?? config.redis.url }, 'cache-test');
  redis.on('error', () => {});
  connections.push(redis);
  await redis.connect().catch(() => {});
  const outcomes: CacheOutcome[] = [];
  const cache = new ReadCache(
    redis,
    { outcome: (_kind, outcome) => outcomes.push(outcome), load: () => {} },
    app.log,
  );
  return { cache, outcomes, prefix };
}

const kind: CacheKind = { name: 'test', freshMs: 60_000, staleMs: 120_000 };

describe('ReadCache', () => {
  it('answers 500 concurrent misses of one key with one database query', async () => {
    const { cache } = await freshCache();
    let loads = 0;
    const load = async () => {
      loads += 1;
      const { rows } = await app.db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM product, pg_sleep(0.05)',
      );
      return { value: rows[0]?.n, tags: ['product:all'] };
    };
    const answers = await Promise.all(Array.from({ length: 500 }, () => cache.read(kind, 'count', load)));
    expect(loads).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('keeps a hot entry in the process for a second, and forgets it there when invalidated', async () => {
    const { cache } = await freshCache();
    const redis = connections.at(-1);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { value: loads, tags: ['product:hot'] };
    };
    expect(await cache.read(kind, 'hot', load)).toBe(1);
    // The second read finds it in Redis and keeps it here; with Redis's copy gone, it is still served.
    expect(await cache.read(kind, 'hot', load)).toBe(1);
    await redis?.del('cache:test:hot');
    expect(await cache.read(kind, 'hot', load)).toBe(1);
    expect(loads).toBe(1);
    // An invalidation here forgets the local copy at once.
    await cache.invalidate(['product:hot']);
    expect(await cache.read(kind, 'hot', load)).toBe(2);
  });

  it('lets one instance load while the other waits for its result', async () => {
    const prefix = `test:cache-${randomUUID().slice(0, 8)}:`;
    const [a, b] = [await freshCache(prefix), await freshCache(prefix)];
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { value: 'page', tags: [] };
    };
    const answers = await Promise.all([
      a.cache.read(kind, 'shared', load),
      b.cache.read(kind, 'shared', load),
    ]);
    expect(answers).toEqual(['page', 'page']);
    expect(loads).toBe(1);
  });

  it('serves a stale entry at once while one refresh replaces it', async () => {
    const { cache, outcomes } = await freshCache();
    const short: CacheKind = { name: 'short', freshMs: 30, staleMs: 60_000 };
    let version = 1;
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { value: version, tags: [] };
    };
    expect(await cache.read(short, 'v', load)).toBe(1);
    version = 2;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const stale = await Promise.all(Array.from({ length: 20 }, () => cache.read(short, 'v', load)));
    expect(stale.every((value) => value === 1)).toBe(true);
    await vi.waitFor(async () => expect(await cache.read(short, 'v', load)).toBe(2));
    expect(loads).toBe(2);
    expect(outcomes.slice(0, 2)).toEqual(['miss', 'stale']);
  });

  it('does not store a load that raced an invalidation', async () => {
    const { cache, outcomes } = await freshCache();
    const load = async () => {
      // A write lands (and invalidates) while this read is still loading the old state.
      await cache.invalidate(['product:raced']);
      return { value: 'old', tags: ['product:raced'] };
    };
    expect(await cache.read(kind, 'raced', load)).toBe('old');
    await cache.read(kind, 'raced', async () => ({ value: 'new', tags: ['product:raced'] }));
    expect(outcomes).toEqual(['miss', 'miss']);
  });

  it('reads through to the loader while Redis is unreachable, and keeps the invalidation for later', async () => {
    const { cache, outcomes } = await freshCache(undefined, 'redis://127.0.0.1:1');
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { value: 'from the database', tags: ['product:x'] };
    };
    expect(await cache.read(kind, 'down', load)).toBe('from the database');
    expect(outcomes).toEqual(['bypass']);
    await expect(cache.invalidate(['product:x'])).resolves.toBeUndefined();
    expect(loads).toBe(1);
  });
});

describe('catalog reads through the cache', () => {
  async function loadsOf(kindName: string): Promise<number> {
    const metric = await app.metrics.registry.getSingleMetric('cache_load_duration_seconds')?.get();
    return (
      metric?.values.find(
        (value) =>
          (value as { metricName?: string }).metricName?.endsWith('_count') && value.labels.kind === kindName,
      )?.value ?? 0
    );
  }

  it('invalidates what shows the changed product and nothing else', async () => {
    const products = await app.db.prisma.product.findMany({
      where: { status: 'active' },
      select: {
        id: true,
        slug: true,
        categoryId: true,
        variants: { select: { id: true, price: true }, take: 1 },
      },
      orderBy: { name: 'asc' },
      take: 2,
    });
    const [changed, untouched] = products;
    if (!changed || !untouched) throw new Error('fixtures');
    const read = (path: string, input: unknown) => call(app, path, input);
    const firstPage = { limit: 2 };
    const reads = async () => [
      await read('catalog.products.bySlug', { slug: changed.slug }),
      await read('catalog.products.bySlug', { slug: untouched.slug }),
      await read('catalog.products.list', firstPage),
    ];
    await reads();
    const [detailLoads, pageLoads] = [await loadsOf('product-detail'), await loadsOf('product-page')];
    await reads();
    expect([await loadsOf('product-detail'), await loadsOf('product-page')]).toEqual([
      detailLoads,
      pageLoads,
    ]);

    const { accessToken } = await sessionFor(app, 'manager@allure.test');
    const variant = changed.variants[0];
    if (!variant) throw new Error('no variant');
    dataOf(
      await call(
        app,
        'catalog.variants.setPrice',
        { id: variant.id, price: variant.price + 500 },
        {
          token: accessToken,
          type: 'mutation',
        },
      ),
    );

    const [changedDetail] = await reads();
    // The changed product's page and the listing page showing it were loaded again; the other product's
    // page was not.
    expect(await loadsOf('product-detail')).toBe(detailLoads + 1);
    expect(await loadsOf('product-page')).toBe(pageLoads + 1);
    if (!changedDetail) throw new Error('no answer');
    const detail = dataOf<{ variants: { id: string; price: number }[] }>(changedDetail);
    expect(detail.variants.find((item) => item.id === variant.id)?.price).toBe(variant.price + 500);
  });
});

describe('HTTP caching of public reads', () => {
  it('serves the listing beside tRPC with the same answer as tRPC gives (batched or signed in)', async () => {
    const input = { limit: 5, sort: 'price-asc' };
    const plain = await app.inject({
      method: 'GET',
      url: `/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify(input))}`,
    });
    const batched = await app.inject({
      method: 'GET',
      url: `/trpc/catalog.products.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`,
    });
    expect(plain.statusCode).toBe(200);
    expect(batched.json()).toEqual([plain.json()]);
    const { accessToken } = await sessionFor(app, 'client@allure.test');
    const signedIn = await app.inject({
      method: 'GET',
      url: `/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify(input))}`,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(signedIn.json()).toEqual(plain.json());
    // The cached page object is serialised once: the same ETag again, and the same bytes.
    const again = await app.inject({
      method: 'GET',
      url: `/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify(input))}`,
    });
    expect(again.headers.etag).toBe(plain.headers.etag);
    expect(again.body).toBe(plain.body);
  });

  it('answers with an ETag and Cache-Control, and 304 to a matching If-None-Match', async () => {
    const url = `/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ limit: 3 }))}`;
    const first = await app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/application\/json/);
    expect(first.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=300');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    expect(first.json()).toMatchObject({ result: { data: { items: expect.any(Array) } } });

    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    // Private and mutating procedures get neither header.
    const { accessToken } = await sessionFor(app, 'manager@allure.test');
    const me = await app.inject({
      method: 'GET',
      url: '/trpc/auth.me',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.headers.etag).toBeUndefined();
    expect(me.headers['cache-control']).toBeUndefined();
  });
});
