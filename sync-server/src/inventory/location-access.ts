import type { Prisma } from '@allure/db/client';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';

// Who may work on which stock: a manager on the locations of their own store, an admin on every location,
// including central warehouses that belong to no store (they feed every store, so no one store's manager
// decides for them). A location out of reach is answered as not found, exactly like one that does not
// exist, so ids of other stores cannot be probed.

export const stockPlaceSelect = {
  id: true,
  code: true,
  name: true,
  kind: true,
  storeId: true,
} satisfies Prisma.StockLocationSelect;

export type StockPlace = Prisma.StockLocationGetPayload<{ select: typeof stockPlaceSelect }>;

/** The store a caller's reads and writes are confined to; null for an admin (every store). */
export function scopedStoreId(principal: StaffPrincipal): string | null {
  return storeScope(principal).storeId ?? null;
}

/** The locations `ids` names, each one the caller may work on; NOT_FOUND for any other. */
export async function reachableLocations(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  ids: readonly string[],
): Promise<Map<string, StockPlace>> {
  const rows = await ctx.db.prisma.stockLocation.findMany({
    where: { id: { in: [...new Set(ids)] }, ...storeScope(principal) },
    select: stockPlaceSelect,
  });
  const places = new Map(rows.map((row) => [row.id, row]));
  for (const id of ids) if (!places.has(id)) throw new NotFoundError('Stock location', id);
  return places;
}

/** The locations a caller sees, for pick lists: their store's, or all for an admin. */
export async function listLocations(ctx: Pick<Context, 'db'>, principal: StaffPrincipal) {
  return ctx.db.prisma.stockLocation.findMany({
    where: storeScope(principal),
    select: stockPlaceSelect,
    orderBy: { code: 'asc' },
    take: 500,
  });
}
