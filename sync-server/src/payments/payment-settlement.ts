import type { Prisma } from '@allure/db/client';
import type { OrderStatus, PaymentStatus } from '@allure/shared/enums';
import { transitionOrder, transitionPayment } from '@allure/shared/order-status';

/**
 * The end of a web order's payment: the one place its status, its payment, its reserved stock and its
 * e-mail change together, in the caller's transaction. Whoever learns the outcome first (the worker's
 * charge, the provider's webhook, the expiry check) settles; the others find the order no longer pending
 * and change nothing, so duplicates and races are harmless.
 */
export type Settlement =
  | { kind: 'paid'; providerRef: string }
  /** Cash on delivery: accepted now, paid when handed over. */
  | { kind: 'confirmed' }
  | { kind: 'failed'; reason: string; providerRef?: string | undefined };

const outcomes: Record<Settlement['kind'], { order: OrderStatus; payment: PaymentStatus; sold: boolean }> = {
  paid: { order: 'paid', payment: 'paid', sold: true },
  confirmed: { order: 'confirmed', payment: 'pending', sold: true },
  failed: { order: 'payment_failed', payment: 'failed', sold: false },
};

export interface SettledOrder {
  id: string;
  storeId: string;
  status: OrderStatus;
  /** False when the order was already settled (a duplicate or late outcome). */
  changed: boolean;
}

export async function settleOrderPayment(
  tx: Prisma.TransactionClient,
  orderId: string,
  settlement: Settlement,
): Promise<SettledOrder | null> {
  const [order] = await tx.$queryRaw<{ id: string; store_id: string; status: OrderStatus }[]>`
    SELECT id, store_id, status FROM "order" WHERE id = ${orderId}::uuid AND channel = 'web' FOR UPDATE`;
  if (!order) return null;
  if (order.status !== 'pending')
    return { id: order.id, storeId: order.store_id, status: order.status, changed: false };

  const next = outcomes[settlement.kind];
  const orderMove = transitionOrder('web', 'pending', next.order);
  const paymentMove = transitionPayment('pending', next.payment);
  if (next.payment !== 'pending' && !paymentMove.ok) throw new Error(`payment cannot become ${next.payment}`);
  if (!orderMove.ok) throw new Error(`a pending web order cannot become ${next.order}`);

  const reason = settlement.kind === 'failed' ? settlement.reason.slice(0, 200) : null;
  await tx.order.update({
    where: { id: orderId },
    data: { status: next.order, paymentStatus: next.payment },
  });
  await tx.payment.updateMany({
    where: { orderId, status: 'pending' },
    data: {
      status: next.payment,
      failureReason: reason,
      paymentToken: null,
      ...('providerRef' in settlement && settlement.providerRef
        ? { providerRef: settlement.providerRef }
        : {}),
    },
  });
  await tx.orderStatusHistory.create({
    data: { orderId, fromStatus: 'pending', toStatus: next.order, note: reason },
  });
  // What the order still holds becomes sold, or goes back on the shelf.
  await tx.$executeRaw`
    WITH held AS (
      SELECT variant_id, location_id, -sum(quantity)::int AS units
      FROM stock_movement
      WHERE order_id = ${orderId}::uuid AND kind IN ('reservation', 'reservation_release')
      GROUP BY variant_id, location_id
      HAVING sum(quantity) <> 0
    )
    INSERT INTO stock_movement (id, variant_id, location_id, quantity, kind, order_id)
    SELECT gen_random_uuid(), variant_id, location_id, units, 'reservation_release'::stock_movement_kind, ${orderId}::uuid FROM held
    UNION ALL
    SELECT gen_random_uuid(), variant_id, location_id, -units, 'sale'::stock_movement_kind, ${orderId}::uuid FROM held WHERE ${next.sold}
    ORDER BY 2, 3`;
  return { id: order.id, storeId: order.store_id, status: next.order, changed: true };
}
