import type pg from 'pg';

/**
 * One transaction per pushed batch (one commit, one WAL flush), one savepoint per document: a document
 * that breaks a constraint is rolled back alone and the others of the batch are still stored. Any other
 * error (the database went away) fails the whole batch, which the terminal simply pushes again.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      // A deadlock or serialization failure is the database asking to try again; the whole batch is
      // rolled back, so running it again is safe. Locks are taken in key order, so this is a backstop.
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
    } finally {
      client.release();
    }
  }
}

const MAX_ATTEMPTS = 3;

function isRetryable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '40P01' || code === '40001';
}

/** A constraint the document broke (class 23: unique, foreign key, check), as opposed to a failure. */
export function isConstraintViolation(error: unknown): error is pg.DatabaseError {
  return (
    typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('23')
  );
}

/** Runs `work` in a savepoint; on a constraint violation rolls back to it and returns the error instead. */
export async function inSavepoint<T>(
  client: pg.ClientBase,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: pg.DatabaseError }> {
  await client.query('SAVEPOINT document');
  try {
    const value = await work();
    await client.query('RELEASE SAVEPOINT document');
    return { ok: true, value };
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT document');
    return { ok: false, error };
  }
}
