import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type AppSettings,
  type AppSettingsPatch,
  appSettings,
  appSettingsPatch,
  defaultSettings,
} from '../src/platform/platform-api.js';

/**
 * The app's settings (server URL, enrollment, language, printer) in one JSON file under the user's app
 * data, validated when read and when changed. A file that is missing, unreadable or no longer valid (an
 * older version's, edited by hand) gives the defaults for what is wrong rather than a till that cannot
 * start. Writes go to a temporary file renamed over the old one, so a crash never leaves half a file.
 */
export class SettingsStore {
  private current: AppSettings | null = null;
  /** Updates, one after the other: each reads what the previous one left. */
  private updates: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  async get(): Promise<AppSettings> {
    this.current ??= await this.read();
    return this.current;
  }

  /** Applies a validated patch; throws a ZodError on an invalid one, leaving the settings as they were. */
  async update(patch: AppSettingsPatch): Promise<AppSettings> {
    const changes = appSettingsPatch.parse(patch);
    // Read, merge and write in call order: the file always ends as the last update left it, even when the
    // first updates arrive together before the file has been read.
    const updated = this.updates.then(async () => {
      const next = appSettings.parse({ ...(await this.get()), ...changes });
      await this.write(next);
      this.current = next;
      return next;
    });
    this.updates = updated.catch(() => {});
    return updated;
  }

  private async read(): Promise<AppSettings> {
    let stored: unknown;
    try {
      stored = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return defaultSettings;
    }
    const whole = appSettings.safeParse({ ...defaultSettings, ...(stored as object) });
    if (whole.success) return whole.data;
    // Keep every field that is still valid on its own.
    const kept = Object.fromEntries(
      Object.entries(stored as Record<string, unknown>).filter(
        ([key, value]) => key in appSettings.shape && appSettingsPatch.safeParse({ [key]: value }).success,
      ),
    );
    return appSettings.parse({ ...defaultSettings, ...kept });
  }

  private async write(settings: AppSettings): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.file);
  }
}
