/**
 * What the renderer may ask of the machine it runs on: the contract between the Electron preload's
 * `window.allure` and the renderer, and what a plain browser offers instead (browser-platform.ts). Inputs
 * are zod schemas because the main process validates every IPC message with them (electron/ipc.ts): the
 * renderer shows web content and is never trusted with more than these calls.
 */
import { z } from 'zod';

export const locales = ['fr', 'en'] as const;
export const locale = z.enum(locales);
export type Locale = z.infer<typeof locale>;

/** The till's enrollment, as the server answered it; the credential itself is a secret, kept apart. */
export const enrollment = z.object({
  terminalId: z.uuid(),
  terminalCode: z.string().min(1).max(8),
  storeId: z.uuid(),
  storeCode: z.string().min(1).max(8),
});
export type Enrollment = z.infer<typeof enrollment>;

export const appSettings = z.object({
  /** The sync server, e.g. `https://sync.example.com`; no trailing slash. */
  serverUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .transform((url) => url.replace(/\/+$/, '')),
  /** The language someone picked on this computer; null: the store's (until the till knows it, French). */
  locale: locale.nullable(),
  enrollment: enrollment.nullable(),
  /** Receipt printer: an ESC/POS device path or network address; none prints to PDF. */
  printer: z.string().max(200).nullable(),
});
export type AppSettings = z.infer<typeof appSettings>;
export const appSettingsPatch = appSettings.partial();
export type AppSettingsPatch = z.input<typeof appSettingsPatch>;

export const defaultSettings: AppSettings = {
  serverUrl: 'http://localhost:3000',
  locale: null,
  enrollment: null,
  printer: null,
};

export const secretName = z.enum(['device-credential', 'refresh-token']);
export type SecretName = z.infer<typeof secretName>;
export const secretValue = z.string().min(1).max(4_096);

/** A receipt as printed: lines of text already laid out for a 48-column (80 mm) printer. */
export const printableReceipt = z.object({
  orderNumber: z.string().max(40),
  lines: z.array(z.string().max(48)).max(600),
});
export type PrintableReceipt = z.infer<typeof printableReceipt>;

export type PrintResult = { printed: true; via: 'printer' | 'pdf' } | { printed: false; reason: string };

export interface AppInfo {
  version: string;
  /** `electron` in the packaged app, `browser` in development and tests. */
  shell: 'electron' | 'browser';
  /** A newer version downloaded and ready to install on restart, if any. */
  updateReady: string | null;
}

export interface PlatformApi {
  getSettings(): Promise<AppSettings>;
  updateSettings(patch: AppSettingsPatch): Promise<AppSettings>;
  getSecret(name: SecretName): Promise<string | null>;
  setSecret(name: SecretName, value: string): Promise<void>;
  deleteSecret(name: SecretName): Promise<void>;
  printReceipt(receipt: PrintableReceipt): Promise<PrintResult>;
  openCashDrawer(): Promise<boolean>;
  appInfo(): Promise<AppInfo>;
}

export { ipcChannels } from './ipc-channels.js';
