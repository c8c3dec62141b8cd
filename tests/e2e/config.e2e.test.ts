import { describe, expect, it } from 'vitest';
import { cleanEnv, start, syncServerDir } from '../support/processes.js';

// The built server refuses to start on bad configuration and says which setting is wrong.
describe('server start-up configuration', () => {
  it.each([
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, /DATABASE_URL is required but not set/],
    [
      { DATABASE_URL: 'mysql://x@localhost/db', REDIS_URL: 'redis://127.0.0.1:6379' },
      /DATABASE_URL: must be a postgresql:\/\/ URL/,
    ],
    [
      {
        DATABASE_URL: 'postgresql://postgres@127.0.0.1/allure',
        REDIS_URL: 'redis://127.0.0.1:6379',
        PORT: 'eighty',
      },
      /PORT: /,
    ],
  ])('exits with code 78 and names the bad setting (%o)', async (env, message) => {
    const server = start(process.execPath, ['dist/server.js'], { cwd: syncServerDir, env: cleanEnv(env) });
    expect(await server.exited).toEqual({ code: 78, signal: null });
    expect(server.output()).toMatch(message);
  });
});
