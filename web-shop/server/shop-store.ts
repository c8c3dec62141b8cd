import type { Database } from '@allure/db/client';
import { isCurrency } from '@allure/shared/currency';
import type { ShopStore } from '../src/app/boot.js';

/**
 * The store the shop sells for: the one with a web location (checkout takes stock from there), or the one
 * named by SHOP_STORE_CODE. Looked up once at start; a shop without one cannot sell and says so.
 */
export async function findShopStore(db: Database, code: string | undefined): Promise<ShopStore> {
  const { rows } = await db.pool.query<{
    id: string;
    code: string;
    name: string;
    currency: string;
    country: string;
  }>(
    `SELECT DISTINCT s.id, s.code, s.name, s.currency, s.country
       FROM store s JOIN stock_location l ON l.store_id = s.id
      WHERE l.kind = 'web' AND ($1::text IS NULL OR s.code = $1)
      ORDER BY s.code LIMIT 2`,
    [code ?? null],
  );
  const [store, another] = rows;
  if (!store) {
    throw new Error(
      code
        ? `no store with code ${code} has a web location`
        : 'no store has a web location: the shop has nothing to sell from',
    );
  }
  if (another)
    throw new Error(`stores ${store.code} and ${another.code} both have a web location: set SHOP_STORE_CODE`);
  if (!isCurrency(store.currency))
    throw new Error(`store ${store.code} sells in ${store.currency}, which the shop does not know`);
  return { id: store.id, name: store.name, currency: store.currency, country: store.country };
}
