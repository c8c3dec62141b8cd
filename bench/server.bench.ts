import { fileURLToPath } from 'node:url';
import { benchDatabase } from './lib/bench-database.js';
import { load, warmUp } from './lib/load.js';
import { startProcess } from './lib/processes.js';
import { printFigures, printTable } from './lib/report.js';

// The server's fixed cost: a catalog page read through the whole stack (HTTP, tRPC, validation, Prisma,
// PostgreSQL; no cache yet) and /livez, beside a bare Fastify route serving a body of the same size.

const serverEntry = fileURLToPath(new URL('../sync-server/dist/server.js', import.meta.url));
const baselineEntry = fileURLToPath(new URL('./lib/baseline-server.ts', import.meta.url));

export default async function serverBench(): Promise<void> {
  const { databaseUrl, redisUrl } = await benchDatabase();
  const listPath = `/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ limit: 24 }))}`;

  const server = await startProcess(
    process.execPath,
    [serverEntry],
    { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: '3101', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    3101,
    '/readyz',
  );
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

  const baseline = await startProcess(
    process.execPath,
    ['--import', 'tsx', baselineEntry, '3102', String(listBytes)],
    {},
    3102,
    '/livez',
  );
  let bare: Awaited<ReturnType<typeof load>>;
  try {
    await warmUp(`${baseline.url}/baseline`);
    bare = await load({ url: `${baseline.url}/baseline` });
  } finally {
    await baseline.stop();
  }

  printTable(`catalog page of 24 products (${listBytes} bytes), 32 connections, 8 s each`, {
    'bare Fastify route, same body': bare,
    'sync-server /livez': livez,
    'catalog.products.list (no cache)': list,
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
