import type { StaffMember } from '@allure/shared/approval';
import { useState } from 'react';
import { tillPinLockout } from '../till/pin-lockout.js';

/** Why the last PIN was not taken: wrong, or the approver is locked out for `minutes`. */
export type PinRefusal = { kind: 'wrong' } | { kind: 'locked'; minutes: number };

const minutesOf = (milliseconds: number) => Math.ceil(milliseconds / 60_000);

/**
 * An approver's PIN typed on the till and checked by `check` (against the replicated verifier, offline too),
 * under the till's one lock-out: signing in, discounts and refunds count the same wrong PINs.
 */
export function useApproverPin<T>(check: (approver: StaffMember, pin: string) => Promise<T | null>) {
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<PinRefusal | null>(null);

  /** Checks the typed PIN for `approver`; the approval, or null with `refusal` saying why. */
  async function approve(approver: StaffMember): Promise<T | null> {
    const wait = tillPinLockout.waitFor(approver.id);
    if (wait > 0) {
      setRefusal({ kind: 'locked', minutes: minutesOf(wait) });
      return null;
    }
    setChecking(true);
    const approval = await check(approver, pin);
    setChecking(false);
    setPin('');
    if (!approval) {
      tillPinLockout.failed(approver.id);
      const locked = tillPinLockout.waitFor(approver.id);
      setRefusal(locked > 0 ? { kind: 'locked', minutes: minutesOf(locked) } : { kind: 'wrong' });
      return null;
    }
    tillPinLockout.succeeded(approver.id);
    setRefusal(null);
    return approval;
  }

  return {
    pin,
    /** Keeps digits only. */
    setPin: (typed: string) => setPin(typed.replace(/\D/g, '')),
    checking,
    refusal,
    approve,
  };
}
