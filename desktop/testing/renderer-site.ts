import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { contentTypes } from '../electron/app-protocol.js';

// The renderer as end-to-end tests and benchmarks run it: built for production, served on localhost (another
// site than the API on 127.0.0.1, as the packaged app's pages are), in Debian's Chromium driven by
// playwright-core (its own browsers cannot be downloaded here).

/** Without the background-networking flags Chromium keeps calling Google's hosts, refused here. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const executablePath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath(), args: FLAGS });
}

/**
 * Chromium with its profile in `userDataDir`, as the packaged app has one: IndexedDB writes reach the disk.
 * A context of `launchChromium` is off the record, and keeps IndexedDB in memory.
 */
export function launchChromiumWithProfile(
  userDataDir: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: executablePath(),
    args: FLAGS,
    viewport,
  });
}

/** The renderer as production builds it (CSP included), into a folder of its own. */
export async function buildRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV already set, and Vitest sets it to "test": that build would carry React's
  // development build (a third larger, and slower). Restored after, for the servers this process starts next.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      build: { outDir, emptyOutDir: true, sourcemap: false },
      logLevel: 'warn',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export interface Site {
  origin: string;
  close(): Promise<void>;
}

/** Serves a built folder on localhost. */
export async function serveFolder(folder: string): Promise<Site> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(folder, path === '/' ? 'index.html' : path));
    if (!file.startsWith(folder)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.setHeader('content-type', contentTypes[extname(file)] ?? 'application/octet-stream');
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  return siteOn(server);
}

/** Starts `server` on a free port of localhost and names its origin. */
export async function siteOn(server: Server): Promise<Site> {
  server.listen(0, 'localhost');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
