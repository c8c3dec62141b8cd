import type pg from 'pg';

/**
 * Counts the SQL statements a piece of work sends through the app's pool (Prisma's queries and raw ones
 * alike), so N+1 tests can show an endpoint's statement count does not grow with the rows it returns.
 * Integration test files run one at a time; build the app with WORKERS=off so that no queue worker uses
 * the pool while a measurement runs.
 */
export function statementCounter(pool: pg.Pool) {
  let statements = 0;
  const counted = new WeakSet<pg.PoolClient>();
  const track = (client: pg.PoolClient) => {
    if (counted.has(client)) return;
    counted.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
  };
  // Every checkout, pool.query's included, passes 'acquire'; a client is wrapped once for its life.
  pool.on('acquire', track);
  return {
    async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
      const before = statements;
      const result = await work();
      return { result, statements: statements - before };
    },
    stop() {
      pool.off('acquire', track);
    },
  };
}
