import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { freePort } from './processes.js';
import { dropTestDatabase, freshDatabaseUrl, type ServerProcess, startServer } from './server.js';

// What every browser test file opens around it: the start command on a database of the file's own,
// Chromium with nothing allowed to leave this machine, and the file's numbered screenshots. The desktop
// renderer's and the web shop's worlds add their own parts to it.

export interface BrowserWorldOptions {
  /** The folder under tests/artifacts/ that keeps this file's screenshots. */
  artifacts: string;
  /** Settings for the server beyond its database and ports. */
  env?: Record<string, string>;
}

export interface BrowserWorld {
  /** The server last started; `kill()` it to take the server down. */
  readonly server: ServerProcess;
  /** Starts the server again on the same ports and database. */
  start(): Promise<ServerProcess>;
  /** The file's database, for what the pages do not show. */
  pool: pg.Pool;
  browser: Browser;
  /** A page in a fresh context (storage, cookies, HTTP cache) in French, whose uncaught errors are kept. */
  newPage(options: { viewport: { width: number; height: number }; javaScript?: boolean }): Promise<Page>;
  /** Uncaught errors of every page: a test ends by expecting none. */
  pageErrors: string[];
  screenshot(page: Page, name: string): Promise<void>;
  /** Has `undo` run by close(), before what the world opened itself. */
  onClose(undo: () => Promise<unknown>): void;
  /** Closes what was opened, in reverse order, and drops the database. */
  close(): Promise<void>;
}

/**
 * Opens the world for one test file (in beforeAll); whatever it opened is closed if it fails half-way.
 * `before` runs first and may give the server more settings (the renderer's origin for CORS).
 */
export async function openBrowserWorld(
  options: BrowserWorldOptions,
  before?: (onClose: BrowserWorld['onClose']) => Promise<Record<string, string>>,
): Promise<BrowserWorld> {
  // Undone in reverse order by close().
  const opened: (() => Promise<unknown>)[] = [];
  const onClose = (undo: () => Promise<unknown>) => {
    opened.push(undo);
  };
  const close = async () => {
    for (let undo = opened.pop(); undo; undo = opened.pop()) await undo();
  };
  try {
    const artifacts = fileURLToPath(new URL(`../artifacts/${options.artifacts}/`, import.meta.url));
    // This run's screenshots only: numbers shift as steps are added, and a stale one would mislead.
    await rm(artifacts, { recursive: true, force: true });
    await mkdir(artifacts, { recursive: true });
    const env = { ...(await before?.(onClose)), ...options.env };

    // The start command creates the database; it is dropped even when the server never got ready.
    const databaseUrl = freshDatabaseUrl();
    onClose(() => dropTestDatabase(databaseUrl));
    const port = await freePort();
    let server: ServerProcess | undefined;
    const start = async () => {
      // Browsers reach the API where it listens (127.0.0.1), not at the default `localhost`.
      server = await startServer(databaseUrl, port, { API_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env });
      return server;
    };
    await start();
    onClose(async () => server?.kill());
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    onClose(() => pool.end());
    const browser = await launchChromium();
    onClose(() => browser.close());

    const pageErrors: string[] = [];
    let shot = 0;
    return {
      get server() {
        if (!server) throw new Error('the server was never started');
        return server;
      },
      start,
      pool,
      browser,
      async newPage({ viewport, javaScript = true }) {
        const context = await browser.newContext({
          viewport,
          locale: 'fr-FR',
          javaScriptEnabled: javaScript,
        });
        // Nothing leaves this machine: RxDB's dev-mode iframe (never in these builds) or anything else.
        await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
        const page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(error.message));
        return page;
      },
      pageErrors,
      async screenshot(page, name) {
        shot += 1;
        await page.screenshot({
          path: join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`),
          fullPage: true,
        });
      },
      onClose,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
