import { randomUUID } from 'node:crypto';
import { dropDatabase } from '@allure/db/database-admin';
import type { AppRouter } from '@allure/sync-server/router';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, freePort, type Started, start, syncServerDir } from '../support/processes.js';

// The start command as a user runs it after `pnpm install` and the build: a database that does not exist
// yet, so the command must create, migrate and seed it, then serve the catalog.
describe('the start command on a fresh database', () => {
  const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/allure';
  const databaseUrl = Object.assign(new URL(base), {
    pathname: `/allure_e2e_${randomUUID().slice(0, 8)}`,
  }).toString();
  let up: Started | undefined;

  afterAll(async () => {
    up?.child.kill('SIGKILL');
    await dropDatabase(databaseUrl);
  });

  it('provisions, migrates, seeds, serves the catalog over tRPC, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    up = start(process.execPath, ['--import', 'tsx', '--conditions=@allure/source', 'src/ops/up.ts'], {
      cwd: syncServerDir,
      env: cleanEnv({ DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' }),
    });
    const baseUrl = `http://127.0.0.1:${port}`;

    await expect
      .poll(async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.status, {
        timeout: 90_000,
        interval: 500,
      })
      .toBe(200);
    expect(up.output()).toMatch(/created database/);
    expect(up.output()).toMatch(/Applied \d+ migration/);

    const trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${baseUrl}/trpc` })] });
    const firstPage = await trpc.catalog.products.list.query({ limit: 5 });
    expect(firstPage.items).toHaveLength(5);
    expect(firstPage.nextCursor).not.toBeNull();
    const [first] = firstPage.items;
    if (!first) throw new Error('no product');
    const product = await trpc.catalog.products.bySlug.query({ slug: first.slug });
    expect(product.variants.length).toBeGreaterThan(0);
    expect(product.variants[0]?.currency).toBe('XOF');

    up.child.kill('SIGTERM');
    expect(await up.exited).toEqual({ code: 0, signal: null });
    expect(up.output()).toMatch(/shutdown complete/);
  });
});
