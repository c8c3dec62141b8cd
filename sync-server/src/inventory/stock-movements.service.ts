import type { Prisma } from '@allure/db/client';
import type { ListStockMovementsInput } from '@allure/shared/inventory.schema';
import type { Page } from '@allure/shared/pagination';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { pageOf, readCursor } from '../keyset.js';
import type { Context } from '../trpc/context.js';
import { reachableLocations } from './location-access.js';

// The ledger itself, newest first: every movement with what moved, where, why (its kind, reason, order or
// document) and who. Relations are read in one batched query each, whatever the page size.

const movementSelect = {
  id: true,
  kind: true,
  quantity: true,
  reason: true,
  orderId: true,
  documentId: true,
  terminalId: true,
  unitCost: true,
  currency: true,
  createdAt: true,
  variant: { select: { id: true, sku: true, size: true, colour: true, product: { select: { name: true } } } },
  location: { select: { id: true, code: true, name: true } },
  user: { select: { id: true, name: true } },
} satisfies Prisma.StockMovementSelect;

export type StockMovementView = Prisma.StockMovementGetPayload<{ select: typeof movementSelect }>;

export async function listStockMovements(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ListStockMovementsInput,
): Promise<Page<StockMovementView>> {
  if (input.locationId !== undefined) await reachableLocations(ctx, principal, [input.locationId]);
  const after =
    input.cursor === undefined ? undefined : readCursor(input.cursor, 'movements', ['time', 'uuid']);
  const scope = storeScope(principal);
  const rows = await ctx.db.prisma.stockMovement.findMany({
    where: {
      ...(scope.storeId === undefined ? {} : { location: scope }),
      ...(input.locationId === undefined ? {} : { locationId: input.locationId }),
      ...(input.variantId === undefined ? {} : { variantId: input.variantId }),
      ...(input.kind === undefined ? {} : { kind: input.kind }),
      ...(input.documentId === undefined ? {} : { documentId: input.documentId }),
      ...(after === undefined
        ? {}
        : { OR: [{ createdAt: { lt: after[0] } }, { createdAt: after[0], id: { lt: after[1] } }] }),
    },
    select: movementSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, 'movements', (row) => [row.createdAt, row.id]);
}
