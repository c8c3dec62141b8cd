import { fileURLToPath } from 'node:url';
import { allocatorEnv } from '@allure/sync-server/ops/allocator-env';
import { type LoadOptions, load, warmUp } from './load.js';
import { type RunningProcess, startProcess } from './processes.js';
import type { LoadResult } from './report.js';

const serverEntry = fileURLToPath(new URL('../../sync-server/dist/server.js', import.meta.url));
const baselineEntry = fileURLToPath(new URL('./baseline-server.ts', import.meta.url));

/**
 * The built sync server on `port`, as a benchmark runs it: the allocator settings of its start scripts, quiet
 * logs, the per-caller API quota out of the way (the limiter still runs), and Redis keys of its own so that
 * counters and cached reads of earlier runs do not count. `env` adds or overrides settings.
 */
export function startBenchServer(
  port: number,
  database: { databaseUrl: string; redisUrl: string },
  env: Record<string, string> = {},
): Promise<RunningProcess> {
  return startProcess(
    process.execPath,
    [serverEntry],
    {
      ...allocatorEnv,
      DATABASE_URL: database.databaseUrl,
      REDIS_URL: database.redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      REDIS_KEY_PREFIX: `bench-${Date.now().toString(36)}:`,
      ...env,
    },
    port,
    '/readyz',
  );
}

/** The same-run baseline: a bare Fastify route serving a JSON body of `bodyBytes`, under the same load. */
export async function measureBaseline(
  port: number,
  bodyBytes: number,
  options: Omit<LoadOptions, 'url'> = {},
): Promise<LoadResult> {
  const baseline = await startProcess(
    process.execPath,
    ['--import', 'tsx', baselineEntry, String(port), String(bodyBytes)],
    {},
    port,
    '/livez',
  );
  try {
    await warmUp(`${baseline.url}/baseline`);
    return await load({ ...options, url: `${baseline.url}/baseline` });
  } finally {
    await baseline.stop();
  }
}
