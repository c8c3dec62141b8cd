/**
 * Customers, created at the till (offline, hence the client-generated id) or by the web shop. Email and
 * phone are both optional: many customers in Dakar give only a phone number, some give nothing but a name
 * for a receipt. Phones are stored in E.164 so the same person is found whatever way the number was typed.
 */
import { z } from 'zod';
import { email, name, phone, searchText, uuid } from './common.schema.js';
import { pageInput } from './pagination.js';

export const customer = z.object({
  id: uuid,
  name,
  email: email.optional(),
  phone: phone.optional(),
});
export type Customer = z.infer<typeof customer>;

export const createCustomerInput = customer;
export type CreateCustomerInput = z.infer<typeof createCustomerInput>;

/** Omitted fields are kept; `null` clears email or phone. */
export const updateCustomerInput = z.object({
  id: uuid,
  name: name.optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
});
export type UpdateCustomerInput = z.infer<typeof updateCustomerInput>;

export const listCustomersInput = pageInput.extend({ search: searchText.optional() });
export type ListCustomersInput = z.infer<typeof listCustomersInput>;
