/**
 * Stores, their stock locations and their till terminals.
 *
 * A store's `code` appears in every order number (order-number.ts) and its `currency` in every amount, so
 * neither can be changed once set. `pricesIncludeTax` may change; each order keeps the value it was priced
 * with.
 */
import { z } from 'zod';
import { name, uuid } from './common.schema.js';
import { locale } from './enums.js';
import { currency } from './money.schema.js';
import { storeCode, terminalCode } from './order-number.js';
import { pageInput } from './pagination.js';

export const store = z.object({
  id: uuid,
  code: storeCode,
  name,
  currency,
  pricesIncludeTax: z.boolean(),
  locale,
});
export type Store = z.infer<typeof store>;

export const createStoreInput = store.omit({ id: true });
export type CreateStoreInput = z.infer<typeof createStoreInput>;

export const updateStoreInput = store
  .pick({ name: true, pricesIncludeTax: true, locale: true })
  .partial()
  .extend({ id: uuid });
export type UpdateStoreInput = z.infer<typeof updateStoreInput>;

export const listStoresInput = pageInput;
export type ListStoresInput = z.infer<typeof listStoresInput>;

/** Where stock sits: the shop floor, a back room, a warehouse. */
export const stockLocation = z.object({ id: uuid, storeId: uuid, name });
export type StockLocation = z.infer<typeof stockLocation>;

export const createStockLocationInput = stockLocation.omit({ id: true });
export type CreateStockLocationInput = z.infer<typeof createStockLocationInput>;

export const updateStockLocationInput = stockLocation.pick({ id: true, name: true });
export type UpdateStockLocationInput = z.infer<typeof updateStockLocationInput>;

/** A till. Its `code` (T01…) is part of the order numbers it mints, unique within its store, immutable. */
export const terminal = z.object({ id: uuid, storeId: uuid, code: terminalCode, name });
export type Terminal = z.infer<typeof terminal>;

export const createTerminalInput = terminal.omit({ id: true });
export type CreateTerminalInput = z.infer<typeof createTerminalInput>;

export const updateTerminalInput = terminal.pick({ id: true, name: true });
export type UpdateTerminalInput = z.infer<typeof updateTerminalInput>;

export const listByStoreInput = pageInput.extend({ storeId: uuid });
export type ListByStoreInput = z.infer<typeof listByStoreInput>;
