import { NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';

// Manager writes to the catalog, which every store shares. The change-log and price-history triggers record every write; the
// announcement after the commit is what gets it to the live terminals within milliseconds.

export async function setVariantPrice(
  ctx: Pick<Context, 'db' | 'changeFeed'>,
  input: { id: string; price: number },
) {
  const updated = await ctx.db.prisma.variant.updateMany({
    where: { id: input.id },
    data: { price: input.price },
  });
  if (updated.count === 0) throw new NotFoundError('Variant', input.id);
  await ctx.changeFeed.announce([{ collection: 'variants', storeId: null }]);
  return ctx.db.prisma.variant.findUniqueOrThrow({
    where: { id: input.id },
    select: { id: true, sku: true, price: true, currency: true, updatedAt: true },
  });
}
