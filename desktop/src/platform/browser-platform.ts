/**
 * The platform in a plain browser (development, end-to-end tests): settings and secrets in localStorage,
 * receipts through the browser's print dialog (save as PDF), no cash drawer. localStorage is readable by
 * any script of the origin, which is why the packaged app keeps secrets in the OS keychain instead.
 */
import {
  type AppSettings,
  appSettings,
  appSettingsPatch,
  defaultSettings,
  type PlatformApi,
  type PrintableReceipt,
  type SecretName,
} from './platform-api.js';

const SETTINGS_KEY = 'allure:settings';
const secretKey = (name: SecretName) => `allure:secret:${name}`;

function readSettings(): AppSettings {
  const stored = localStorage.getItem(SETTINGS_KEY);
  if (stored === null) return defaultSettings;
  try {
    const parsed = appSettings.safeParse({ ...defaultSettings, ...JSON.parse(stored) });
    return parsed.success ? parsed.data : defaultSettings;
  } catch {
    return defaultSettings;
  }
}

function printInBrowser(receipt: PrintableReceipt): void {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  document.body.append(frame);
  const page = frame.contentDocument;
  if (!page) return;
  const pre = page.createElement('pre');
  pre.style.font = '12px/1.3 monospace';
  pre.textContent = receipt.lines.join('\n');
  page.title = receipt.orderNumber;
  page.body.append(pre);
  frame.contentWindow?.print();
  setTimeout(() => frame.remove(), 1_000);
}

export function browserPlatform(version = 'dev'): PlatformApi {
  return {
    getSettings: async () => readSettings(),
    async updateSettings(patch) {
      const next = appSettings.parse({ ...readSettings(), ...appSettingsPatch.parse(patch) });
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
      return next;
    },
    getSecret: async (name) => localStorage.getItem(secretKey(name)),
    setSecret: async (name, value) => localStorage.setItem(secretKey(name), value),
    deleteSecret: async (name) => localStorage.removeItem(secretKey(name)),
    async printReceipt(receipt) {
      printInBrowser(receipt);
      return { printed: true, via: 'pdf' };
    },
    openCashDrawer: async () => false,
    appInfo: async () => ({ version, shell: 'browser', updateReady: null }),
  };
}
