import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { freePort } from './processes.js';
import { apiClient, dropTestDatabase, freshDatabaseUrl, type ServerProcess, startServer } from './server.js';

// What a test file of the web shop needs around it: the start command (API, worker and shop) on a database
// of the file's own, Chromium with one context per shopper, the web location's stock as the database holds
// it, and the file's numbered screenshots.

export interface ShopWorldOptions {
  /** The folder under tests/artifacts/ that keeps this file's screenshots. */
  artifacts: string;
  /** Settings for the server beyond its database and ports. */
  env?: Record<string, string>;
}

export interface ShopWorld {
  server: ServerProcess;
  /** The file's database, for what the pages do not show. */
  pool: pg.Pool;
  browser: Browser;
  /**
   * A shopper of their own: a fresh context (storage, cookies, HTTP cache), in French, on a laptop's screen,
   * with nothing allowed to leave this machine.
   */
  shopper(options?: { javaScript?: boolean }): Promise<Page>;
  /** Uncaught errors of every shopper's page: a test ends by expecting none. */
  pageErrors: string[];
  screenshot(page: Page, name: string): Promise<void>;
  /** The API as the demo store's manager. */
  manager(): Promise<ReturnType<typeof apiClient>>;
  /** Units of each variant at the store's web location (0 where it has no level). */
  webStock(variantIds: readonly string[]): Promise<Map<string, number>>;
  /** Closes the browser and the server, and drops the database. */
  close(): Promise<void>;
}

/** Opens the world for one test file (in beforeAll); whatever it opened is closed if it fails half-way. */
export async function openShopWorld(options: ShopWorldOptions): Promise<ShopWorld> {
  // Undone in reverse order by close().
  const opened: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (let undo = opened.pop(); undo; undo = opened.pop()) await undo();
  };
  try {
    const artifacts = fileURLToPath(new URL(`../artifacts/${options.artifacts}/`, import.meta.url));
    // This run's screenshots only: numbers shift as steps are added, and a stale one would mislead.
    await rm(artifacts, { recursive: true, force: true });
    await mkdir(artifacts, { recursive: true });

    // The start command creates the database; it is dropped even when the server never got ready.
    const databaseUrl = freshDatabaseUrl();
    opened.push(() => dropTestDatabase(databaseUrl));
    const port = await freePort();
    // Browsers reach the API where it listens (127.0.0.1), not at the default `localhost`.
    const server = await startServer(databaseUrl, port, {
      API_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...options.env,
    });
    opened.push(() => server.kill());
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    opened.push(() => pool.end());
    const browser = await launchChromium();
    opened.push(() => browser.close());

    const pageErrors: string[] = [];
    let shot = 0;
    let token: string | undefined;
    return {
      server,
      pool,
      browser,
      pageErrors,
      async shopper({ javaScript = true } = {}) {
        const context = await browser.newContext({
          viewport: { width: 1280, height: 900 },
          locale: 'fr-FR',
          javaScriptEnabled: javaScript,
        });
        await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
        const page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(error.message));
        return page;
      },
      async screenshot(page, name) {
        shot += 1;
        await page.screenshot({
          path: join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`),
          fullPage: true,
        });
      },
      async manager() {
        token ??= (
          await apiClient(server.baseUrl).auth.login.mutate({
            email: 'manager@allure.test',
            password: 'allure-demo',
          })
        ).accessToken;
        return apiClient(server.baseUrl, () => token);
      },
      async webStock(variantIds) {
        const { rows } = await pool.query<{ variant_id: string; quantity: number }>(
          `SELECT s.variant_id, s.quantity FROM stock_level s
             JOIN stock_location l ON l.id = s.location_id AND l.kind = 'web'
            WHERE s.variant_id = ANY($1::uuid[])`,
          [variantIds],
        );
        const levels = new Map(rows.map((row) => [row.variant_id, row.quantity]));
        return new Map(variantIds.map((id) => [id, levels.get(id) ?? 0]));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
