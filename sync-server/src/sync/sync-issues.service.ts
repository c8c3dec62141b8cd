import { decodeCursor, encodeCursor, type Page, type PageInput } from '@allure/shared/pagination';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { InvalidInputError } from '../errors.js';
import type { Context } from '../trpc/context.js';

// What sync leaves for a manager to look at, newest first, open ones only: quarantined documents, oversold
// stock, and discrepancies on recorded orders. Keyset-paginated on (createdAt, id).

interface Keyed {
  id: string;
  createdAt: Date;
}

function after(input: PageInput) {
  if (input.cursor === undefined) return {};
  const key = decodeCursor(input.cursor);
  const [time, id] = key ?? [];
  if (typeof time !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(time))) {
    throw new InvalidInputError('cursor is not one this list gave out');
  }
  const createdAt = new Date(time);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

function page<T extends Keyed>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

export async function listQuarantine(ctx: Pick<Context, 'db'>, principal: StaffPrincipal, input: PageInput) {
  const rows = await ctx.db.prisma.quarantinedDocument.findMany({
    where: { resolvedAt: null, terminal: storeScope(principal), ...after(input) },
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
  return page(rows, input.limit);
}

export async function listOversellAlerts(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: PageInput,
) {
  const rows = await ctx.db.prisma.oversellAlert.findMany({
    where: { resolvedAt: null, location: storeScope(principal), ...after(input) },
    select: {
      id: true,
      orderIds: true,
      quantityShort: true,
      createdAt: true,
      variant: {
        select: { id: true, sku: true, size: true, colour: true, product: { select: { name: true } } },
      },
      location: { select: { id: true, code: true, name: true } },
    },
    orderBy: newestFirst,
    take: input.limit + 1,
  });
  return page(rows, input.limit);
}

export async function listDiscrepancies(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: PageInput,
) {
  const rows = await ctx.db.prisma.orderDiscrepancy.findMany({
    where: { resolvedAt: null, order: storeScope(principal), ...after(input) },
    select: {
      id: true,
      kind: true,
      orderLineId: true,
      variantId: true,
      expected: true,
      actual: true,
      detail: true,
      createdAt: true,
      order: { select: { id: true, number: true, terminalId: true, cashierId: true, placedAt: true } },
    },
    orderBy: newestFirst,
    take: input.limit + 1,
  });
  return page(rows, input.limit);
}
