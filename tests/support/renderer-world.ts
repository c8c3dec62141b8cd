import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { buildDesktopRenderer, launchChromium, type RendererSite, serveFolder } from './browser.js';
import { freePort } from './processes.js';
import { dropTestDatabase, freshDatabaseUrl, type ServerProcess, startServer } from './server.js';

// What a test file of the desktop app needs around it: the renderer built and served on localhost, the
// start command on a database of the file's own, a page in Chromium, and the file's numbered screenshots.

export interface RendererWorldOptions {
  /** The folder under tests/artifacts/ that keeps this file's screenshots. */
  artifacts: string;
  /** The till's screen unless told otherwise. */
  viewport?: { width: number; height: number };
  /** Settings for the server beyond its database, port and the renderer's origin. */
  env?: Record<string, string>;
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
  // Undone in reverse order by close().
  const opened: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (let undo = opened.pop(); undo; undo = opened.pop()) await undo();
  };
  try {
    const artifacts = fileURLToPath(new URL(`../artifacts/${options.artifacts}/`, import.meta.url));
    await mkdir(artifacts, { recursive: true });
    const build = await mkdtemp(join(tmpdir(), 'allure-e2e-renderer-'));
    opened.push(() => rm(build, { recursive: true, force: true }));
    await buildDesktopRenderer(build);
    const site = await serveFolder(build);
    opened.push(() => site.close());

    // The start command creates the database; it is dropped even when the server never got ready.
    const databaseUrl = freshDatabaseUrl();
    opened.push(() => dropTestDatabase(databaseUrl));
    const port = await freePort();
    let server: ServerProcess;
    const start = async () => {
      server = await startServer(databaseUrl, port, { CORS_ORIGINS: site.origin, ...options.env });
      return server;
    };
    await start();
    opened.push(() => server.kill());
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    opened.push(() => pool.end());

    const browser = await launchChromium();
    opened.push(() => browser.close());
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1366, height: 800 },
      locale: 'fr-FR',
    });
    // Nothing leaves this machine: RxDB's dev-mode iframe (never in this build) or anything else.
    await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    let shot = 0;
    return {
      site,
      context,
      page,
      pool,
      get server() {
        return server;
      },
      start,
      pageErrors,
      async screenshot(name) {
        shot += 1;
        await page.screenshot({
          path: join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`),
          fullPage: true,
        });
      },
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
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
