import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretName } from '../src/platform/platform-api.js';

/**
 * The till's long-lived secrets, kept by the Electron main process and never handed to the renderer's
 * storage (no localStorage, no IndexedDB): the terminal's device credential and the signed-in user's refresh
 * token. Each is encrypted with the OS keychain through Electron's `safeStorage` (Keychain on macOS, DPAPI
 * on Windows, libsecret/KWallet on Linux) and written to a file of its own, readable by the user only.
 *
 * Where the OS offers no keychain, nothing is written: the secret lives in memory for this run and
 * `persistent` is false, so the UI can say why the till must be enrolled or signed in again after a restart.
 */

/** The part of Electron's `safeStorage` used here. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class CredentialStore {
  private readonly memory = new Map<SecretName, string>();

  constructor(
    private readonly cipher: SecretCipher,
    /** A directory of the app's own, e.g. `join(app.getPath('userData'), 'secrets')`. */
    private readonly directory: string,
  ) {}

  get persistent(): boolean {
    return this.cipher.isEncryptionAvailable();
  }

  async get(name: SecretName): Promise<string | null> {
    if (!this.persistent) return this.memory.get(name) ?? null;
    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.fileOf(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return this.cipher.decryptString(encrypted);
    } catch {
      // Encrypted under another OS account or keychain: unusable, so forget it rather than fail forever.
      await this.delete(name);
      return null;
    }
  }

  async set(name: SecretName, value: string): Promise<void> {
    if (!this.persistent) {
      this.memory.set(name, value);
      return;
    }
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // Write then rename: a crash mid-write leaves the previous secret, never half of one.
    const temporary = join(this.directory, `.${name}.${randomUUID()}.tmp`);
    await writeFile(temporary, this.cipher.encryptString(value), { mode: 0o600 });
    await rename(temporary, this.fileOf(name));
  }

  async delete(name: SecretName): Promise<void> {
    this.memory.delete(name);
    await rm(this.fileOf(name), { force: true });
  }

  private fileOf(name: SecretName): string {
    return join(this.directory, `${name}.bin`);
  }
}
