import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcChannels, type PrintableReceipt } from '../src/platform/platform-api.js';
import { CredentialStore } from './credential-store.js';
import { drawerKick } from './escpos.js';
import {
  type IpcMainLike,
  type MainDeps,
  platformHandlers,
  registerPlatformHandlers,
} from './ipc-handlers.js';
import type { PrinterAddress } from './receipt-printer.js';
import { SettingsStore } from './settings-store.js';

/** A machine without a keychain keeps secrets in memory: enough to test the handlers. */
const noKeychain = {
  isEncryptionAvailable: () => false,
  encryptString: () => Buffer.alloc(0),
  decryptString: () => '',
};

let folder: string;
let sent: { address: PrinterAddress; bytes: Buffer }[];
let pdfs: PrintableReceipt[];
let printerFails: boolean;
let deps: MainDeps;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'allure-ipc-'));
  sent = [];
  pdfs = [];
  printerFails = false;
  deps = {
    settings: new SettingsStore(join(folder, 'settings.json')),
    secrets: new CredentialStore(noKeychain, join(folder, 'secrets')),
    send: async (address, bytes) => {
      if (printerFails) throw new Error('printer offline');
      sent.push({ address, bytes });
    },
    printToPdf: async (receipt) => {
      pdfs.push(receipt);
      return join(folder, `${receipt.orderNumber}.pdf`);
    },
    appInfo: () => ({ version: '1.2.3', shell: 'electron', updateReady: null }),
  };
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const receipt = { orderNumber: 'DKR1-T01-000001', lines: ['ALLURE', 'TOTAL 1 500 F CFA'] };

describe('IPC handlers', () => {
  it('reads and changes settings, refusing invalid values', async () => {
    const handlers = platformHandlers(deps);
    expect(
      await handlers.updateSettings({ locale: 'en', serverUrl: 'https://sync.allure.sn' }),
    ).toMatchObject({ locale: 'en' });
    await expect(handlers.updateSettings({ serverUrl: 'javascript:alert(1)' })).rejects.toThrow();
    await expect(handlers.updateSettings('locale=en')).rejects.toThrow();
    expect((await handlers.getSettings()).serverUrl).toBe('https://sync.allure.sn');
  });

  it('keeps only the secrets it knows, with bounded values', async () => {
    const handlers = platformHandlers(deps);
    await handlers.setSecret('device-credential', 'c'.repeat(43));
    expect(await handlers.getSecret('device-credential')).toBe('c'.repeat(43));
    await expect(handlers.setSecret('../../etc/passwd', 'x')).rejects.toThrow();
    await expect(handlers.setSecret('refresh-token', 'x'.repeat(5_000))).rejects.toThrow();
    await expect(handlers.getSecret()).rejects.toThrow();
    await handlers.deleteSecret('device-credential');
    expect(await handlers.getSecret('device-credential')).toBeNull();
  });

  it('prints on the configured printer, and to PDF when there is none or it fails', async () => {
    const handlers = platformHandlers(deps);
    expect(await handlers.printReceipt(receipt)).toEqual({ printed: true, via: 'pdf' });
    await handlers.updateSettings({ printer: '10.0.0.20:9100' });
    expect(await handlers.printReceipt(receipt)).toEqual({ printed: true, via: 'printer' });
    expect(sent[0]?.address).toEqual({ kind: 'network', host: '10.0.0.20', port: 9100 });
    expect(sent[0]?.bytes.includes(Buffer.from('TOTAL 1 500 F CFA'))).toBe(true);
    printerFails = true;
    expect(await handlers.printReceipt(receipt)).toEqual({ printed: true, via: 'pdf' });
    expect(pdfs).toHaveLength(2);
    await expect(handlers.printReceipt({ orderNumber: 'x', lines: ['y'.repeat(49)] })).rejects.toThrow();
  });

  it('kicks the cash drawer through the printer, and says when there is none', async () => {
    const handlers = platformHandlers(deps);
    expect(await handlers.openCashDrawer()).toBe(false);
    await handlers.updateSettings({ printer: '/dev/usb/lp0' });
    expect(await handlers.openCashDrawer()).toBe(true);
    expect(sent).toEqual([{ address: { kind: 'device', path: '/dev/usb/lp0' }, bytes: drawerKick }]);
    await expect(handlers.openCashDrawer('now')).rejects.toThrow();
  });

  it('answers only the app’s own pages', async () => {
    const registered = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    registerPlatformHandlers(
      { handle: (channel, listener) => registered.set(channel, listener) },
      platformHandlers(deps),
      'app://allure',
    );
    expect([...registered.keys()].sort()).toEqual(Object.values(ipcChannels).sort());
    const appInfo = registered.get(ipcChannels.appInfo);
    expect(await appInfo?.({ senderFrame: { url: 'app://allure/index.html' } })).toMatchObject({
      version: '1.2.3',
    });
    expect(() => appInfo?.({ senderFrame: { url: 'https://evil.example/' } })).toThrow(/refused/);
    expect(() => appInfo?.({ senderFrame: { url: 'app://allure.evil/' } })).toThrow(/refused/);
    expect(() => appInfo?.({ senderFrame: null })).toThrow(/refused/);
  });
});
