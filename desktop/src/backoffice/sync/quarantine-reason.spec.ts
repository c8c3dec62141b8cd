import { describe, expect, it } from 'vitest';
import { documentNumber, quarantineKind } from './quarantine-reason.js';

describe('quarantineKind', () => {
  it.each([
    ['invalid order: lines.0.quantity: Too big: expected number to be <=9999', 'unreadable'],
    ['invalid shift: openingFloat: Invalid input', 'unreadable'],
    ['invalid refund: lines: Too small', 'unreadable'],
    ['order 0190… was already recorded with other content', 'duplicate'],
    ['order of store a, but this terminal belongs to store b', 'wrongTill'],
    ['order of terminal a, pushed by terminal b', 'wrongTill'],
    ['order number DKR1-T09-000001 is not one of terminal DKR1-T01', 'wrongTill'],
    ["shift of store a, not this terminal's store", 'wrongTill'],
    ['shift of terminal a, not this one', 'wrongTill'],
    ['order in EUR, but the store sells in XOF', 'currency'],
    ['cashier 0190… is not staff of this store', 'staff'],
    ['unknown variant(s): 0190…', 'unknownProduct'],
    ['unknown customer 0190…', 'unknownCustomer'],
    ['something new', 'other'],
  ] as const)('%s → %s', (reason, kind) => {
    expect(quarantineKind(reason)).toBe(kind);
  });
});

describe('documentNumber', () => {
  it('reads the number the till printed, and nothing else', () => {
    expect(documentNumber({ number: 'DKR1-T01-000042' })).toBe('DKR1-T01-000042');
    expect(documentNumber({ number: 42 })).toBeNull();
    expect(documentNumber({ truncated: true })).toBeNull();
    expect(documentNumber(null)).toBeNull();
    expect(documentNumber(['DKR1'])).toBeNull();
  });
});
