/**
 * Staff and customer accounts. The role decides what a user may do: `admin` everything, `manager` one
 * store's back office (voids, refunds, stock), `cashier` the till, `customer` the web shop account.
 *
 * Passwords: 12 to 128 characters, no composition rules (NIST SP 800-63B: length, not symbols, makes them
 * strong; the upper bound only stops hashing megabytes). Cashiers also get a till PIN (pin.ts).
 */
import { z } from 'zod';
import { email, name, phone, searchText, uuid } from './common.schema.js';
import { role } from './enums.js';
import { pageInput } from './pagination.js';
import { pin } from './pin.js';

export const user = z.object({ id: uuid, email, name, role });
export type User = z.infer<typeof user>;

export const password = z.string().min(12).max(128);

export const createUserInput = user.omit({ id: true }).extend({ password });
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = user
  .pick({ email: true, name: true, role: true })
  .partial()
  .extend({ id: uuid });
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const listUsersInput = pageInput.extend({ role: role.optional(), search: searchText.optional() });
export type ListUsersInput = z.infer<typeof listUsersInput>;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: password,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** Sets a cashier's till PIN; the server stores and replicates only the verifier. */
export const setPinInput = z.object({ userId: uuid, pin });
export type SetPinInput = z.infer<typeof setPinInput>;

/** What signed-in users change about themselves; no id, so it can only ever be their own account. */
export const updateProfileInput = z.object({ name, phone: phone.nullable().optional() });
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;
