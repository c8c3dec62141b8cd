import { createServer } from 'node:http';
import { type Site, siteOn } from '@allure/desktop/testing';
import { build } from 'esbuild';

// The renderer's code in Debian's Chromium: the whole app built and served by @allure/desktop/testing, or
// one of its modules bundled into a page of a test's own. Pages come from `localhost` while the API is on
// 127.0.0.1: another site, as the packaged app's pages are, so CORS and cross-origin resource rules apply.

export {
  buildRenderer as buildDesktopRenderer,
  launchChromium,
  scanBarcode,
  serveFolder,
} from '@allure/desktop/testing';
export type RendererSite = Site;

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

/** Serves `html` at / and `scripts` by path on localhost; give its origin to the API's CORS_ORIGINS. */
export async function serveRenderer(html: string, scripts: Record<string, string>): Promise<RendererSite> {
  const server = createServer((request, response) => {
    const script = scripts[new URL(request.url ?? '/', 'http://localhost').pathname];
    response.setHeader('content-type', script === undefined ? 'text/html; charset=utf-8' : 'text/javascript');
    response.end(script ?? html);
  });
  return siteOn(server);
}
