import type { VariantAvailability, VariantAvailabilityInput } from '@allure/shared/catalog.schema';
import { checkoutLocationSql } from '../checkout/web-location.js';
import type { Context } from '../trpc/context.js';

/**
 * How long browsers and CDNs may reuse an answer (http-cache.plugin.ts). Safe to share: the answer is the
 * same for everyone who asks about the same variants, nothing in it is the shopper's. Safe to be a few
 * seconds late: checkout counts the units again under lock, so the worst a stale answer costs is a checkout
 * answered `out_of_stock`, never an oversold unit. Worth it: a popular product page's bursts reach the API
 * once per few seconds per CDN node. The plugin's stale-while-revalidate (ten times this) lets a page
 * nobody opened for a while show an answer up to about a minute old, once, while it is fetched again.
 */
export const availabilityMaxAgeSeconds = 5;

/**
 * The units of each variant one web checkout would accept now: checkout's own rules (checkout.service.ts),
 * read without its locks.
 *
 * - The variant is on sale: active, of an active product, priced in the store's currency.
 * - The stock is the level at the store's checkout location (web-location.ts), never below 0 (a forced
 *   adjustment can take a level under 0). Reservations are already out of it: a pending web order's
 *   `reservation` movements took its units off the level through the ledger, and a failed payment puts
 *   them back the same way. (`stock_level.reserved` is not used.)
 * - One checkout buys from one store, so with several stores online the answer is the largest of their
 *   levels, not their sum.
 *
 * One statement: a product page's variants are read by primary key (variant, then stock_level on
 * (variant_id, location_id), then product); 0.4 ms for a product of 10 variants on the large seed.
 *
 * Not in the read cache, on purpose: no cache tag follows these levels. A checkout's reservation, a payment
 * that fails or is given up, and a refund's restock move web stock without invalidating anything (only stock
 * documents and thresholds go through announceStockChanges), so a cached answer would keep offering a sold
 * unit for its whole fresh time.
 */
export async function variantAvailability(
  ctx: Pick<Context, 'db'>,
  input: VariantAvailabilityInput,
): Promise<VariantAvailability[]> {
  const { rows } = await ctx.db.pool.query<{ variant_id: string; available: number }>(
    // MATERIALIZED: each store's checkout location is found once, not once per variant.
    `WITH checkout AS MATERIALIZED (SELECT s.currency, ${checkoutLocationSql('s')} AS location_id FROM store s)
     SELECT v.id AS variant_id, max(greatest(k.quantity, 0))::int AS available
       FROM variant v
       JOIN product p ON p.id = v.product_id
       JOIN checkout c ON c.currency = v.currency
       JOIN stock_level k ON k.variant_id = v.id AND k.location_id = c.location_id
      WHERE v.id = ANY($1::uuid[]) AND v.active AND p.status = 'active'
      GROUP BY v.id`,
    [input.variantIds],
  );
  const available = new Map(rows.map((row) => [row.variant_id, row.available]));
  return input.variantIds.map((variantId) => ({
    variantId,
    available: available.get(variantId.toLowerCase()) ?? 0,
  }));
}
