import { benchDatabase } from './lib/bench-database.js';
import { measureBaseline, startBenchServer } from './lib/bench-server.js';
import { load, warmUp } from './lib/load.js';
import { printFigures, printTable } from './lib/report.js';

// The server's fixed cost: /livez and the first catalog page through the whole stack (HTTP, tRPC,
// validation, the read cache after the first read), beside a bare Fastify route serving a body of the same
// size. `pnpm bench catalog` measures the catalog reads in detail.

export default async function serverBench(): Promise<void> {
  const { databaseUrl, redisUrl } = await benchDatabase();
  const listPath = `/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ limit: 24 }))}`;

  const server = await startBenchServer(3101, { databaseUrl, redisUrl });
  let listBytes: number;
  let list: Awaited<ReturnType<typeof load>>;
  let livez: Awaited<ReturnType<typeof load>>;
  try {
    listBytes = (await (await fetch(`${server.url}${listPath}`)).text()).length;
    await warmUp(`${server.url}${listPath}`);
    list = await load({ url: `${server.url}${listPath}` });
    livez = await load({ url: `${server.url}/livez` });
  } finally {
    await server.stop();
  }

  const bare = await measureBaseline(3102, listBytes);

  printTable(`catalog page of 24 products (${listBytes} bytes), 32 connections, 8 s each`, {
    'bare Fastify route, same body': bare,
    'sync-server /livez': livez,
    'catalog.products.list (cached)': list,
  });
  printFigures({
    bench: 'server',
    baseline_rps: Math.round(bare.rps),
    baseline_p99_ms: bare.p99Ms,
    livez_rps: Math.round(livez.rps),
    list_rps: Math.round(list.rps),
    list_p50_ms: list.p50Ms,
    list_p99_ms: list.p99Ms,
    list_errors: list.errors + list.non2xx,
  });
}
