import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

const required = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/allure',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('applies documented defaults when only the required settings are given', () => {
    const config = parseConfig(required);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({
      url: required.DATABASE_URL,
      poolMax: 10,
      acquireTimeoutMs: 5_000,
      statementTimeoutMs: 10_000,
    });
    expect(config.redis.keyPrefix).toBe('allure:');
    expect(config.http).toEqual({
      requestTimeoutMs: 15_000,
      bodyLimitBytes: 1_048_576,
      shutdownTimeoutMs: 10_000,
    });
    expect(config.metricsEndpoint).toBe(true);
  });

  it('names every missing required setting', () => {
    expect(problemsOf({})).toEqual([
      'DATABASE_URL is required but not set',
      'REDIS_URL is required but not set',
    ]);
  });

  it.each([
    [{ PORT: 'http' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, /^DATABASE_URL: must be a postgresql:\/\/ URL$/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL: /],
    [{ DB_POOL_MAX: '0' }, /^DB_POOL_MAX: /],
    [{ DB_STATEMENT_TIMEOUT_MS: '-5' }, /^DB_STATEMENT_TIMEOUT_MS: /],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL: /],
    [{ METRICS_ENDPOINT: 'yes' }, /^METRICS_ENDPOINT: /],
    [{ REDIS_KEY_PREFIX: 'Allure Prod' }, /^REDIS_KEY_PREFIX: use 1-32 of/],
  ])('rejects %o with a message naming the setting', (override, message) => {
    const problems = problemsOf({ ...required, ...override });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('reads numbers and flags from their string form', () => {
    const config = parseConfig({ ...required, PORT: '8080', DB_POOL_MAX: '25', METRICS_ENDPOINT: '0' });
    expect(config.port).toBe(8080);
    expect(config.database.poolMax).toBe(25);
    expect(config.metricsEndpoint).toBe(false);
  });
});
