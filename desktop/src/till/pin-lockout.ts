/**
 * The till's own lock-out for PIN sign-in, offline included (the server applies the same rule to its
 * PIN sign-in): five wrong PINs in a row lock that person out of this till for fifteen minutes. A PIN
 * has at most 10^8 values; without this anyone at the counter could walk through them.
 */
export const MAX_WRONG_PINS = 5;
export const LOCK_OUT_MS = 15 * 60_000;

/** Why a PIN was not taken: wrong, or its owner is locked out for `minutes` more. */
export type PinRefusal = { kind: 'wrong' } | { kind: 'locked'; minutes: number };

export class PinLockout {
  private readonly wrong = new Map<string, { count: number; lockedUntil: number }>();

  /** Milliseconds this person must still wait, 0 when they may try. */
  waitFor(userId: string, now = Date.now()): number {
    return Math.max(0, (this.wrong.get(userId)?.lockedUntil ?? 0) - now);
  }

  failed(userId: string, now = Date.now()): void {
    const count = (this.wrong.get(userId)?.count ?? 0) + 1;
    this.wrong.set(
      userId,
      count >= MAX_WRONG_PINS ? { count: 0, lockedUntil: now + LOCK_OUT_MS } : { count, lockedUntil: 0 },
    );
  }

  succeeded(userId: string): void {
    this.wrong.delete(userId);
  }

  /** The refusal of any PIN this person types while locked out, before it is checked; null when they may try. */
  refusalFor(userId: string, now = Date.now()): PinRefusal | null {
    const wait = this.waitFor(userId, now);
    return wait > 0 ? { kind: 'locked', minutes: Math.ceil(wait / 60_000) } : null;
  }

  /** Counts a checked PIN: null when it was right, else why it is refused (the try that locks them out says so). */
  counted(userId: string, right: boolean, now = Date.now()): PinRefusal | null {
    if (right) {
      this.succeeded(userId);
      return null;
    }
    this.failed(userId, now);
    return this.refusalFor(userId, now) ?? { kind: 'wrong' };
  }
}

/** The till's one lock-out, for signing in and for manager approvals alike: either box counts the tries. */
export const tillPinLockout = new PinLockout();
