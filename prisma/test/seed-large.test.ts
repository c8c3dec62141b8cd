import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedResult, seed } from '../src/seed/seed.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('large seed (benchmarks)', () => {
  let db: TestDatabase;
  let result: SeedResult;

  beforeAll(async () => {
    db = await createTestDatabase('seed_large');
    result = await seed(db.pool, { size: 'large' });
    console.info(`large seed: ${result.durationMs} ms`, result.counts);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates 5,000 products of exactly 10 variants each', () => {
    expect(result.status).toBe('seeded');
    expect(result.counts).toMatchObject({ store: 1, product: 5_000, variant: 50_000 });
  });

  it('stocks the active products, with levels consistent with the ledger', async () => {
    expect(result.counts.stock_movement).toBeGreaterThan(50_000);
    const totals = await db.pool.query(
      `SELECT (SELECT sum(quantity) FROM stock_level)::bigint AS levels,
              (SELECT sum(quantity) FROM stock_movement)::bigint AS movements`,
    );
    expect(totals.rows[0].levels).toBe(totals.rows[0].movements);
  });

  it('runs well under a minute', () => {
    expect(result.durationMs).toBeLessThan(60_000);
  });
});
