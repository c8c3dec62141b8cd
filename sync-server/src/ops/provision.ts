import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { redactUrl } from '@allure/db/cli-config';
import { Redis } from 'ioredis';
import pg from 'pg';

// Finds or starts the PostgreSQL and Redis the system needs, for the start and test commands.
// An explicit DATABASE_URL / REDIS_URL is used as given and never replaced by a local server.

export const LOCAL_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/allure';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

export class ProvisionError extends Error {
  override name = 'ProvisionError';
}

export async function ensurePostgres(url: string | undefined, log: (line: string) => void): Promise<string> {
  const target = url ?? LOCAL_DATABASE_URL;
  if (await postgresAnswers(target)) return target;
  if (url !== undefined) {
    throw new ProvisionError(`PostgreSQL at DATABASE_URL (${redactUrl(url)}) does not answer.`);
  }
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  const version = versions.sort().at(-1);
  if (version === undefined || !commandExists('pg_ctlcluster')) {
    throw new ProvisionError(
      'No PostgreSQL answers at 127.0.0.1:5432 and none is installed here. Either set DATABASE_URL, or ' +
        'install one (Debian/Ubuntu: apt-get install -y postgresql; macOS: brew install postgresql@16 && ' +
        'brew services start postgresql@16).',
    );
  }
  log(`starting the local PostgreSQL ${version} cluster`);
  runQuietly('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  await waitFor(() => postgresAnswers(target), 'PostgreSQL', 30_000);
  return target;
}

export async function ensureRedis(url: string | undefined, log: (line: string) => void): Promise<string> {
  const target = url ?? LOCAL_REDIS_URL;
  if (await redisAnswers(target)) return target;
  if (url !== undefined) throw new ProvisionError(`Redis at REDIS_URL (${redactUrl(url)}) does not answer.`);
  if (!commandExists('redis-server')) {
    throw new ProvisionError(
      'No Redis answers at 127.0.0.1:6379 and redis-server is not installed. Either set REDIS_URL, or ' +
        'install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis).',
    );
  }
  log('starting a local redis-server on 127.0.0.1:6379');
  runQuietly('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    '6379',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  await waitFor(() => redisAnswers(target), 'Redis', 15_000);
  return target;
}

/** Checks the server, not the database: the database itself may not exist yet (migrate creates it). */
async function postgresAnswers(url: string): Promise<boolean> {
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(250);
  }
  throw new ProvisionError(`${what} was started but did not answer within ${timeoutMs / 1000} s.`);
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function runQuietly(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new ProvisionError(`${command} failed${stderr ? `: ${stderr}` : ''}`);
  }
}
