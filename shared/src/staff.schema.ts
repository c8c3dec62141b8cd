/**
 * Managing a store's staff from the back office: who works there, in which role, how they sign in.
 *
 * Managers and admins open the back office with their password, so they must have one; cashiers and
 * managers sign in on the tills with a PIN, so a cashier must have one (an admin never signs in on a till).
 * Staff members are named by `id` (a UUID the back office makes for a new person, so a retried create
 * never makes two).
 */
import { z } from 'zod';
import { email, name, uuid } from './common.schema.js';
import { pin } from './pin.js';
import { password } from './user.schema.js';

export const staffRoles = ['admin', 'manager', 'cashier'] as const;
export const staffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRole>;

/** Admins name the store (or none: every store's staff); a manager always gets their own. */
export const listStaffInput = z.object({ storeId: uuid.optional() });
export type ListStaffInput = z.infer<typeof listStaffInput>;

export const createStaffInput = z
  .object({
    id: uuid,
    /** Admins name the store; a manager's new staff always work in the manager's store. */
    storeId: uuid.optional(),
    name,
    email,
    role: staffRole,
    password: password.optional(),
    pin: pin.optional(),
  })
  .superRefine((input, issues) => {
    if (input.role !== 'cashier' && input.password === undefined) {
      issues.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'managers and admins sign in to the back office with a password: give one',
      });
    }
    if (input.role === 'cashier' && input.pin === undefined) {
      issues.addIssue({
        code: 'custom',
        path: ['pin'],
        message: 'cashiers sign in on the tills with a PIN: give one',
      });
    }
    if (input.role === 'admin' && input.pin !== undefined) {
      issues.addIssue({ code: 'custom', path: ['pin'], message: 'admins do not sign in on the tills' });
    }
  });
export type CreateStaffInput = z.infer<typeof createStaffInput>;

export const updateStaffInput = z
  .object({
    id: uuid,
    name: name.optional(),
    email: email.optional(),
    role: staffRole.optional(),
    /** The store a person moves to, or works in once no longer an admin (admins only). */
    storeId: uuid.optional(),
  })
  .refine(
    (input) => [input.name, input.email, input.role, input.storeId].some((field) => field !== undefined),
    'nothing to change: give a name, an e-mail, a role or a store',
  );
export type UpdateStaffInput = z.infer<typeof updateStaffInput>;

/** A new till PIN; the server keeps and replicates only its verifier. */
export const setStaffPinInput = z.object({ id: uuid, pin });
export type SetStaffPinInput = z.infer<typeof setStaffPinInput>;

/** Deactivated people can no longer sign in anywhere; reactivating them gives their access back. */
export const setStaffActiveInput = z.object({ id: uuid, active: z.boolean() });
export type SetStaffActiveInput = z.infer<typeof setStaffActiveInput>;
