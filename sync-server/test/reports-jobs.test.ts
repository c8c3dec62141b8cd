import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import type { ReportJobState } from '../src/reports/report-jobs.js';
import { call, dataOf, sessionFor, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';

// Long reports as background jobs: start, follow the progress, read the result, as the back office does.

describe('reports as jobs', () => {
  let app: App;
  let manager: string;
  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    manager = (await sessionFor(app, 'manager@allure.test')).accessToken;
  });
  afterAll(() => app.close());

  const year = { from: '2026-01-01', to: '2026-12-31' };

  async function finished(jobId: string, token = manager): Promise<ReportJobState> {
    return vi.waitFor(
      async () => {
        const state = dataOf<ReportJobState>(await call(app, 'reports.job', { jobId }, { token }));
        if (state.state !== 'completed' && state.state !== 'failed') throw new Error(state.state);
        return state;
      },
      { timeout: 20_000, interval: 50 },
    );
  }

  it('runs a year of daily sales in the background, with progress, to the same result as inline', async () => {
    const started = dataOf<{ jobId: string }>(
      await call(
        app,
        'reports.start',
        { report: 'salesByDay', input: year },
        { token: manager, type: 'mutation' },
      ),
    );
    expect(started.jobId).toMatch(/^report-[0-9a-f]{64}$/);
    const job = await finished(started.jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 100, error: null });
    const inline = dataOf<unknown>(await call(app, 'reports.salesByDay', year, { token: manager }));
    expect(job.result).toEqual(inline);

    // Asking again shares the job and its result rather than running the report twice.
    const again = dataOf<{ jobId: string }>(
      await call(
        app,
        'reports.start',
        { report: 'salesByDay', input: year },
        { token: manager, type: 'mutation' },
      ),
    );
    expect(again.jobId).toBe(started.jobId);
  });

  it('runs top products too, and keeps a job to whoever started it (admins excepted)', async () => {
    const started = dataOf<{ jobId: string }>(
      await call(
        app,
        'reports.start',
        { report: 'topProducts', input: { ...year, limit: 5 } },
        { token: manager, type: 'mutation' },
      ),
    );
    expect((await finished(started.jobId)).state).toBe('completed');
    const admin = await tokenFor(app, 'admin');
    expect((await call(app, 'reports.job', started, { token: admin })).status).toBe(200);
    // Another manager of the same store: the report is someone else's request.
    const demoManager = await app.db.prisma.user.findUniqueOrThrow({
      where: { email: 'manager@allure.test' },
      select: { storeId: true, passwordHash: true },
    });
    await app.db.prisma.user.create({
      data: { email: 'second.manager@allure.test', name: 'Second Manager', role: 'manager', ...demoManager },
    });
    try {
      const otherManager = (await sessionFor(app, 'second.manager@allure.test')).accessToken;
      expect((await call(app, 'reports.job', started, { token: otherManager })).status).toBe(404);
    } finally {
      // The demo store's staff are what other test files expect (tills replicate them).
      await app.db.prisma.user.delete({ where: { email: 'second.manager@allure.test' } });
    }
  });

  it('fails a job whose report refuses its input, with the reason', async () => {
    const admin = await tokenFor(app, 'admin');
    // An admin must name the store: the report refuses, and the job says why.
    const started = dataOf<{ jobId: string }>(
      await call(
        app,
        'reports.start',
        { report: 'margins', input: year },
        { token: admin, type: 'mutation' },
      ),
    );
    const job = await finished(started.jobId, admin);
    expect(job).toMatchObject({
      state: 'failed',
      result: null,
      error: expect.stringMatching(/name the store/),
    });
  });

  it.each([
    ['an unknown report', { report: 'everything', input: year }],
    ['a period over 366 days', { report: 'salesByDay', input: { from: '2025-01-01', to: '2026-12-31' } }],
  ])('refuses %s with 400', async (_case, input) => {
    expect((await call(app, 'reports.start', input, { token: manager, type: 'mutation' })).status).toBe(400);
  });

  it('answers 400 for a job id that is not one, 404 for one that does not exist', async () => {
    expect((await call(app, 'reports.job', { jobId: 'charge-1' }, { token: manager })).status).toBe(400);
    const missing = { jobId: `report-${'0'.repeat(64)}` };
    expect((await call(app, 'reports.job', missing, { token: manager })).status).toBe(404);
  });
});
