import type { Prisma } from '@allure/db/client';
import type { ListOversellAlertsInput, ResolveOversellAlertInput } from '@allure/shared/inventory.schema';
import type { Page } from '@allure/shared/pagination';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { pageOf, readCursor } from '../keyset.js';
import type { Context } from '../trpc/context.js';
import { reachableLocations } from './location-access.js';

// Oversell alerts are raised by sync when offline sales took a level below zero (sync/order-ingest.ts). A
// manager looks at them here and resolves each with a note once the stock is understood (recounted,
// transferred in, written off); a later oversell of the same level opens a new alert.

const alertSelect = {
  id: true,
  orderIds: true,
  quantityShort: true,
  createdAt: true,
  resolvedAt: true,
  resolutionNote: true,
  resolvedBy: { select: { id: true, name: true } },
  variant: {
    select: { id: true, sku: true, size: true, colour: true, product: { select: { name: true } } },
  },
  location: { select: { id: true, code: true, name: true } },
} satisfies Prisma.OversellAlertSelect;

export type OversellAlertView = Prisma.OversellAlertGetPayload<{ select: typeof alertSelect }>;

/** Open alerts newest first; resolved ones most recently resolved first. */
export async function listOversellAlerts(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ListOversellAlertsInput,
): Promise<Page<OversellAlertView>> {
  if (input.locationId !== undefined) await reachableLocations(ctx, principal, [input.locationId]);
  const open = input.status === 'open';
  const order = open ? 'alerts:open' : 'alerts:resolved';
  const after = input.cursor === undefined ? undefined : readCursor(input.cursor, order, ['time', 'uuid']);
  const keyset =
    after === undefined
      ? {}
      : open
        ? { OR: [{ createdAt: { lt: after[0] } }, { createdAt: after[0], id: { lt: after[1] } }] }
        : { OR: [{ resolvedAt: { lt: after[0] } }, { resolvedAt: after[0], id: { lt: after[1] } }] };
  const rows = await ctx.db.prisma.oversellAlert.findMany({
    where: {
      resolvedAt: open ? null : { not: null },
      location: storeScope(principal),
      ...(input.locationId === undefined ? {} : { locationId: input.locationId }),
      ...keyset,
    },
    select: alertSelect,
    orderBy: open ? [{ createdAt: 'desc' }, { id: 'desc' }] : [{ resolvedAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, order, (row) => [
    (open ? row.createdAt : row.resolvedAt) ?? row.createdAt,
    row.id,
  ]);
}

/**
 * Marks an open alert resolved, with who and why. Resolving it again with the same note (a retried request)
 * answers the same; any other attempt on a resolved alert is a conflict naming who resolved it.
 */
export async function resolveOversellAlert(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ResolveOversellAlertInput,
): Promise<OversellAlertView> {
  const where = { id: input.id, location: storeScope(principal) } satisfies Prisma.OversellAlertWhereInput;
  await ctx.db.prisma.oversellAlert.updateMany({
    where: { ...where, resolvedAt: null },
    data: { resolvedAt: new Date(), resolvedById: principal.userId, resolutionNote: input.note },
  });
  const alert = await ctx.db.prisma.oversellAlert.findFirst({ where, select: alertSelect });
  if (!alert) throw new NotFoundError('Oversell alert', input.id);
  if (alert.resolvedBy?.id !== principal.userId || alert.resolutionNote !== input.note) {
    throw new ConflictError(
      `oversell alert ${input.id} was already resolved by ${alert.resolvedBy?.name ?? 'someone'} at ${alert.resolvedAt?.toISOString()}`,
    );
  }
  return alert;
}
