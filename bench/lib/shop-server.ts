import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '@allure/db/database-admin';
import { ensurePostgres, ensureRedis } from '@allure/sync-server/ops/provision';

// The start command (sync-server/src/ops/up.ts) as a user runs it, on a database of its own: it migrates,
// seeds the demo store, then runs the API and the web shop as two children, each in a process group of
// its own. Stopping it stops both; whatever is left (the start command killed first) is killed by pid.
// The servers' Redis keys (cache, queues, limits) have a prefix of the run's, deleted at the end.

/** ioredis is the sync server's dependency, not the bench's: loaded from there. */
interface RedisClient {
  scanStream(options: { match: string; count: number }): AsyncIterable<string[]>;
  del(...keys: string[]): Promise<number>;
  quit(): Promise<unknown>;
}
const { Redis } = createRequire(new URL('../../sync-server/package.json', import.meta.url))('ioredis') as {
  Redis: new (url: string) => RedisClient;
};

const syncServerDir = fileURLToPath(new URL('../../sync-server/', import.meta.url));
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

export interface ShopServer {
  /** The API, as the shop's pages reach it (`API_PUBLIC_URL`). */
  apiUrl: string;
  shopUrl: string;
  databaseUrl: string;
  /** Stops both servers, drops the database, deletes the Redis keys, removes the media folder. */
  stop(): Promise<void>;
}

/** `env` adds settings (rate limits, …) that the start command passes on to both servers. */
export async function startShopServer(name: string, env: Record<string, string> = {}): Promise<ShopServer> {
  const server = await ensurePostgres(process.env.DATABASE_URL, () => {});
  const databaseUrl = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  await dropDatabase(databaseUrl);
  const redisUrl = await ensureRedis(process.env.REDIS_URL, () => {});
  const redisKeyPrefix = `bench-shop-${Date.now().toString(36)}:`;
  const mediaDir = await mkdtemp(join(tmpdir(), 'allure-bench-shop-media-'));
  // The API serves images/ from its start; created now, it need not warn that the folder is missing.
  await mkdir(join(mediaDir, 'images'));
  const [port, shopPort] = [await freePort(), await freePort()];
  const { DATABASE_URL: _database, REDIS_URL: _redis, PORT: _port, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@allure/source', 'src/ops/up.ts'], {
    cwd: syncServerDir,
    env: {
      ...inherited,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
      SHOP_PORT: String(shopPort),
      HOST: '127.0.0.1',
      SHOP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_KEY_PREFIX: redisKeyPrefix,
      MEDIA_DIR: mediaDir,
      UPLOAD_TMP_DIR: join(mediaDir, 'uploads'),
      // Both on 127.0.0.1, as the bench reaches them (the start command's default, localhost, makes
      // Chromium try ::1 first, where nothing listens).
      API_PUBLIC_URL: `http://127.0.0.1:${port}`,
      PUBLIC_URL: `http://127.0.0.1:${shopPort}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');

  const cleanUp = async () => {
    await stopStartCommand(child, exited);
    await dropDatabase(databaseUrl);
    await deleteKeys(redisUrl, redisKeyPrefix);
    await rm(mediaDir, { recursive: true, force: true });
  };
  const apiUrl = `http://127.0.0.1:${port}`;
  const shopUrl = `http://127.0.0.1:${shopPort}`;
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the start command exited before it was ready:\n${output}`);
      const ready = await Promise.all(
        [apiUrl, shopUrl].map(
          async (url) => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200,
        ),
      );
      if (ready.every(Boolean)) break;
      if (Date.now() > deadline) throw new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
      await sleep(250);
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { apiUrl, shopUrl, databaseUrl, stop: cleanUp };
}

/**
 * SIGTERM to the start command, which passes it to both servers and exits once they have. Its children
 * are read first: should it not exit in time, or have died alone, they are killed by pid.
 */
async function stopStartCommand(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const servers = childrenOf(child.pid);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = sleep(STOP_TIMEOUT_MS).then(() => 'late' as const);
    if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
  }
  for (const pid of servers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
  }
  await Promise.all(servers.map(gone));
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }))
      if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

function childrenOf(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function gone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
