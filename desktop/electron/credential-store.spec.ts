import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore, type SecretCipher } from './credential-store.js';

/** Stands in for the OS keychain (outside our system): AES-256-GCM under a key only this object holds. */
function keychain(available = true): SecretCipher {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('CredentialStore', () => {
  let directory: string;
  const secret = 'q2mB7e1XnK4c9Zr0TfWv3yHs8LpGd6Ju5NaOiQxRkE';

  beforeEach(async () => {
    directory = join(await mkdtemp(join(tmpdir(), 'allure-secrets-')), 'secrets');
  });
  afterEach(() => rm(join(directory, '..'), { recursive: true, force: true }));

  it('keeps a secret across restarts, encrypted, in a file only the user can read', async () => {
    const cipher = keychain();
    await new CredentialStore(cipher, directory).set('refresh-token', secret);

    const restarted = new CredentialStore(cipher, directory);
    expect(await restarted.get('refresh-token')).toBe(secret);
    expect(await restarted.get('device-credential')).toBeNull();

    const file = join(directory, 'refresh-token.bin');
    expect((await readFile(file)).toString('latin1')).not.toContain(secret);
    expect((await stat(file)).mode & 0o077).toBe(0);
    expect(await readdir(directory)).toEqual(['refresh-token.bin']);
  });

  it('replaces and deletes', async () => {
    const store = new CredentialStore(keychain(), directory);
    await store.set('device-credential', 'first');
    await store.set('device-credential', 'second');
    expect(await store.get('device-credential')).toBe('second');
    await store.delete('device-credential');
    expect(await store.get('device-credential')).toBeNull();
  });

  it('forgets a secret the keychain can no longer decrypt (another OS account) instead of failing forever', async () => {
    await new CredentialStore(keychain(), directory).set('refresh-token', secret);
    const otherKeychain = new CredentialStore(keychain(), directory);
    expect(await otherKeychain.get('refresh-token')).toBeNull();
    expect(await readdir(directory)).toEqual([]);
  });

  it('writes nothing to disk when the OS has no keychain, and says so', async () => {
    const store = new CredentialStore(keychain(false), directory);
    expect(store.persistent).toBe(false);
    await store.set('refresh-token', secret);
    expect(await store.get('refresh-token')).toBe(secret);
    await expect(readdir(directory)).rejects.toThrow(/ENOENT/);
  });

  it('treats a corrupt file as absent, and removes it', async () => {
    const store = new CredentialStore(keychain(), directory);
    await store.set('refresh-token', secret);
    await writeFile(join(directory, 'refresh-token.bin'), 'garbage');
    expect(await store.get('refresh-token')).toBeNull();
    expect(await readdir(directory)).toEqual([]);
  });
});
