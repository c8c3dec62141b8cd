import type pg from 'pg';
import type { Page } from 'playwright-core';
import { type BrowserWorldOptions, openBrowserWorld } from './browser-world.js';
import { apiClient, type ServerProcess } from './server.js';

// What a test file of the web shop needs around it: the browser world (the start command runs the API,
// worker and shop), a context per shopper, the manager's API and the web location's stock as the database
// holds it.

export interface ShopWorld {
  server: ServerProcess;
  /** The file's database, for what the pages do not show. */
  pool: pg.Pool;
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
export async function openShopWorld(options: BrowserWorldOptions): Promise<ShopWorld> {
  const world = await openBrowserWorld(options);
  const { server, pool } = world;
  let token: string | undefined;
  return {
    server,
    pool,
    pageErrors: world.pageErrors,
    shopper: ({ javaScript = true } = {}) =>
      world.newPage({ viewport: { width: 1280, height: 900 }, javaScript }),
    screenshot: world.screenshot,
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
    close: world.close,
  };
}
