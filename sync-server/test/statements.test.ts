import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { buildTestApp } from './helper.js';
import { statementCounter } from './statements.js';

describe('statement counter (the N+1 tests rely on it)', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ WORKERS: 'off' });
  });
  afterAll(() => app.close());

  it('counts Prisma and raw statements, and each counter counts only its own work', async () => {
    const counter = statementCounter(app.db.pool);
    const one = await counter.measure(() =>
      app.db.prisma.product.findMany({ take: 1, select: { id: true } }),
    );
    expect(one.statements).toBe(1);
    const two = await counter.measure(async () => {
      await app.db.pool.query('SELECT 1');
      await app.db.prisma.category.findMany({ take: 1, select: { id: true, products: { take: 1 } } });
    });
    expect(two.statements).toBe(3);
    counter.stop();
    const again = statementCounter(app.db.pool);
    expect((await again.measure(() => app.db.pool.query('SELECT 1'))).statements).toBe(1);
    again.stop();
  });
});
