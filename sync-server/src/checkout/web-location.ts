/**
 * The stock a store sells online from: its first location of kind `web`, by code. Checkout reserves there
 * and the shop's availability reads there, so the shop never offers units that checkout would refuse.
 * `store` is the SQL alias of a `store` row.
 */
export function checkoutLocationSql(store: string): string {
  return `(SELECT l.id FROM stock_location l WHERE l.store_id = ${store}.id AND l.kind = 'web' ORDER BY l.code LIMIT 1)`;
}
