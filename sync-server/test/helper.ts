import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, parseConfig } from '../src/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

/**
 * Config for an app under test: this run's database, a Redis key prefix and media folders of its own,
 * quiet logs.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const id = randomUUID().slice(0, 8);
  return parseConfig({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: `test:${id}:`,
    MEDIA_DIR: join(tmpdir(), `allure-test-media-${id}`),
    UPLOAD_TMP_DIR: join(tmpdir(), `allure-test-uploads-${id}`),
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...overrides,
  });
}

export async function buildTestApp(overrides: Record<string, string> = {}) {
  return buildApp(testConfig(overrides));
}
