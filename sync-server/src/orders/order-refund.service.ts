import type { Channel, OrderStatus, PaymentMethod, PaymentStatus } from '@allure/shared/enums';
import type { OrderRefundInput } from '@allure/shared/order-admin.schema';
import { statusAfterRefund, transitionOrder, transitionPayment } from '@allure/shared/order-status';
import {
  type ComputedRefund,
  computeRefund,
  fitRefundToPaid,
  type RefundableLine,
  type RefundQuantity,
  remainingRefund,
} from '@allure/shared/refund';
import { takenPaymentStatuses } from '@allure/shared/report';
import type pg from 'pg';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { inTransaction } from '../sync/batch.js';
import { type ChangeScope, scopeOf } from '../sync/change-feed.js';
import type { Context } from '../trpc/context.js';

/**
 * A manager gives money back for some or all of an order, in one transaction:
 *
 * - the order row is locked (FOR UPDATE) first, so two refunds of one order run one after the other and
 *   the second sees what the first refunded: of two refunds of the last unit, one wins and the other is
 *   refused (409), whatever the timing;
 * - the amounts come from shared/src/refund.ts (a share of what was paid for each line), fitted to what is
 *   left of the payments, so an order never gives back more than it took;
 * - the order and payment statuses move as order-status.ts allows, with a status-history row;
 * - restocked units go back, as `return` movements, to the location the order took them from;
 * - the refund id is the client's: the same refund sent again is answered with the first result, and the
 *   same id with other content is refused.
 *
 * A card or mobile-money refund is recorded here; sending it to the provider is the payments module's.
 * Refunds given at a till go through the same steps when they sync (sync/refund-ingest.ts), given by the
 * cashier and approved by the manager who typed their PIN there.
 */

export interface RefundView {
  id: string;
  orderId: string;
  amount: number;
  tax: number;
  currency: string;
  method: PaymentMethod;
  reference: string | null;
  shiftId: string | null;
  restock: boolean;
  reason: string | null;
  createdAt: Date;
  lines: { orderLineId: string; quantity: number; amount: number; tax: number }[];
}

export interface RefundOutcome {
  refund: RefundView;
  order: { id: string; status: OrderStatus; paymentStatus: PaymentStatus };
  /** The refund was recorded by an earlier request with this id; nothing was done again. */
  replayed: boolean;
}

interface LockedOrder {
  id: string;
  number: string;
  channel: Channel;
  status: OrderStatus;
  payment_status: PaymentStatus;
  store_id: string;
  currency: string;
}

export interface Written {
  outcome: RefundOutcome;
  /** Tills to tell (till orders and stock are replicated). */
  announce: ChangeScope[];
  /** A web order whose shopper may be watching its status. */
  webOrderId: string | null;
}

export async function refundOrder(
  ctx: Pick<Context, 'db' | 'changeFeed' | 'orderEvents' | 'jobs'>,
  principal: StaffPrincipal,
  input: OrderRefundInput,
): Promise<RefundOutcome> {
  const storeId = storeScope(principal).storeId ?? null;
  // A manager's own refund is approved by its author.
  const actor = { createdById: principal.userId, approvedById: principal.userId };
  const written = await inTransaction(ctx.db.pool, (client) =>
    refundInTransaction(client, actor, input, { storeId, shiftMayBeClosed: false }),
  );
  await Promise.all([
    ctx.changeFeed.announce(written.announce),
    written.webOrderId === null ? undefined : ctx.orderEvents.publish(written.webOrderId),
    // A web order's card or mobile-money payment is refunded through the provider (the job finds none to
    // send for cash, or for a replay already sent).
    written.webOrderId !== null && input.method !== 'cash' ? ctx.jobs.refundPayment(input.id) : undefined,
  ]);
  return written.outcome;
}

/** Who gave the refund, and who approved it (the same person when a manager gives it). */
export interface RefundActor {
  createdById: string;
  approvedById: string;
}

export interface RefundOptions {
  /** The store the order must belong to; null for an admin's refund of any store's order. */
  storeId: string | null;
  /**
   * A till refund is given offline and may reach the server after its shift was closed (and counted with
   * it on the till): the shift must exist, not still be open.
   */
  shiftMayBeClosed: boolean;
  /** What the till handed back, recorded in the order's history when the server's figure differs. */
  tillTotal?: number;
}

/**
 * The refund, inside the caller's transaction; the caller announces `announce` after the commit. Throws
 * NotFoundError, InvalidInputError or ConflictError when the refund cannot be given.
 */
export async function refundInTransaction(
  client: pg.ClientBase,
  actor: RefundActor,
  input: OrderRefundInput,
  options: RefundOptions,
): Promise<Written> {
  const order = await lockOrder(client, input.orderId, options.storeId);
  const existing = await loadRefund(client, input.id, order.currency);
  if (existing) {
    if (!sameRefund(existing, input)) {
      throw new ConflictError(`refund ${input.id} was already recorded with other content`);
    }
    const state = { id: order.id, status: order.status, paymentStatus: order.payment_status };
    return { outcome: { refund: existing, order: state, replayed: true }, announce: [], webOrderId: null };
  }
  return record(client, actor, order, input, options);
}

async function lockOrder(client: pg.ClientBase, orderId: string, storeId: string | null) {
  const { rows } = await client.query<LockedOrder>(
    `SELECT id, number, channel, status, payment_status, store_id, currency FROM "order"
      WHERE id = $1 AND ($2::uuid IS NULL OR store_id = $2::uuid)
      FOR UPDATE`,
    [orderId, storeId],
  );
  const order = rows[0];
  if (!order) throw new NotFoundError('order', orderId);
  return order;
}

async function record(
  client: pg.ClientBase,
  actor: RefundActor,
  order: LockedOrder,
  input: OrderRefundInput,
  options: RefundOptions,
): Promise<Written> {
  const { lines, previous, remainingPaid } = await loadRefundable(client, order.id);
  const request = input.lines ?? remainingRefund(lines, previous);
  if (request.length === 0)
    throw new ConflictError(`order ${order.number} has been refunded in full already`);
  const refund = fitRefundToPaid(computed(order, lines, previous, request), Math.max(0, remainingPaid));

  const status = statusAfterRefund(refund.fullyRefunded);
  if (!transitionOrder(order.channel, order.status, status).ok) {
    throw new ConflictError(`a ${order.channel} order that is ${order.status} cannot be refunded`);
  }
  if (!transitionPayment(order.payment_status, status).ok) {
    throw new ConflictError(`order ${order.number} has no payment to give back (${order.payment_status})`);
  }
  if (input.shiftId !== undefined) {
    await checkShift(client, input.shiftId, order.store_id, options.shiftMayBeClosed);
  }

  const inserted = await client.query<{ created_at: Date }>(
    `INSERT INTO refund (id, order_id, amount, tax, method, reference, shift_id, reason, restock,
                         created_by_id, approved_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING created_at`,
    [
      input.id,
      order.id,
      refund.total,
      refund.tax,
      input.method,
      input.reference ?? null,
      input.shiftId ?? null,
      input.reason ?? null,
      input.restock,
      actor.createdById,
      actor.approvedById,
    ],
  );
  await client.query(
    `INSERT INTO refund_line (id, refund_id, order_line_id, quantity, amount, tax)
     SELECT gen_random_uuid(), $1, l.order_line_id, l.quantity, l.amount, l.tax
       FROM unnest($2::uuid[], $3::int[], $4::int[], $5::int[]) AS l(order_line_id, quantity, amount, tax)`,
    [
      input.id,
      refund.lines.map((line) => line.orderLineId),
      refund.lines.map((line) => line.quantity),
      refund.lines.map((line) => line.total),
      refund.lines.map((line) => line.tax),
    ],
  );
  await client.query(
    `UPDATE "order" SET status = $2, payment_status = $3, updated_at = now() WHERE id = $1`,
    [order.id, status, status],
  );
  await client.query(
    `INSERT INTO order_status_history (id, order_id, from_status, to_status, actor_id, note)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
    [order.id, order.status, status, actor.createdById, historyNote(input, refund.total, options.tillTotal)],
  );
  const restockedStore = input.restock ? await restock(client, actor, order, lines, refund, input.id) : null;

  const announce: ChangeScope[] = [];
  // Web orders are not replicated to tills (see the change-log trigger); till orders are.
  if (order.channel === 'pos') announce.push(scopeOf('orders', order.store_id));
  if (restockedStore !== null) announce.push(scopeOf('stock', restockedStore));
  const view: RefundView = {
    id: input.id,
    orderId: order.id,
    amount: refund.total,
    tax: refund.tax,
    currency: order.currency,
    method: input.method,
    reference: input.reference ?? null,
    shiftId: input.shiftId ?? null,
    restock: input.restock,
    reason: input.reason ?? null,
    createdAt: inserted.rows[0]?.created_at ?? new Date(),
    lines: refund.lines.map((line) => ({
      orderLineId: line.orderLineId,
      quantity: line.quantity,
      amount: line.total,
      tax: line.tax,
    })),
  };
  return {
    outcome: { refund: view, order: { id: order.id, status, paymentStatus: status }, replayed: false },
    announce,
    webOrderId: order.channel === 'web' ? order.id : null,
  };
}

function computed(
  order: LockedOrder,
  lines: readonly RefundableLine[],
  previous: readonly RefundQuantity[],
  request: readonly RefundQuantity[],
): ComputedRefund {
  const result = computeRefund(lines, previous, request);
  if (result.ok) return result;
  switch (result.reason) {
    case 'empty':
      throw new InvalidInputError('name at least one line to refund');
    case 'unknown_line':
    case 'duplicate_line':
      throw new InvalidInputError(
        `line ${result.orderLineId} is not a line of order ${order.number}, or twice`,
      );
    case 'exceeds_remaining':
      throw new ConflictError(
        `only ${result.remaining} unit(s) of line ${result.orderLineId} are left to refund`,
      );
  }
}

async function loadRefundable(client: pg.ClientBase, orderId: string) {
  const lines = await client.query<{
    id: string;
    variant_id: string;
    quantity: number;
    total: number;
    tax: number;
  }>('SELECT id, variant_id, quantity, total, tax FROM order_line WHERE order_id = $1 ORDER BY position', [
    orderId,
  ]);
  const previous = await client.query<{ order_line_id: string; quantity: number }>(
    `SELECT rl.order_line_id, rl.quantity FROM refund_line rl JOIN refund r ON r.id = rl.refund_id
      WHERE r.order_id = $1`,
    [orderId],
  );
  const money = await client.query<{ paid: string; refunded: string }>(
    `SELECT (SELECT coalesce(sum(amount), 0) FROM payment
              WHERE order_id = $1 AND status = ANY($2::payment_status[])) AS paid,
            (SELECT coalesce(sum(amount), 0) FROM refund WHERE order_id = $1) AS refunded`,
    [orderId, takenPaymentStatuses],
  );
  const paid = Number(money.rows[0]?.paid ?? 0);
  const refunded = Number(money.rows[0]?.refunded ?? 0);
  return {
    lines: lines.rows.map((line): RefundableLine & { variantId: string } => ({
      orderLineId: line.id,
      variantId: line.variant_id,
      quantity: line.quantity,
      total: line.total,
      tax: line.tax,
      net: line.total - line.tax,
    })),
    previous: previous.rows.map((row) => ({ orderLineId: row.order_line_id, quantity: row.quantity })),
    remainingPaid: paid - refunded,
  };
}

async function checkShift(
  client: pg.ClientBase,
  shiftId: string,
  storeId: string,
  mayBeClosed: boolean,
): Promise<void> {
  const { rows } = await client.query<{ status: string }>(
    'SELECT status FROM shift WHERE id = $1 AND store_id = $2',
    [shiftId, storeId],
  );
  const shift = rows[0];
  if (!shift) throw new InvalidInputError(`shift ${shiftId} is not a shift of this order's store`);
  if (shift.status !== 'open' && !mayBeClosed)
    throw new ConflictError(`shift ${shiftId} is closed: its drawer was counted`);
}

/**
 * Puts the refunded units back where the order took them from: the location of its sale movements, or,
 * for an order that has none, its store's shop floor (till orders, as order-ingest.ts) or web stock.
 * Returns the store of the location, for the announcement.
 */
async function restock(
  client: pg.ClientBase,
  actor: RefundActor,
  order: LockedOrder,
  lines: readonly (RefundableLine & { variantId: string })[],
  refund: ComputedRefund,
  refundId: string,
): Promise<string | null> {
  const location = await client.query<{ id: string; store_id: string | null }>(
    `SELECT l.id, l.store_id FROM stock_location l
      WHERE l.id = coalesce(
              (SELECT m.location_id FROM stock_movement m WHERE m.order_id = $1 AND m.kind = 'sale'
                ORDER BY m.created_at, m.id LIMIT 1),
              (SELECT k.id FROM stock_location k
                WHERE k.store_id = $2 AND k.kind = (CASE WHEN $3 = 'pos' THEN 'store' ELSE 'web' END)::location_kind
                ORDER BY k.created_at, k.id LIMIT 1))`,
    [order.id, order.store_id, order.channel],
  );
  const target = location.rows[0];
  if (!target) throw new ConflictError(`the store of order ${order.number} has no location to restock`);

  const variantOf = new Map(lines.map((line) => [line.orderLineId, line.variantId]));
  const units = new Map<string, number>();
  for (const line of refund.lines) {
    const variantId = variantOf.get(line.orderLineId);
    if (variantId) units.set(variantId, (units.get(variantId) ?? 0) + line.quantity);
  }
  // In variant order, as every writer of stock locks levels.
  const variants = [...units.keys()].sort();
  await client.query(
    `INSERT INTO stock_movement (id, variant_id, location_id, quantity, kind, reason, order_id, user_id)
     SELECT gen_random_uuid(), m.variant_id, $1, m.quantity, 'return', $2, $3, $4
       FROM unnest($5::uuid[], $6::int[]) AS m(variant_id, quantity)`,
    [
      target.id,
      `refund ${refundId}`,
      order.id,
      actor.createdById,
      variants,
      variants.map((id) => units.get(id)),
    ],
  );
  return target.store_id;
}

function historyNote(input: OrderRefundInput, total: number, tillTotal: number | undefined): string {
  const gap = tillTotal === undefined || tillTotal === total ? '' : ` (the till gave back ${tillTotal})`;
  const note = `refund ${input.id}${gap}${input.reason ? `: ${input.reason}` : ''}`;
  return note.slice(0, 500);
}

async function loadRefund(client: pg.ClientBase, id: string, currency: string): Promise<RefundView | null> {
  const { rows } = await client.query<{
    id: string;
    order_id: string;
    amount: number;
    tax: number;
    method: PaymentMethod;
    reference: string | null;
    shift_id: string | null;
    restock: boolean;
    reason: string | null;
    created_at: Date;
    lines: { order_line_id: string; quantity: number; amount: number; tax: number }[];
  }>(
    `SELECT r.id, r.order_id, r.amount, r.tax, r.method, r.reference, r.shift_id, r.restock, r.reason,
            r.created_at,
            coalesce((SELECT json_agg(json_build_object('order_line_id', l.order_line_id,
                                                        'quantity', l.quantity, 'amount', l.amount,
                                                        'tax', l.tax) ORDER BY l.order_line_id)
                        FROM refund_line l WHERE l.refund_id = r.id), '[]') AS lines
       FROM refund r WHERE r.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    orderId: row.order_id,
    amount: row.amount,
    tax: row.tax,
    currency,
    method: row.method,
    reference: row.reference,
    shiftId: row.shift_id,
    restock: row.restock,
    reason: row.reason,
    createdAt: row.created_at,
    lines: row.lines.map((line) => ({
      orderLineId: line.order_line_id,
      quantity: line.quantity,
      amount: line.amount,
      tax: line.tax,
    })),
  };
}

/** A retry of the same refund: same order, money path and stock decision, and the same lines if named. */
function sameRefund(existing: RefundView, input: OrderRefundInput): boolean {
  if (
    existing.orderId !== input.orderId ||
    existing.method !== input.method ||
    existing.restock !== input.restock ||
    existing.shiftId !== (input.shiftId ?? null) ||
    existing.reference !== (input.reference ?? null)
  ) {
    return false;
  }
  if (input.lines === undefined) return true;
  const key = (lines: readonly { orderLineId: string; quantity: number }[]) =>
    lines
      .map((line) => `${line.orderLineId}:${line.quantity}`)
      .sort()
      .join(',');
  return key(existing.lines) === key(input.lines);
}
