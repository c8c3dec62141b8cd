import { extname, join, normalize, sep } from 'node:path';

/**
 * The renderer is served from `app://allure/…`, a standard, secure origin of the app's own: IndexedDB (the
 * till's local database) is kept per origin, so the data survives updates that move the app's files, and
 * the CSP's 'self' means the app and nothing else. This maps a request to a file of the built renderer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'allure';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Content types of the files a Vite build of the renderer holds. */
export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The file under `root` a request names, with its content type; null for another host or a path outside. */
export function resolveAppFile(url: string, root: string): { path: string; contentType: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  const relative = decodeURIComponent(parsed.pathname) || '/';
  const path = normalize(join(root, relative === '/' ? 'index.html' : relative));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return null;
  return { path, contentType: contentTypes[extname(path)] ?? 'application/octet-stream' };
}
