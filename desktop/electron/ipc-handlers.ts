import { z } from 'zod';
import {
  type AppInfo,
  type AppSettings,
  appSettingsPatch,
  ipcChannels,
  type PlatformApi,
  type PrintableReceipt,
  type PrintResult,
  printableReceipt,
  secretName,
  secretValue,
} from '../src/platform/platform-api.js';
import type { CredentialStore } from './credential-store.js';
import { drawerKick, receiptToEscPos } from './escpos.js';
import { type PrinterAddress, parsePrinterAddress } from './receipt-printer.js';
import type { SettingsStore } from './settings-store.js';

/**
 * What the main process does for the renderer, one handler per PlatformApi call. The renderer shows web
 * content and is not trusted: every argument is validated here (its schema in platform-api.ts), whatever
 * the preload sent, and anything else is refused with a clear error. Electron-free, so it is unit-tested;
 * main.ts only wires it to ipcMain.
 */

export interface MainDeps {
  settings: SettingsStore;
  secrets: CredentialStore;
  send: (address: PrinterAddress, bytes: Buffer) => Promise<void>;
  /** Renders the receipt to a PDF the cashier can print or keep; resolves with its path. */
  printToPdf: (receipt: PrintableReceipt) => Promise<string>;
  appInfo: () => AppInfo;
}

type Handlers = { [K in keyof PlatformApi]: (...args: unknown[]) => ReturnType<PlatformApi[K]> };

const args = <T extends z.ZodTuple>(schema: T, values: unknown[]): z.infer<T> => schema.parse(values);

export function platformHandlers(deps: MainDeps): Handlers {
  const printer = async (settings: AppSettings) =>
    settings.printer ? parsePrinterAddress(settings.printer) : null;

  return {
    getSettings: async () => deps.settings.get(),
    updateSettings: async (...values) => deps.settings.update(args(z.tuple([appSettingsPatch]), values)[0]),
    getSecret: async (...values) => deps.secrets.get(args(z.tuple([secretName]), values)[0]),
    async setSecret(...values) {
      const [name, value] = args(z.tuple([secretName, secretValue]), values);
      await deps.secrets.set(name, value);
    },
    deleteSecret: async (...values) => deps.secrets.delete(args(z.tuple([secretName]), values)[0]),
    async printReceipt(...values): Promise<PrintResult> {
      const [receipt] = args(z.tuple([printableReceipt]), values);
      const address = await printer(await deps.settings.get());
      if (address) {
        try {
          await deps.send(address, receiptToEscPos(receipt));
          return { printed: true, via: 'printer' };
        } catch {
          // The sale is recorded either way; the receipt still reaches the customer through the PDF.
        }
      }
      try {
        await deps.printToPdf(receipt);
        return { printed: true, via: 'pdf' };
      } catch (error) {
        return { printed: false, reason: (error as Error).message };
      }
    },
    async openCashDrawer(...values) {
      args(z.tuple([]), values);
      const address = await printer(await deps.settings.get());
      if (!address) return false;
      await deps.send(address, drawerKick);
      return true;
    },
    async appInfo(...values) {
      args(z.tuple([]), values);
      return deps.appInfo();
    },
  };
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown,
  ): void;
}

/**
 * Registers the handlers, answering only the app's own pages (`app://` origin): a page navigated
 * elsewhere, or an embedded frame, gets nothing.
 */
export function registerPlatformHandlers(ipc: IpcMainLike, handlers: Handlers, trustedOrigin: string): void {
  for (const [name, channel] of Object.entries(ipcChannels) as [keyof Handlers, string][]) {
    ipc.handle(channel, (event, ...values) => {
      const url = event.senderFrame?.url ?? '';
      if (!url.startsWith(`${trustedOrigin}/`))
        throw new Error(`refused ${channel} from ${url || 'an unknown frame'}`);
      return handlers[name](...values);
    });
  }
}
