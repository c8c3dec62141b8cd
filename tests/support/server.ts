import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dropDatabase } from '@allure/db/database-admin';
import type { AppRouter } from '@allure/sync-server/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import { cleanEnv, freePort, type Started, start, syncServerDir } from './processes.js';

/** A database of its own for one test file, created (migrated, seeded) by the start command. */
export function freshDatabaseUrl(): string {
  const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/allure';
  return Object.assign(new URL(base), { pathname: `/allure_e2e_${randomUUID().slice(0, 8)}` }).toString();
}

export interface ServerProcess {
  baseUrl: string;
  /** The web shop the start command runs beside the API. */
  shopUrl: string;
  process: Started;
  /** SIGKILL: no shutdown hooks, in-flight transactions are cut. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The start command (`up`), as a user runs it, on `port`; resolves when /readyz answers 200. */
export async function startServer(
  databaseUrl: string,
  port?: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const chosen = port ?? (await freePort());
  const shopPort = await freePort();
  const process_ = start(
    process.execPath,
    ['--import', 'tsx', '--conditions=@allure/source', 'src/ops/up.ts'],
    {
      cwd: syncServerDir,
      env: cleanEnv({
        DATABASE_URL: databaseUrl,
        PORT: String(chosen),
        SHOP_PORT: String(shopPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // Rate limits and revocations of this server only: earlier runs on this machine do not count.
        REDIS_KEY_PREFIX: `e2e:${databaseUrl.split('/').pop()}:`,
        ...env,
      }),
    },
  );
  const baseUrl = `http://127.0.0.1:${chosen}`;
  const shopUrl = `http://127.0.0.1:${shopPort}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (process_.child.exitCode !== null || process_.child.signalCode !== null) {
      throw new Error(`server exited before it was ready:\n${process_.output()}`);
    }
    const ready = await Promise.all(
      [baseUrl, shopUrl].map(async (url) => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200),
    );
    if (ready.every(Boolean)) break;
    if (Date.now() > deadline) throw new Error(`server not ready after 90 s:\n${process_.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    shopUrl,
    process: process_,
    async kill() {
      // The start command runs the API and the shop as children in process groups of their own, which a
      // SIGKILL of the start command would leave running (and answering on their ports): kill them first.
      const servers = serverPids(process_);
      for (const pid of servers) process.kill(pid, 'SIGKILL');
      process_.child.kill('SIGKILL');
      await process_.exited;
      await Promise.all(servers.map(gone));
    },
    async stop() {
      process_.child.kill('SIGTERM');
      await process_.exited;
    },
  };
}

/** The pids of the servers the start command spawned (the API and the shop). */
function serverPids(started: Started): number[] {
  const parent = started.child.pid;
  if (parent === undefined) return [];
  const children = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim();
  return children.split(/\s+/).filter(Boolean).map(Number);
}

/** Resolves once the process no longer exists. */
async function gone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function dropTestDatabase(url: string): Promise<void> {
  await dropDatabase(url);
}

export function apiClient(baseUrl: string, token?: () => string | undefined) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => {
          const value = token?.();
          return value ? { authorization: `Bearer ${value}` } : {};
        },
      }),
    ],
  });
}

export interface EnrolledTerminal {
  terminalId: string;
  terminalCode: string;
  storeId: string;
  storeCode: string;
  credential: string;
}

/**
 * Tills enrolled the way a store does it: the manager signs in once, creates each till (unless it exists)
 * and issues its code; each till exchanges its code for its device credential.
 */
export async function enrollTerminals(
  baseUrl: string,
  codes: readonly string[],
): Promise<EnrolledTerminal[]> {
  const anonymous = apiClient(baseUrl);
  const signedIn = await anonymous.auth.login.mutate({
    email: 'manager@allure.test',
    password: 'allure-demo',
  });
  const manager = apiClient(baseUrl, () => signedIn.accessToken);
  const existing = await manager.terminals.list.query();
  const enrolled: EnrolledTerminal[] = [];
  for (const code of codes) {
    const terminal =
      existing.find((candidate) => candidate.code === code) ??
      (await manager.terminals.create.mutate({ code, name: `Caisse ${code}` }));
    const issued = await manager.terminals.issueEnrollmentCode.mutate({ id: terminal.id });
    enrolled.push(await anonymous.terminals.enroll.mutate({ code: issued.code }));
  }
  return enrolled;
}

export async function terminalAccessToken(baseUrl: string, terminal: EnrolledTerminal): Promise<string> {
  const { accessToken } = await apiClient(baseUrl).terminals.authenticate.mutate({
    terminalId: terminal.terminalId,
    credential: terminal.credential,
  });
  return accessToken;
}
