import { describe, expect, it } from 'vitest';
import { LOCK_OUT_MS, MAX_WRONG_PINS, PinLockout } from './pin-lockout.js';

describe('PIN lock-out', () => {
  it('locks a person out after five wrong PINs in a row, for fifteen minutes, then lets them try again', () => {
    const lockout = new PinLockout();
    for (let n = 1; n < MAX_WRONG_PINS; n += 1) lockout.failed('awa', 1_000);
    expect(lockout.waitFor('awa', 1_000)).toBe(0);
    lockout.failed('awa', 1_000);
    expect(lockout.waitFor('awa', 1_000)).toBe(LOCK_OUT_MS);
    expect(lockout.waitFor('moussa', 1_000)).toBe(0);
    expect(lockout.waitFor('awa', 1_000 + LOCK_OUT_MS)).toBe(0);
  });

  it('starts counting again after a right PIN', () => {
    const lockout = new PinLockout();
    for (let n = 1; n < MAX_WRONG_PINS; n += 1) lockout.failed('awa');
    lockout.succeeded('awa');
    lockout.failed('awa');
    expect(lockout.waitFor('awa')).toBe(0);
  });

  it('refuses a wrong PIN as wrong, the one that locks them out and any PIN meanwhile as locked, in minutes', () => {
    const lockout = new PinLockout();
    expect(lockout.refusalFor('awa', 1_000)).toBeNull();
    for (let n = 1; n < MAX_WRONG_PINS; n += 1) {
      expect(lockout.counted('awa', false, 1_000)).toEqual({ kind: 'wrong' });
    }
    expect(lockout.counted('awa', false, 1_000)).toEqual({ kind: 'locked', minutes: 15 });
    expect(lockout.refusalFor('awa', 1_000 + 60_001)).toEqual({ kind: 'locked', minutes: 14 });
    expect(lockout.refusalFor('awa', 1_000 + LOCK_OUT_MS)).toBeNull();
  });

  it('takes a right PIN and counts again from nothing', () => {
    const lockout = new PinLockout();
    for (let n = 1; n < MAX_WRONG_PINS; n += 1) lockout.counted('awa', false);
    expect(lockout.counted('awa', true)).toBeNull();
    expect(lockout.counted('awa', false)).toEqual({ kind: 'wrong' });
  });
});
