/**
 * The renderer's only door to the machine: `window.allure`, one function per PlatformApi call, each an IPC
 * invoke that the main process validates (ipc-handlers.ts). Runs sandboxed: no Node APIs reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels } from '../src/platform/ipc-channels.js';
import type { PlatformApi } from '../src/platform/platform-api.js';

const api = Object.fromEntries(
  Object.entries(ipcChannels).map(([name, channel]) => [
    name,
    (...args: unknown[]) => ipcRenderer.invoke(channel, ...args),
  ]),
) as unknown as PlatformApi;

contextBridge.exposeInMainWorld('allure', api);
