import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';

// bull-board at /admin/queues: for admins and managers, by header or by the cookie jobs.openDashboard sets.

describe('queue dashboard', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ COOKIE_SECURE: 'false' });
  });
  afterAll(() => app.close());

  const queuesApi = (headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers });

  it('is closed to anonymous callers and to roles other than admin and manager', async () => {
    expect((await queuesApi()).statusCode).toBe(401);
    expect((await queuesApi({ authorization: 'Bearer not.a.token' })).statusCode).toBe(401);
    for (const audience of ['cashier', 'customer', 'terminal'] as const) {
      const answer = await queuesApi({ authorization: `Bearer ${await tokenFor(app, audience)}` });
      expect(answer.statusCode, audience).toBe(403);
    }
  });

  it('shows every queue to a manager, with the dashboard cookie', async () => {
    const opened = await call(app, 'jobs.openDashboard', undefined, {
      type: 'mutation',
      token: await tokenFor(app, 'manager'),
    });
    expect(opened.status).toBe(200);
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(
      /^allure_queues=[\w.-]+; Max-Age=600; Path=\/admin\/queues; HttpOnly; SameSite=Strict/,
    );
    const answer = await queuesApi({ cookie: cookie.split(';')[0] as string });
    expect(answer.statusCode).toBe(200);
    const names = (answer.json() as { queues: { name: string }[] }).queues.map((queue) => queue.name);
    expect(names.sort()).toEqual(['maintenance', 'media', 'outbox', 'payments', 'reports']);
    const page = await app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { cookie: cookie.split(';')[0] as string },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
