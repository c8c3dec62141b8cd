import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../src/platform/platform-api.js';
import { SettingsStore } from './settings-store.js';

let folder: string;
let file: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'allure-settings-'));
  file = join(folder, 'settings.json');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const enrollment = {
  terminalId: '0190a0a0-0000-7000-8000-000000000002',
  terminalCode: 'T01',
  storeId: '0190a0a0-0000-7000-8000-000000000001',
  storeCode: 'DKR1',
};

describe('settings store', () => {
  it('starts from the defaults and keeps what is saved across restarts', async () => {
    expect(await new SettingsStore(file).get()).toEqual(defaultSettings);
    await new SettingsStore(file).update({ serverUrl: 'https://sync.allure.sn/', locale: 'en', enrollment });
    const reopened = await new SettingsStore(file).get();
    expect(reopened).toEqual({
      ...defaultSettings,
      serverUrl: 'https://sync.allure.sn',
      locale: 'en',
      enrollment,
    });
  });

  it('refuses an invalid change and keeps the settings as they were', async () => {
    const store = new SettingsStore(file);
    await store.update({ locale: 'en' });
    await expect(store.update({ serverUrl: 'file:///etc/passwd' })).rejects.toThrow();
    await expect(store.update({ locale: 'de' as 'fr' })).rejects.toThrow();
    expect(await new SettingsStore(file).get()).toMatchObject({
      locale: 'en',
      serverUrl: defaultSettings.serverUrl,
    });
  });

  it('reads a damaged file as the defaults, keeping each field that is still valid', async () => {
    await writeFile(file, '{ not json');
    expect(await new SettingsStore(file).get()).toEqual(defaultSettings);
    await writeFile(file, JSON.stringify({ locale: 'en', serverUrl: 42, enrollment: { terminalId: 'x' } }));
    expect(await new SettingsStore(file).get()).toEqual({ ...defaultSettings, locale: 'en' });
  });

  it('ends with the last of concurrent updates, written whole', async () => {
    const store = new SettingsStore(file);
    await Promise.all(
      ['fr', 'en', 'fr', 'en'].map((locale) => store.update({ locale: locale as 'fr' | 'en' })),
    );
    expect(JSON.parse(await readFile(file, 'utf8')).locale).toBe('en');
  });
});
