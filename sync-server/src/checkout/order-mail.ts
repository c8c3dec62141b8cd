import type { Prisma } from '@allure/db/client';
import { signOrderLink } from '../orders/order-link.js';
import type { Settlement } from '../payments/payment-settlement.js';

/** How long the tracking link in an order e-mail works. */
const TRACKING_LINK_DAYS = 90;

export function trackingToken(key: Uint8Array, orderId: string): string {
  return signOrderLink(key, orderId, new Date(Date.now() + TRACKING_LINK_DAYS * 86_400_000));
}

/**
 * The shopper's e-mail about a settled payment, written to the outbox in the settling transaction: sent
 * exactly when the settlement commits. Orders without an e-mail address get none.
 */
export async function queueOrderEmail(
  tx: Prisma.TransactionClient,
  orderId: string,
  outcome: Settlement['kind'],
  links: { key: Uint8Array; publicUrl: string },
): Promise<void> {
  const topic = outcome === 'failed' ? 'email.payment_failed' : 'email.order_confirmation';
  const trackingUrl = `${links.publicUrl}/orders/track?token=${trackingToken(links.key, orderId)}`;
  await tx.$executeRaw`
    INSERT INTO outbox_message (id, topic, payload)
    SELECT gen_random_uuid(), ${topic}::text, jsonb_build_object(
      'to', c.email, 'name', c.name, 'locale', coalesce(o.locale, 'fr'), 'orderNumber', o.number,
      'total', o.total, 'currency', o.currency, 'trackingUrl', ${trackingUrl}::text,
      'reason', (SELECT failure_reason FROM payment WHERE order_id = o.id ORDER BY position LIMIT 1))
    FROM "order" o JOIN customer c ON c.id = o.customer_id
    WHERE o.id = ${orderId}::uuid AND c.email IS NOT NULL`;
}
