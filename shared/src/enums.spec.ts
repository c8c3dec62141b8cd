import { describe, expect, it } from 'vitest';
import {
  channels,
  orderStatuses,
  paymentMethods,
  paymentStatuses,
  roles,
  stockMovementKinds,
} from './enums.js';

// These strings are the database enum values: renaming one is a migration, not a refactor.
describe('shared enums', () => {
  it.each<[string, readonly string[], string[]]>([
    ['channels', channels, ['pos', 'web']],
    [
      'order statuses',
      orderStatuses,
      [
        'pending',
        'confirmed',
        'paid',
        'fulfilled',
        'completed',
        'cancelled',
        'payment_failed',
        'voided',
        'refunded',
        'partially_refunded',
      ],
    ],
    [
      'payment statuses',
      paymentStatuses,
      ['pending', 'authorized', 'paid', 'failed', 'refunded', 'partially_refunded'],
    ],
    ['payment methods', paymentMethods, ['cash', 'card', 'mobile_money']],
    ['roles', roles, ['admin', 'manager', 'cashier', 'customer']],
    [
      'stock movement kinds',
      stockMovementKinds,
      [
        'sale',
        'return',
        'adjustment',
        'transfer_in',
        'transfer_out',
        'receipt',
        'reservation',
        'reservation_release',
      ],
    ],
  ])('%s are exactly the agreed values', (_, values, expected) => {
    expect([...values]).toEqual(expected);
    for (const value of values) expect(value).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
  });
});
