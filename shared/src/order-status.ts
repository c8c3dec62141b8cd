/**
 * Order and payment lifecycles as explicit transition tables, so the terminal, the server and the admin UI
 * refuse the same moves.
 *
 * Point of sale: a sale is paid at the till, so it is born `completed`. It can then be `voided` (cancelled
 * by a manager, typically the same day, before any refund), or refunded once or several times:
 * completed → partially_refunded → … → refunded.
 *
 * Web shop: born `pending` at checkout; payment moves it to `paid` or `payment_failed` (from which the
 * customer may retry, back to `pending`, or give up: `cancelled`). Cash on delivery moves it to
 * `confirmed` instead: accepted, to be paid when handed over. A paid or confirmed order is `fulfilled`
 * (shipped or ready for pick-up), then `completed` when handed over (a cash-on-delivery order's payment is
 * then `paid`). Before fulfilment a paid order may still be
 * `cancelled` (its payment is then refunded); from paid, fulfilled or completed it may be (partially) refunded.
 *
 * Payments: pending → authorized (card held) → paid (captured), or straight to paid (cash, mobile money);
 * pending or authorized → failed (declined, expired, released); failed → pending (retry);
 * paid → partially_refunded → … → refunded.
 *
 * `partially_refunded → partially_refunded` is allowed: each further partial refund is a transition.
 * Every other self-transition is refused, so a replayed event is visible rather than silently accepted.
 */
import type { Channel, OrderStatus, PaymentStatus } from './enums.js';

export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export type TransitionResult<S extends string> =
  | { ok: true; status: S }
  | { ok: false; reason: 'invalid_transition'; from: S; to: S };

const posOrderTransitions: TransitionTable<OrderStatus> = {
  completed: ['voided', 'partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  voided: [],
  refunded: [],
  pending: [],
  confirmed: [],
  paid: [],
  fulfilled: [],
  cancelled: [],
  payment_failed: [],
};

const webOrderTransitions: TransitionTable<OrderStatus> = {
  pending: ['paid', 'confirmed', 'payment_failed', 'cancelled'],
  confirmed: ['fulfilled', 'cancelled'],
  payment_failed: ['pending', 'cancelled'],
  paid: ['fulfilled', 'cancelled', 'partially_refunded', 'refunded'],
  fulfilled: ['completed', 'partially_refunded', 'refunded'],
  completed: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  cancelled: [],
  refunded: [],
  voided: [],
};

export const orderTransitions: Readonly<Record<Channel, TransitionTable<OrderStatus>>> = {
  pos: posOrderTransitions,
  web: webOrderTransitions,
};

export const paymentTransitions: TransitionTable<PaymentStatus> = {
  pending: ['authorized', 'paid', 'failed'],
  authorized: ['paid', 'failed'],
  failed: ['pending'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
};

/** The status an order is created with. */
export const initialOrderStatus: Readonly<Record<Channel, OrderStatus>> = {
  pos: 'completed',
  web: 'pending',
};

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

export function transition<S extends string>(table: TransitionTable<S>, from: S, to: S): TransitionResult<S> {
  return canTransition(table, from, to)
    ? { ok: true, status: to }
    : { ok: false, reason: 'invalid_transition', from, to };
}

export function canTransitionOrder(channel: Channel, from: OrderStatus, to: OrderStatus): boolean {
  return canTransition(orderTransitions[channel], from, to);
}

export function transitionOrder(
  channel: Channel,
  from: OrderStatus,
  to: OrderStatus,
): TransitionResult<OrderStatus> {
  return transition(orderTransitions[channel], from, to);
}

export function transitionPayment(from: PaymentStatus, to: PaymentStatus): TransitionResult<PaymentStatus> {
  return transition(paymentTransitions, from, to);
}

/** No transition leaves these statuses. */
export function isFinalStatus<S extends string>(table: TransitionTable<S>, status: S): boolean {
  return table[status].length === 0;
}

/** The order status after a refund, from refund.ts's `fullyRefunded`. */
export function statusAfterRefund(
  fullyRefunded: boolean,
): Extract<OrderStatus, 'refunded' | 'partially_refunded'> {
  return fullyRefunded ? 'refunded' : 'partially_refunded';
}
