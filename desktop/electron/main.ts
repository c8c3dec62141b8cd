/**
 * The Electron main process, kept thin: one locked-down window showing the renderer from app://allure,
 * and the IPC handlers (ipc-handlers.ts, where the logic and its tests are). Everything the till does with
 * data happens in the renderer's local database; this process only touches the machine (settings file,
 * keychain, printer, cash drawer, PDF receipts, updates).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { PrintableReceipt } from '../src/platform/platform-api.js';
import { APP_ORIGIN, APP_SCHEME, resolveAppFile } from './app-protocol.js';
import { CredentialStore } from './credential-store.js';
import { platformHandlers, registerPlatformHandlers } from './ipc-handlers.js';
import { sendToPrinter } from './receipt-printer.js';
import { SettingsStore } from './settings-store.js';

const rendererRoot = join(import.meta.dirname, '..', 'renderer');
let updateReady: string | null = null;

// Before the app is ready: app:// is a standard, secure origin with its own storage.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

if (!app.requestSingleInstanceLock()) app.quit();

async function printToPdf(receipt: PrintableReceipt): Promise<string> {
  const page = new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false } });
  try {
    const escapeHtml = (text: string) =>
      text.replace(/[&<>]/g, (character) => `&#${character.charCodeAt(0)};`);
    const html = `<pre style="font:11px/1.3 monospace">${escapeHtml(receipt.lines.join('\n'))}</pre>`;
    await page.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    const pdf = await page.webContents.printToPDF({
      pageSize: { width: 3.15, height: 11 },
      margins: { top: 0.1, bottom: 0.1, left: 0.1, right: 0.1 },
    });
    const folder = join(app.getPath('documents'), 'Allure');
    const path = join(folder, `${receipt.orderNumber}.pdf`);
    await mkdir(folder, { recursive: true });
    await writeFile(path, pdf);
    await shell.openPath(path);
    return path;
  } finally {
    page.destroy();
  }
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'Allure',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  // The window only ever shows the app; links out open in the system browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(async () => {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererRoot);
    if (!file) return new Response('not found', { status: 404 });
    try {
      return new Response(await readFile(file.path), { headers: { 'content-type': file.contentType } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  // No camera, microphone, notifications or geolocation for web content.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const userData = app.getPath('userData');
  const handlers = platformHandlers({
    settings: new SettingsStore(join(userData, 'settings.json')),
    secrets: new CredentialStore(safeStorage, join(userData, 'secrets')),
    send: sendToPrinter,
    printToPdf,
    appInfo: () => ({ version: app.getVersion(), shell: 'electron', updateReady }),
  });
  registerPlatformHandlers(ipcMain, handlers, APP_ORIGIN);

  if (app.isPackaged) {
    autoUpdater.on('update-downloaded', (info) => {
      updateReady = info.version;
    });
    // Offline is the normal case for a till: a failed check is tried again at the next start.
    void autoUpdater.checkForUpdates().catch(() => {});
  }
  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
