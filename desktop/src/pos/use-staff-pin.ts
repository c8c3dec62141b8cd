import type { StaffMember } from '@allure/shared/approval';
import { useState } from 'react';
import { type PinRefusal, tillPinLockout } from '../till/pin-lockout.js';

/**
 * A staff member's PIN typed on the till and checked by `verify` (against the replicated verifier, offline
 * too), under the till's one lock-out: signing in, discounts and refunds count the same wrong PINs.
 */
export function useStaffPin<T>(verify: (member: StaffMember, pin: string) => Promise<T | null>) {
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<PinRefusal | null>(null);

  /** Checks the typed PIN for `member`: what `verify` gave for it, or null with `refusal` saying why. */
  async function check(member: StaffMember): Promise<T | null> {
    const locked = tillPinLockout.refusalFor(member.id);
    if (locked) {
      setRefusal(locked);
      return null;
    }
    setChecking(true);
    const accepted = await verify(member, pin);
    setChecking(false);
    setPin('');
    const refused = tillPinLockout.counted(member.id, accepted !== null);
    setRefusal(refused);
    return refused ? null : accepted;
  }

  return {
    pin,
    /** Keeps digits only. */
    setPin: (typed: string) => setPin(typed.replace(/\D/g, '')),
    checking,
    refusal,
    clearRefusal: () => setRefusal(null),
    check,
  };
}
