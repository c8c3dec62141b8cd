import { randomUUID } from 'node:crypto';
import type { CheckoutInput, CheckoutResult } from '@allure/shared/checkout.schema';
import { vi } from 'vitest';
import type { App } from '../src/app.js';
import type { OrderProgress } from '../src/checkout/order-status.service.js';
import { call, dataOf } from './auth-helper.js';

/** Settings that make payment outcomes arrive in milliseconds rather than seconds. */
export const fastPayments = {
  PAYMENT_SIMULATOR_DELAY_MS: '20',
  PAYMENT_BACKOFF_MS: '50',
  PAYMENT_ATTEMPTS: '3',
  PAYMENT_TIMEOUT_MS: '400',
  CHECKOUT_PER_IP_15MIN: '100000',
  RATE_LIMIT_PER_MINUTE: '100000',
};

export interface WebStock {
  storeId: string;
  locationId: string;
}

export async function webStock(app: App): Promise<WebStock> {
  const location = await app.db.prisma.stockLocation.findFirstOrThrow({
    where: { kind: 'web', storeId: { not: null } },
    select: { id: true, storeId: true },
  });
  return { storeId: location.storeId as string, locationId: location.id };
}

/** Active variants with at least `minimum` units at the web location, none used by an earlier call. */
export async function webVariants(app: App, web: WebStock, count: number, minimum = 3): Promise<string[]> {
  const { rows } = await app.db.pool.query<{ id: string }>(
    `SELECT v.id FROM stock_level s JOIN variant v ON v.id = s.variant_id JOIN product p ON p.id = v.product_id
      WHERE s.location_id = $1 AND s.quantity >= $3 AND v.active AND p.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM stock_movement m WHERE m.variant_id = v.id AND m.order_id IS NOT NULL
                        AND m.location_id = $1)
      ORDER BY v.id LIMIT $2`,
    [web.locationId, count, minimum],
  );
  if (rows.length < count) throw new Error(`only ${rows.length} web variants with ${minimum} units`);
  return rows.map((row) => row.id);
}

export async function webLevel(app: App, web: WebStock, variantId: string): Promise<number> {
  const { rows } = await app.db.pool.query<{ quantity: number }>(
    'SELECT quantity FROM stock_level WHERE location_id = $1 AND variant_id = $2',
    [web.locationId, variantId],
  );
  return rows[0]?.quantity ?? 0;
}

/** Brings a web level to exactly `quantity` through the ledger. */
export async function setWebLevel(
  app: App,
  web: WebStock,
  variantId: string,
  quantity: number,
): Promise<void> {
  const delta = quantity - (await webLevel(app, web, variantId));
  if (delta === 0) return;
  await app.db.pool.query(
    `INSERT INTO stock_movement (id, variant_id, location_id, quantity, kind, reason)
     VALUES (gen_random_uuid(), $1, $2, $3, 'adjustment', 'test set-up')`,
    [variantId, web.locationId, delta],
  );
}

export function checkoutOf(
  web: WebStock,
  lines: { variantId: string; quantity: number }[],
  payment: CheckoutInput['payment'] = { method: 'card', token: 'tok_sim_success' },
): CheckoutInput {
  return {
    id: randomUUID(),
    storeId: web.storeId,
    lines,
    contact: { name: 'Awa Diop', email: `awa.${randomUUID().slice(0, 8)}@example.sn` },
    shippingAddress: { line1: 'Rue 10, Point E', city: 'Dakar', country: 'SN' },
    payment,
  };
}

export async function placeCheckout(app: App, input: CheckoutInput): Promise<CheckoutResult> {
  return dataOf<CheckoutResult>(await call(app, 'checkout.place', input, { type: 'mutation' }));
}

export async function progressOf(app: App, trackingToken: string): Promise<OrderProgress> {
  return dataOf<OrderProgress>(await call(app, 'checkout.status', { trackingToken }));
}

/** Waits (polling the status query) until the order leaves `pending`. */
export async function settledProgress(
  app: App,
  trackingToken: string,
  timeout = 15_000,
): Promise<OrderProgress> {
  return vi.waitFor(
    async () => {
      const progress = await progressOf(app, trackingToken);
      if (progress.status === 'pending') throw new Error('still pending');
      return progress;
    },
    { timeout, interval: 25 },
  );
}
