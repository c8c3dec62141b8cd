import pg from 'pg';
import { benchDatabase } from './lib/bench-database.js';
import { measureBaseline, startBenchServer } from './lib/bench-server.js';
import { load, warmUp } from './lib/load.js';
import { type LoadResult, printFigures, printTable } from './lib/report.js';

// The shop's catalog reads on the large seed (5,000 products, 50,000 variants), through the whole stack:
//   hit     the first page of the listing, served from the Redis read cache;
//   miss    listing pages the cache has never seen (a different price filter each time);
//   slug    product pages by slug, 2,000 products (cached after their first read);
//   search  searches the cache has never seen (two catalogue words, one of them misspelt);
// beside a bare Fastify route serving a body the size of a listing page, in the same run.

const PORT = 3121;
const BASELINE_PORT = 3122;

const log = (line: string) => process.stdout.write(`bench: ${line}\n`);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const trpcPath = (procedure: string, input: object) =>
  `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

/** A word as a hurried shopper types it: one letter dropped or doubled. */
function misspell(word: string): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(Math.random() * (word.length - 2));
  return Math.random() < 0.5
    ? word.slice(0, at) + word.slice(at + 1)
    : word.slice(0, at) + word[at] + word.slice(at);
}

export default async function catalogBench(): Promise<void> {
  const { databaseUrl, redisUrl } = await benchDatabase();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const slugs = (
    await pool.query<{ slug: string }>(
      `SELECT slug FROM product WHERE status = 'active' ORDER BY random() LIMIT 2000`,
    )
  ).rows.map((row) => row.slug);
  const words = [
    ...new Set(
      (await pool.query<{ name: string }>(`SELECT name FROM product WHERE status = 'active' LIMIT 3000`)).rows
        .flatMap((row) => row.name.toLowerCase().split(/[^\p{L}]+/u))
        .filter((word) => word.length >= 4),
    ),
  ];
  await pool.end();

  // A cache of this run's own (the helper's fresh key prefix): a hit is this run's, a miss never read.
  const server = await startBenchServer(PORT, { databaseUrl, redisUrl });
  const firstPage = `${server.url}${trpcPath('catalog.products.list', { limit: 24 })}`;
  let results: Record<'hit' | 'miss' | 'slug' | 'search', LoadResult>;
  let pageBytes: number;
  try {
    pageBytes = (await (await fetch(firstPage)).text()).length;
    log('warming up');
    await warmUp(firstPage);
    log('cache hits: the first listing page');
    const hit = await load({ url: firstPage });
    log('cache misses: listing pages never read before');
    const miss = await load({
      url: server.url,
      path: () =>
        trpcPath('catalog.products.list', { limit: 24, priceMin: Math.floor(Math.random() * 50_000) }),
    });
    log('product pages by slug');
    await load({
      url: server.url,
      path: () => trpcPath('catalog.products.bySlug', { slug: pick(slugs) }),
      durationSeconds: 3,
    });
    const slug = await load({
      url: server.url,
      path: () => trpcPath('catalog.products.bySlug', { slug: pick(slugs) }),
    });
    log('searches never made before');
    const search = await load({
      url: server.url,
      connections: 8,
      path: () =>
        trpcPath('catalog.products.search', { q: `${pick(words)} ${misspell(pick(words))}`, limit: 24 }),
    });
    results = { hit, miss, slug, search };
  } finally {
    await server.stop();
  }

  const bare = await measureBaseline(BASELINE_PORT, pageBytes);

  printTable(`catalog reads (listing page ${pageBytes} bytes), 32 connections (search 8), 8 s each`, {
    'bare Fastify route, same body': bare,
    'listing, cache hit': results.hit,
    'listing, cache miss': results.miss,
    'product by slug': results.slug,
    'search, uncached': results.search,
  });
  printFigures({
    bench: 'catalog',
    hit_rps: Math.round(results.hit.rps),
    hit_p99_ms: results.hit.p99Ms,
    miss_rps: Math.round(results.miss.rps),
    slug_rps: Math.round(results.slug.rps),
    search_p99_ms: results.search.p99Ms,
    baseline_rps: Math.round(bare.rps),
  });
}
