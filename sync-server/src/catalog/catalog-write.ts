import type { Database, Prisma, PrismaClient } from '@allure/db/client';
import { catalogCurrency } from '@allure/shared/catalog-currency';
import type { Currency } from '@allure/shared/currency';
import { nextFreeSlug, slugify } from '@allure/shared/slug';
import type { SyncCollection } from '@allure/shared/sync.schema';
import { type AppError, ConflictError, InvalidInputError } from '../errors.js';
import type { Context } from '../trpc/context.js';

// What every manager write to the catalog needs: the catalog currency, free slugs, constraint violations
// turned into answers that name the field, the category chain a product's listings follow, and what to do
// after the commit. The change-log triggers record every write for the terminals by themselves.

export type WriteContext = Pick<Context, 'db' | 'changeFeed' | 'cache'>;
export type CatalogClient = PrismaClient | Prisma.TransactionClient;

/** After the commit: live terminals pull what changed, and the cache forgets the reads that showed it. */
export async function published(
  ctx: Pick<Context, 'changeFeed' | 'cache'>,
  collections: readonly SyncCollection[],
  tags: readonly string[],
): Promise<void> {
  await Promise.all([
    ctx.changeFeed.announce([...new Set(collections)].map((collection) => ({ collection, storeId: null }))),
    ctx.cache.invalidate([...new Set(tags)]),
  ]);
}

/** A category and its ancestors, the category first (empty for an unknown id). */
export async function categoryChain(client: CatalogClient, categoryId: string): Promise<string[]> {
  const rows = await client.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE up AS (
      SELECT c.id, c.parent_id, 1 AS depth FROM category c WHERE c.id = ${categoryId}::uuid
      UNION ALL
      SELECT c.id, c.parent_id, u.depth + 1 FROM category c JOIN up u ON c.id = u.parent_id WHERE u.depth < 32
    )
    SELECT id::text AS id FROM up ORDER BY depth`;
  return rows.map((row) => row.id);
}

/** The currency new variants are priced in (see @allure/shared/catalog-currency). */
export async function variantCurrency(db: Database, requested: readonly Currency[]): Promise<Currency> {
  const stores = await db.prisma.store.findMany({
    distinct: ['currency'],
    select: { currency: true },
    take: 10,
  });
  const currencies = stores.map((store) => store.currency);
  let answer = catalogCurrency(currencies, undefined);
  for (const asked of requested) {
    if (!answer.ok) break;
    answer = catalogCurrency(currencies, asked);
  }
  if (answer.ok) return answer.currency;
  throw answer.cause === 'asked' ? new InvalidInputError(answer.reason) : new ConflictError(answer.reason);
}

/**
 * A slug made from `name` that no row of `table` has yet. A concurrent write may take it first: the
 * unique index refuses the second, which tries again.
 */
export async function freeSlug(db: Database, table: 'product' | 'category', name: string): Promise<string> {
  const base = slugify(name) || table;
  // Slugs are [a-z0-9-]: nothing in the base is special to LIKE or to a regular expression.
  const { rows } = await db.pool.query<{ slug: string }>(
    `SELECT slug FROM ${table} WHERE slug = $1 OR (slug LIKE $1 || '-%' AND slug ~ ('^' || $1 || '-[0-9]+$'))`,
    [base],
  );
  return nextFreeSlug(base, new Set(rows.map((row) => row.slug)));
}

/** The constraint a Prisma write broke (unique, foreign key), by name; null for any other error. */
export function brokenConstraint(error: unknown): string | null {
  const meta = (error as { code?: unknown; meta?: Record<string, unknown> } | null)?.meta;
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: { index?: unknown } } } | undefined)
    ?.cause;
  const name = cause?.constraint?.index;
  return typeof name === 'string' ? name : null;
}

/** Prisma's "record to update or delete does not exist". */
export function isMissingRecord(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2025';
}

/** The answer for a constraint the write broke, when `answers` has one; the error itself otherwise. */
export function explained(error: unknown, answers: Readonly<Record<string, () => AppError>>): unknown {
  const constraint = brokenConstraint(error);
  const answer = constraint === null ? undefined : answers[constraint];
  return answer ? answer() : error;
}

/** Whether a write failed only because a generated slug was taken meanwhile (worth one more try). */
export function isSlugTaken(error: unknown, constraint: string): boolean {
  return brokenConstraint(error) === constraint;
}
