import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The renderer: built to dist/renderer, loaded by Electron from its app:// origin, or served by Vite for
 * development and the end-to-end tests in Chromium. The production page carries a strict CSP (dev mode
 * needs inline scripts for hot reload, so it is added at build only). The server's address is a setting,
 * so connections and images may go to any http(s) origin; scripts only come from the app itself.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: http: https:",
  "connect-src 'self' http: https:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const strictCsp: Plugin = {
  name: 'allure-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<head>',
      `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
    ),
};

export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react(), strictCsp],
  resolve: { conditions: ['@allure/source'] },
  // Loaded from disk by the app, not over a network: one bundle is fine (RxDB, zod and tRPC make most of it).
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 1_024,
  },
  server: { port: 5173, strictPort: false },
});
