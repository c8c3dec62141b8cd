import { browserPlatform } from './browser-platform.js';
import type { PlatformApi } from './platform-api.js';

export * from './platform-api.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    allure?: PlatformApi;
  }
}

/** The Electron shell's API when running in it, else the browser's stand-ins. */
export function currentPlatform(): PlatformApi {
  return window.allure ?? browserPlatform();
}
