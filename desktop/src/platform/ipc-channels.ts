import type { PlatformApi } from './platform-api.js';

/** IPC channel of each PlatformApi call, `allure:<name>`. Apart from the schemas so the preload stays tiny. */
export const ipcChannels = {
  getSettings: 'allure:get-settings',
  updateSettings: 'allure:update-settings',
  getSecret: 'allure:get-secret',
  setSecret: 'allure:set-secret',
  deleteSecret: 'allure:delete-secret',
  printReceipt: 'allure:print-receipt',
  openCashDrawer: 'allure:open-cash-drawer',
  appInfo: 'allure:app-info',
} as const satisfies Record<keyof PlatformApi, string>;
