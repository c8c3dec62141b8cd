import type { PageInput } from '@allure/shared/pagination';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { NotFoundError } from '../errors.js';
import { newestFirst, newestFirstAfter, newestFirstPage } from '../keyset.js';
import type { Context } from '../trpc/context.js';

// Jobs that failed every attempt, for managers to look at (their store's; admins see all), newest first.

export async function listDeadLetters(ctx: Pick<Context, 'db'>, principal: StaffPrincipal, input: PageInput) {
  const rows = await ctx.db.prisma.deadLetter.findMany({
    where: { resolvedAt: null, ...storeScope(principal), ...newestFirstAfter(input, 'dead-letters') },
    select: {
      id: true,
      queue: true,
      jobName: true,
      jobId: true,
      payload: true,
      error: true,
      attempts: true,
      createdAt: true,
      order: { select: { id: true, number: true, status: true } },
    },
    orderBy: newestFirst,
    take: input.limit + 1,
  });
  return newestFirstPage(rows, input.limit, 'dead-letters');
}

/** Marks a dead letter as dealt with (the order was followed up by hand, the shopper contacted). */
export async function resolveDeadLetter(ctx: Pick<Context, 'db'>, principal: StaffPrincipal, id: string) {
  const { count } = await ctx.db.prisma.deadLetter.updateMany({
    where: { id, resolvedAt: null, ...storeScope(principal) },
    data: { resolvedAt: new Date() },
  });
  if (count === 0) throw new NotFoundError('open dead letter', id);
  return { id, resolved: true };
}
