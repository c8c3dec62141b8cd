import type { Prisma } from '@allure/db/client';
import type { PageInput } from '@allure/shared/pagination';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { NotFoundError } from '../errors.js';
import { newestFirst, newestFirstAfter, newestFirstPage } from '../keyset.js';
import type { Context } from '../trpc/context.js';

// What sync leaves for a manager to look at, newest first, open ones only: quarantined documents and
// discrepancies on recorded orders (oversold stock is inventory's: inventory.oversellAlerts). Keyset-paginated
// on (createdAt, id).

export async function listQuarantine(ctx: Pick<Context, 'db'>, principal: StaffPrincipal, input: PageInput) {
  const rows = await ctx.db.prisma.quarantinedDocument.findMany({
    where: { resolvedAt: null, terminal: storeScope(principal), ...newestFirstAfter(input, 'quarantine') },
    select: {
      id: true,
      collection: true,
      documentId: true,
      reason: true,
      payload: true,
      createdAt: true,
      terminal: { select: { id: true, code: true, storeId: true } },
    },
    orderBy: newestFirst,
    take: input.limit + 1,
  });
  return newestFirstPage(rows, input.limit, 'quarantine');
}

export async function listDiscrepancies(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: PageInput,
) {
  const rows = await ctx.db.prisma.orderDiscrepancy.findMany({
    where: { resolvedAt: null, order: storeScope(principal), ...newestFirstAfter(input, 'discrepancies') },
    select: {
      id: true,
      kind: true,
      orderLineId: true,
      variantId: true,
      expected: true,
      actual: true,
      detail: true,
      createdAt: true,
      order: {
        select: { id: true, number: true, storeId: true, terminalId: true, cashierId: true, placedAt: true },
      },
    },
    orderBy: newestFirst,
    take: input.limit + 1,
  });
  return newestFirstPage(rows, input.limit, 'discrepancies');
}

// A manager marks an issue handled once acted on (the sale entered again, the till updated or re-enrolled);
// it leaves the open list. Marking a handled one again answers the same, so a retried request is harmless.

export async function resolveQuarantined(ctx: Pick<Context, 'db'>, principal: StaffPrincipal, id: string) {
  const where = { id, terminal: storeScope(principal) } satisfies Prisma.QuarantinedDocumentWhereInput;
  await ctx.db.prisma.quarantinedDocument.updateMany({
    where: { ...where, resolvedAt: null },
    data: { resolvedAt: new Date() },
  });
  const row = await ctx.db.prisma.quarantinedDocument.findFirst({
    where,
    select: { id: true, resolvedAt: true },
  });
  if (!row) throw new NotFoundError('quarantined document', id);
  return row;
}

export async function resolveDiscrepancy(ctx: Pick<Context, 'db'>, principal: StaffPrincipal, id: string) {
  const where = { id, order: storeScope(principal) } satisfies Prisma.OrderDiscrepancyWhereInput;
  await ctx.db.prisma.orderDiscrepancy.updateMany({
    where: { ...where, resolvedAt: null },
    data: { resolvedAt: new Date() },
  });
  const row = await ctx.db.prisma.orderDiscrepancy.findFirst({
    where,
    select: { id: true, resolvedAt: true },
  });
  if (!row) throw new NotFoundError('order discrepancy', id);
  return row;
}
