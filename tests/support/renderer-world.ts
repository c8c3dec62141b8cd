import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { buildDesktopRenderer, type RendererSite, serveFolder } from './browser.js';
import { type BrowserWorldOptions, openBrowserWorld } from './browser-world.js';
import type { ServerProcess } from './server.js';

// What a test file of the desktop app needs around it: the browser world, with the renderer built and
// served on localhost and one page of it.

export interface RendererWorldOptions extends BrowserWorldOptions {
  /** The till's screen unless told otherwise. */
  viewport?: { width: number; height: number };
}

/** A variant with stock on the demo store's shop floor, and a barcode to scan it by. */
export interface StockedVariant {
  id: string;
  barcode: string;
  price: number;
}

export interface RendererWorld {
  site: RendererSite;
  context: BrowserContext;
  page: Page;
  /** The file's database, for what the screens do not show. */
  pool: pg.Pool;
  /** The server last started; `kill()` it to take the server down. */
  readonly server: ServerProcess;
  /** Starts the server again on the same port and database. */
  start(): Promise<ServerProcess>;
  /** Uncaught errors in the page: a test ends by expecting none. */
  pageErrors: string[];
  screenshot(name: string): Promise<void>;
  stockedVariants(count: number): Promise<StockedVariant[]>;
  /** Signs a cashier in on the till, picked by name, with the seeded cashier's PIN. */
  signInWithPin(cashierName: string): Promise<void>;
  /** Closes the browser, the server and the site, and drops the database. */
  close(): Promise<void>;
}

/** Opens the world for one test file (in beforeAll); whatever it opened is closed if it fails half-way. */
export async function openRendererWorld(options: RendererWorldOptions): Promise<RendererWorld> {
  let site: RendererSite | undefined;
  const world = await openBrowserWorld(options, async (onClose) => {
    const build = await mkdtemp(join(tmpdir(), 'allure-e2e-renderer-'));
    onClose(() => rm(build, { recursive: true, force: true }));
    await buildDesktopRenderer(build);
    site = await serveFolder(build);
    onClose(() => site?.close() ?? Promise.resolve());
    return { CORS_ORIGINS: site.origin };
  });
  try {
    if (!site) throw new Error('the renderer was not served');
    const page = await world.newPage({ viewport: options.viewport ?? { width: 1366, height: 800 } });
    const { pool } = world;
    return {
      site,
      context: page.context(),
      page,
      pool,
      get server() {
        return world.server;
      },
      start: world.start,
      pageErrors: world.pageErrors,
      screenshot: (name) => world.screenshot(page, name),
      async stockedVariants(count) {
        const { rows } = await pool.query<StockedVariant>(
          `SELECT v.id, v.barcode, v.price FROM variant v
             JOIN product p ON p.id = v.product_id AND p.status = 'active'
             JOIN stock_level s ON s.variant_id = v.id AND s.quantity > 5
             JOIN stock_location l ON l.id = s.location_id AND l.kind = 'store'
             JOIN store st ON st.id = l.store_id AND st.code = 'DKR1'
            WHERE v.active AND v.barcode IS NOT NULL
            ORDER BY v.id LIMIT $1`,
          [count],
        );
        return rows;
      },
      async signInWithPin(cashierName) {
        await page.getByRole('button', { name: new RegExp(cashierName) }).click();
        await page.locator('input[name="pin"]').fill('1234');
        await page.keyboard.press('Enter');
      },
      close: world.close,
    };
  } catch (error) {
    await world.close();
    throw error;
  }
}
