import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { call, demoEmails, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';

// A Redis of this test's own, so stopping it does not disturb anything else using the shared one.
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves once something accepts connections on the port (a loaded machine may take seconds). */
async function listening(port: number): Promise<void> {
  for (;;) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true)).on('error', () => resolve(false));
      socket.unref();
      setTimeout(() => socket.destroy(), 1_000);
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startRedis(port: number): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
}

describe('when Redis goes away', () => {
  let app: App;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis(port);
    // The app's start-up waits for Redis only so long; a Redis still starting is not what this tests.
    await listening(port);
    app = await buildTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    await app.listen({ port: 0, host: '127.0.0.1' });
    await vi.waitFor(() => expect(app.redis.status).toBe('ready'), { timeout: 10_000 });
  });
  afterAll(async () => {
    await app.close();
    redis.kill('SIGKILL');
  });

  it('answers 503 naming Redis, keeps serving, and recovers without a restart once Redis is back', async () => {
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    const live = await sessionFor(app, demoEmails.manager);
    const signedOut = await sessionFor(app, demoEmails.manager);
    // Signed out in the database only, as if the Redis entry had been lost with Redis itself.
    await app.db.prisma.session.updateMany({
      where: { familyId: signedOut.sessionId },
      data: { revokedAt: new Date() },
    });

    redis.kill('SIGKILL');
    await once(redis, 'exit');

    await expect.poll(async () => (await app.inject('/readyz')).statusCode, { timeout: 10_000 }).toBe(503);
    const down = (await app.inject('/readyz')).json();
    expect(down.reason).toMatch(/^redis: /);
    expect(down.checks.redis.ok).toBe(false);
    expect(down.checks.database.ok).toBe(true);
    // The process is alive and still serves what does not need Redis.
    expect((await app.inject('/livez')).statusCode).toBe(200);
    expect((await app.inject('/trpc/catalog.categories')).statusCode).toBe(200);

    // Rate limits fail open for ordinary traffic but closed for credential checks (no unlimited guessing).
    const login = await call(
      app,
      'auth.login',
      { email: demoEmails.cashier, password: 'allure-demo' },
      { type: 'mutation' },
    );
    expect(login.status).toBe(503);
    expect(login.body.error?.message).toMatch(/temporarily unavailable/);
    // Revocation is then checked in the database: a live session still works, a signed-out one does not.
    expect((await call(app, 'auth.me', undefined, { token: live.accessToken })).status).toBe(200);
    const refused = await call(app, 'auth.me', undefined, { token: signedOut.accessToken });
    expect(refused.status).toBe(401);

    redis = startRedis(port);
    await expect.poll(async () => (await app.inject('/readyz')).statusCode, { timeout: 15_000 }).toBe(200);
  });
});

describe('when Redis has just restarted', () => {
  // ioredis before 6.1 never ended a connection closed while it waited to reconnect, so BullMQ's graceful
  // close, and with it the server's shutdown, waited forever after a Redis restart.
  it('workers still close: shutdown does not wait on connections that are reconnecting', async () => {
    const port = await freePort();
    let redis = startRedis(port);
    await listening(port);
    // The workers' connection, as the queue plugin makes it.
    const connection = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: null });
    connection.on('error', () => {});
    const workers = ['a', 'b', 'c'].map((name) => {
      const worker = new Worker(`restart-${name}`, async () => {}, { connection });
      worker.on('error', () => {});
      return worker;
    });
    try {
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
      redis.kill('SIGKILL');
      await once(redis, 'exit');
      await sleep(1_500);
      redis = startRedis(port);
      await sleep(100);
      const closed = Promise.all(workers.map((worker) => worker.close())).then(() => 'closed');
      expect(await Promise.race([closed, sleep(5_000, 'still waiting')])).toBe('closed');
    } finally {
      connection.disconnect();
      redis.kill('SIGKILL');
    }
  });
});
