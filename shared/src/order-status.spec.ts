import { describe, expect, it } from 'vitest';
import {
  type Channel,
  type OrderStatus,
  orderStatuses,
  type PaymentStatus,
  paymentStatuses,
} from './enums.js';
import {
  canTransitionOrder,
  initialOrderStatus,
  isFinalStatus,
  orderTransitions,
  paymentTransitions,
  statusAfterRefund,
  transition,
  transitionOrder,
  transitionPayment,
} from './order-status.js';

// The allowed moves, restated independently of the tables: every pair not listed must be refused.
const allowedOrderMoves: Record<Channel, string[]> = {
  pos: [
    'completed→voided',
    'completed→partially_refunded',
    'completed→refunded',
    'partially_refunded→partially_refunded',
    'partially_refunded→refunded',
  ],
  web: [
    'pending→paid',
    'pending→confirmed',
    'pending→payment_failed',
    'pending→cancelled',
    'confirmed→fulfilled',
    'confirmed→cancelled',
    'payment_failed→pending',
    'payment_failed→cancelled',
    'paid→fulfilled',
    'paid→cancelled',
    'paid→partially_refunded',
    'paid→refunded',
    'fulfilled→completed',
    'fulfilled→partially_refunded',
    'fulfilled→refunded',
    'completed→partially_refunded',
    'completed→refunded',
    'partially_refunded→partially_refunded',
    'partially_refunded→refunded',
  ],
};

const allowedPaymentMoves = [
  'pending→authorized',
  'pending→paid',
  'pending→failed',
  'authorized→paid',
  'authorized→failed',
  'failed→pending',
  'paid→partially_refunded',
  'paid→refunded',
  'partially_refunded→partially_refunded',
  'partially_refunded→refunded',
];

const pairs = <S extends string>(statuses: readonly S[]) =>
  statuses.flatMap((from) => statuses.map((to) => [from, to] as const));

describe('order transitions', () => {
  it.each(
    (['pos', 'web'] as const).flatMap((channel) =>
      pairs(orderStatuses).map(([from, to]) => ({
        channel,
        from,
        to,
        allowed: allowedOrderMoves[channel].includes(`${from}→${to}`),
      })),
    ),
  )('$channel: $from → $to allowed: $allowed', ({ channel, from, to, allowed }) => {
    expect(canTransitionOrder(channel, from, to)).toBe(allowed);
    expect(transitionOrder(channel, from, to)).toEqual(
      allowed ? { ok: true, status: to } : { ok: false, reason: 'invalid_transition', from, to },
    );
  });

  it.each([
    ['pos', 'completed'],
    ['web', 'pending'],
  ] as const)('%s orders start %s', (channel, status) => {
    expect(initialOrderStatus[channel]).toBe(status);
  });

  it.each([
    ['pos', ['completed', 'voided', 'partially_refunded', 'refunded']],
    [
      'web',
      [
        'pending',
        'paid',
        'confirmed',
        'payment_failed',
        'cancelled',
        'fulfilled',
        'completed',
        'partially_refunded',
        'refunded',
      ],
    ],
  ] as const)('every %s status is reachable from the initial one', (channel, expected) => {
    const table = orderTransitions[channel];
    const reached = new Set<OrderStatus>([initialOrderStatus[channel]]);
    for (const status of reached) {
      for (const next of table[status]) reached.add(next);
    }
    expect([...reached].sort()).toEqual([...expected].sort());
  });

  it.each([
    ['pos', 'voided', true],
    ['pos', 'refunded', true],
    ['pos', 'completed', false],
    ['web', 'cancelled', true],
    ['web', 'fulfilled', false],
  ] as const)('%s: %s is final: %s', (channel, status, final) => {
    expect(isFinalStatus(orderTransitions[channel], status)).toBe(final);
  });

  it.each([
    [true, 'refunded'],
    [false, 'partially_refunded'],
  ] as const)('a refund that completes: %s gives %s', (fullyRefunded, status) => {
    expect(statusAfterRefund(fullyRefunded)).toBe(status);
    expect(canTransitionOrder('pos', 'completed', statusAfterRefund(fullyRefunded))).toBe(true);
  });
});

describe('payment transitions', () => {
  it.each(
    pairs(paymentStatuses).map(([from, to]) => ({
      from,
      to,
      allowed: allowedPaymentMoves.includes(`${from}→${to}`),
    })),
  )('$from → $to allowed: $allowed', ({ from, to, allowed }) => {
    expect(transitionPayment(from, to).ok).toBe(allowed);
  });

  it('reports the refused move', () => {
    expect(transition<PaymentStatus>(paymentTransitions, 'refunded', 'paid')).toEqual({
      ok: false,
      reason: 'invalid_transition',
      from: 'refunded',
      to: 'paid',
    });
  });
});
