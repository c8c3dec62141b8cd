import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, demoEmails, listen, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';

const categories = (app: App, options: Parameters<typeof call>[3] = {}) =>
  call(app, 'catalog.categories', undefined, options);

describe('rate limits shared through Redis', () => {
  it('two server instances on different ports share one quota, and a refusal says when to retry', async () => {
    const prefix = `test:${randomUUID().slice(0, 8)}:`;
    const settings = { RATE_LIMIT_PER_MINUTE: '6', REDIS_KEY_PREFIX: prefix };
    const [one, two] = await Promise.all([buildTestApp(settings), buildTestApp(settings)]);
    try {
      const [base1, base2] = await Promise.all([listen(one), listen(two)]);
      expect(base1).not.toBe(base2);
      const statuses: number[] = [];
      let refused: Response | undefined;
      for (let index = 0; index < 9; index += 1) {
        const response = await fetch(`${index % 2 ? base2 : base1}/trpc/catalog.categories`);
        statuses.push(response.status);
        if (response.status === 429) refused ??= response;
        else await response.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429]);
      if (!refused) throw new Error('never refused');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(10);
      expect(refused.headers.get('ratelimit-policy')).toBe('"api";q=6;w=60');
      expect(refused.headers.get('ratelimit')).toMatch(/^"api";r=0;t=\d+$/);
      const body = (await refused.json()) as { error: { message: string; data: { code: string } } };
      expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
      expect(body.error.message).toMatch(/^too many requests \(api\): try again in \d+ s$/);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  describe('keys: user, terminal, else address', () => {
    let app: App;
    beforeAll(async () => {
      app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    });
    afterAll(() => app?.close());

    it('counts a signed-in user on their own quota, not their (shared) address', async () => {
      const address = '10.20.0.1';
      for (let index = 0; index < 3; index += 1) {
        expect((await categories(app, { remoteAddress: address })).status).toBe(200);
      }
      expect((await categories(app, { remoteAddress: address })).status).toBe(429);
      // Two cashiers behind the store's one NAT address each have their own quota.
      for (const email of [demoEmails.cashier, 'cashier2@allure.test']) {
        const { accessToken } = await sessionFor(app, email);
        for (let index = 0; index < 3; index += 1) {
          expect((await categories(app, { remoteAddress: address, token: accessToken })).status).toBe(200);
        }
        expect((await categories(app, { remoteAddress: address, token: accessToken })).status).toBe(429);
      }
    });
  });

  describe('X-Forwarded-For', () => {
    it('is ignored unless TRUST_PROXY says so: a spoofed header does not buy a fresh quota', async () => {
      const app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
      try {
        const statuses: number[] = [];
        for (let index = 0; index < 5; index += 1) {
          const spoofed = { 'x-forwarded-for': `198.51.100.${index}` };
          statuses.push((await categories(app, { remoteAddress: '10.30.0.1', headers: spoofed })).status);
        }
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
      } finally {
        await app.close();
      }
    });

    it('behind one trusted proxy, only the address the proxy saw counts, not what the client prepended', async () => {
      const app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' });
      try {
        const viaProxy = (claimed: string, real: string) =>
          categories(app, {
            remoteAddress: '10.0.0.2',
            headers: { 'x-forwarded-for': `${claimed}, ${real}` },
          });
        const statuses: number[] = [];
        for (let index = 0; index < 5; index += 1) {
          statuses.push((await viaProxy(`203.0.113.${index}`, '192.0.2.50')).status);
        }
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
        // Another real client behind the same proxy has its own quota: the header is used when trusted.
        expect((await viaProxy('203.0.113.99', '192.0.2.51')).status).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  describe('sign-in', () => {
    let app: App;
    beforeAll(async () => {
      app = await buildTestApp();
    });
    afterAll(() => app?.close());

    const login = (email: string, remoteAddress: string) =>
      call(app, 'auth.login', { email, password: 'wrong password' }, { type: 'mutation', remoteAddress });

    it('allows 5 attempts per account and address, then 10 per account from any address', async () => {
      const email = demoEmails.admin;
      const fromOne: number[] = [];
      for (let index = 0; index < 6; index += 1) fromOne.push((await login(email, '10.40.0.1')).status);
      expect(fromOne).toEqual([401, 401, 401, 401, 401, 429]);

      const fromMany: number[] = [];
      for (let index = 0; index < 6; index += 1)
        fromMany.push((await login(email, `10.41.0.${index}`)).status);
      // 6 counted for the account above (the refused one too), so 4 more pass: 10 per 15 minutes.
      expect(fromMany).toEqual([401, 401, 401, 401, 429, 429]);
      const locked = await login(email, '10.42.0.1');
      expect(locked.body.error?.message).toMatch(/^too many requests \(login-account\)/);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(30);

      // Another account from a fresh address is unaffected.
      expect((await login(demoEmails.customer, '10.43.0.1')).status).toBe(401);
    });
  });
});
