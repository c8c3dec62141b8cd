import type { StaffRole } from '@allure/shared/staff.schema';

// Who may change whom, decided from plain facts so every rule is tested on its own (staff-policy.spec.ts):
// a manager looks after the cashiers of their own store (and may set their own till PIN); an admin looks
// after anyone in any store. Nobody deactivates themselves, and the last active admin stays one.

export interface StaffActor {
  readonly userId: string;
  readonly role: 'admin' | 'manager';
  readonly storeId: string | null;
}

export interface StaffFacts {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly storeId: string | null;
  readonly active: boolean;
}

/** What a change touches; `details` is a new name or e-mail. */
export interface StaffChange {
  readonly role?: StaffRole | undefined;
  readonly storeId?: string | undefined;
  readonly active?: boolean | undefined;
  readonly pin?: true;
  readonly details?: true;
}

/** `hidden`: out of the actor's reach, answered as if it did not exist (no probing other stores). */
export type StaffRefusal =
  | { readonly kind: 'hidden' }
  | { readonly kind: 'forbidden' | 'conflict' | 'invalid'; readonly message: string };

const CASHIERS_ONLY = 'a manager looks after the cashiers of their own store only';

/** Why `actor` may not add someone with `role` to the staff, or null when they may. */
export function creationRefusal(actor: StaffActor, role: StaffRole): StaffRefusal | null {
  if (actor.role === 'manager' && role !== 'cashier') {
    return { kind: 'forbidden', message: 'only an admin can add a manager or an admin' };
  }
  return null;
}

/**
 * Why `actor` may not make `change` to `member`, or null when they may. `activeAdmins` counts the active
 * admins now, `member` included if they are one.
 */
export function changeRefusal(
  actor: StaffActor,
  member: StaffFacts,
  change: StaffChange,
  activeAdmins: number,
): StaffRefusal | null {
  if (actor.role === 'manager') {
    if (member.storeId !== actor.storeId) return { kind: 'hidden' };
    const ownPin = member.id === actor.userId && Object.keys(change).every((key) => key === 'pin');
    if (!ownPin && member.role !== 'cashier') return { kind: 'forbidden', message: CASHIERS_ONLY };
    if (change.role !== undefined && change.role !== 'cashier') {
      return { kind: 'forbidden', message: 'only an admin can make someone a manager or an admin' };
    }
    if (change.storeId !== undefined && change.storeId !== actor.storeId) {
      return { kind: 'forbidden', message: 'only an admin moves people between stores' };
    }
  }
  if (change.active === false && member.id === actor.userId) {
    return { kind: 'conflict', message: 'you cannot deactivate your own account: ask another admin' };
  }
  const roleAfter = change.role ?? member.role;
  if (change.pin && roleAfter === 'admin') {
    return { kind: 'invalid', message: 'admins do not sign in on the tills, so they have no PIN' };
  }
  const stopsBeingAdmin =
    member.role === 'admin' && member.active && (roleAfter !== 'admin' || change.active === false);
  if (stopsBeingAdmin && activeAdmins <= 1) {
    return {
      kind: 'conflict',
      message: `${member.name} is the last active admin: make someone else an admin first`,
    };
  }
  return null;
}
