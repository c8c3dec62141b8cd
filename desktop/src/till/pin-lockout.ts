/**
 * The till's own lock-out for PIN sign-in, offline included (the server applies the same rule to its
 * PIN sign-in): five wrong PINs in a row lock that person out of this till for fifteen minutes. A PIN
 * has at most 10^8 values; without this anyone at the counter could walk through them.
 */
export const MAX_WRONG_PINS = 5;
export const LOCK_OUT_MS = 15 * 60_000;

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
}

/** The till's one lock-out, for signing in and for manager approvals alike: either box counts the tries. */
export const tillPinLockout = new PinLockout();
