import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import type { Context } from '../trpc/context.js';

export async function listStores(ctx: Pick<Context, 'db'>, principal: StaffPrincipal) {
  const scope = storeScope(principal);
  return ctx.db.prisma.store.findMany({
    where: scope.storeId === undefined ? {} : { id: scope.storeId },
    select: { id: true, code: true, name: true, currency: true, timezone: true },
    orderBy: { code: 'asc' },
    take: 500,
  });
}
