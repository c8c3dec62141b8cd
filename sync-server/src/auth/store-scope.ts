import { InvalidInputError } from '../errors.js';
import type { UserPrincipal } from './principal.js';

/** A manager or an admin: the people who look after a store's tills and what they send. */
export type StaffPrincipal = UserPrincipal & { readonly role: 'admin' | 'manager' };

/** Managers act on their own store; admins on any. As a Prisma `where` fragment. */
export function storeScope(principal: StaffPrincipal): { storeId?: string } {
  if (principal.role === 'admin') return {};
  if (!principal.storeId) throw new InvalidInputError('your account is not attached to a store');
  return { storeId: principal.storeId };
}
