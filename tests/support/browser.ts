import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';

// The renderer's code in Debian's Chromium, driven by playwright-core (its own browsers cannot be
// downloaded here). Pages come from a static server of their own on `localhost`, while the API is on
// 127.0.0.1: another site, as the packaged app's pages are, so CORS and cross-origin resource rules apply.

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
}

/** A workspace module bundled for the page, its exports on `window[globalName]`. */
export async function bundleForPage(module: string, globalName: string): Promise<string> {
  const result = await build({
    stdin: { contents: `export * from '${module}';`, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'chrome120',
    conditions: ['@allure/source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface RendererSite {
  origin: string;
  close(): Promise<void>;
}

/** Serves `html` at / and `scripts` by path on localhost; give its origin to the API's CORS_ORIGINS. */
export async function serveRenderer(html: string, scripts: Record<string, string>): Promise<RendererSite> {
  const server = createServer((request, response) => {
    const script = scripts[new URL(request.url ?? '/', 'http://localhost').pathname];
    response.setHeader('content-type', script === undefined ? 'text/html; charset=utf-8' : 'text/javascript');
    response.end(script ?? html);
  });
  server.listen(0, 'localhost');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The desktop renderer as production builds it (CSP included), into a folder of its own. */
export async function buildDesktopRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: fileURLToPath(new URL('../../desktop/vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true, sourcemap: false },
    logLevel: 'warn',
  });
}

/** Serves a built folder on localhost (another site than the API on 127.0.0.1, as in the packaged app). */
export async function serveFolder(folder: string): Promise<RendererSite> {
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
  server.listen(0, 'localhost');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
