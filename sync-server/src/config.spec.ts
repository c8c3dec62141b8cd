import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEVELOPMENT_AUTH_SECRET,
  DEVELOPMENT_PAYMENT_WEBHOOK_SECRET,
  parseConfig,
} from './config.js';

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

describe('parseConfig in production', () => {
  // Everything production asks for; each case below takes one thing away.
  const { production, authSecret, metricsToken } = {
    production: {
      ...required,
      NODE_ENV: 'production',
      PAYMENT_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
    },
    authSecret: randomBytes(36).toString('base64url'),
    metricsToken: randomBytes(24).toString('base64url'),
  };
  const proper = { ...production, AUTH_SECRET: authSecret, METRICS_TOKEN: metricsToken };

  it('accepts a proper configuration', () => {
    expect(authSecret).toHaveLength(48);
    const config = parseConfig(proper);
    expect(config.production).toBe(true);
    expect(config.auth.secret).toBe(authSecret);
    expect(config.auth.cookieSecure).toBe(true);
    expect(config.metricsToken).toBe(metricsToken);
  });

  it('needs no metrics token when the endpoint is off', () => {
    expect(
      parseConfig({ ...production, AUTH_SECRET: authSecret, METRICS_ENDPOINT: 'false' }).production,
    ).toBe(true);
  });

  it('tolerates the development defaults outside production', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const config = parseConfig({ ...required, NODE_ENV, COOKIE_SECURE: 'false' });
      expect(config.auth.secret).toBe(DEVELOPMENT_AUTH_SECRET);
      expect(config.production).toBe(false);
    }
  });

  it.each([
    ['the default AUTH_SECRET', { ...production, METRICS_TOKEN: metricsToken }, /AUTH_SECRET.*default/],
    [
      'the default AUTH_SECRET given explicitly',
      { ...proper, AUTH_SECRET: DEVELOPMENT_AUTH_SECRET },
      /AUTH_SECRET/,
    ],
    ['a low-entropy AUTH_SECRET', { ...proper, AUTH_SECRET: 'a'.repeat(40) }, /AUTH_SECRET.*placeholder/],
    ['a patterned AUTH_SECRET', { ...proper, AUTH_SECRET: 'abcd'.repeat(10) }, /AUTH_SECRET/],
    ['COOKIE_SECURE=false', { ...proper, COOKIE_SECURE: 'false' }, /COOKIE_SECURE/],
    [
      'the development payment webhook secret',
      { ...proper, PAYMENT_WEBHOOK_SECRET: DEVELOPMENT_PAYMENT_WEBHOOK_SECRET },
      /PAYMENT_WEBHOOK_SECRET/,
    ],
    ['COOKIE_SECURE=0', { ...proper, COOKIE_SECURE: '0' }, /COOKIE_SECURE/],
    [
      'METRICS_ENDPOINT on without METRICS_TOKEN',
      { ...production, AUTH_SECRET: authSecret },
      /METRICS_TOKEN/,
    ],
  ])('refuses %s, naming it', (_case, env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('names every production problem at once', () => {
    expect(problemsOf({ ...production, COOKIE_SECURE: 'false' })).toEqual([
      expect.stringMatching(/AUTH_SECRET/),
      expect.stringMatching(/COOKIE_SECURE/),
      expect.stringMatching(/METRICS_TOKEN/),
    ]);
  });

  it('refuses a METRICS_TOKEN too short to be a secret', () => {
    expect(problemsOf({ ...proper, METRICS_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^METRICS_TOKEN: /),
    ]);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.1,10.0.0.0/8', ['10.0.0.1', '10.0.0.0/8']],
    [' 10.0.0.1 , fd00::/8 ', ['10.0.0.1', 'fd00::/8']],
  ])('reads %o as %o', (value, expected) => {
    const env = value === undefined ? required : { ...required, TRUST_PROXY: value };
    expect(parseConfig(env).trustProxy).toEqual(expected);
  });

  it.each([
    'true',
    'TRUE',
    'yes',
    'loopback',
    '10.0.0.1,everyone',
    '*',
    // Not hop counts (1-9) and not addresses: proxy-addr would read "10" as 0.0.0.10, and throw on "abc".
    '10',
    'abc',
    '10.0.0.0/33',
    '10.0.0.1/8/8',
    '10.0.0.1,',
  ])('refuses %o, which would let a client pick its own address', (value) => {
    const problems = problemsOf({ ...required, TRUST_PROXY: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TRUST_PROXY: .*"true" is refused/);
  });
});

describe('CORS_ORIGINS', () => {
  it('defaults to the web shop dev server', () => {
    expect(parseConfig(required).corsOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
  });

  it('accepts a comma-separated list of origins', () => {
    const config = parseConfig({
      ...required,
      CORS_ORIGINS: 'https://shop.allure.test, https://admin.allure.test:8443 ,http://localhost:5173',
    });
    expect(config.corsOrigins).toEqual([
      'https://shop.allure.test',
      'https://admin.allure.test:8443',
      'http://localhost:5173',
    ]);
  });

  it('may be empty (no browser origin admitted)', () => {
    expect(parseConfig({ ...required, CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
  });

  it.each([
    'http://x.test/path',
    'https://shop.allure.test/',
    'https://shop.allure.test?x=1',
    'ftp://shop.allure.test',
    'javascript:alert(1)',
    '*',
    'null',
    'https://shop.allure.test,https://ok.test/path',
  ])('refuses %o, naming CORS_ORIGINS', (value) => {
    const problems = problemsOf({ ...required, CORS_ORIGINS: value });
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^CORS_ORIGINS/);
  });
});
