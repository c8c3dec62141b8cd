import { randomUUID } from 'node:crypto';
import { computeCartTotals } from '@allure/shared/cart-totals';
import type { Currency } from '@allure/shared/currency';
import type { PosOrderInput } from '@allure/shared/order.schema';
import { formatOrderNumber } from '@allure/shared/order-number';
import type pg from 'pg';

/** What a till knows when it rings up a sale: its store and itself. */
export interface TillIdentity {
  storeId: string;
  storeCode: string;
  terminalId: string;
  terminalCode: string;
  cashierId: string;
  currency: Currency;
  pricesIncludeTax: boolean;
}

export interface SellableVariant {
  id: string;
  price: number;
  vatRate: number;
}

/** A cash sale priced with the shared code, as the till records it. */
export function cashSale(
  till: TillIdentity,
  sequence: number,
  lines: readonly { variant: SellableVariant; quantity: number }[],
): PosOrderInput {
  const orderLines = lines.map(({ variant, quantity }) => ({
    id: randomUUID(),
    variantId: variant.id,
    quantity,
    unitPrice: variant.price,
    vatRate: variant.vatRate,
  }));
  const { total } = computeCartTotals({
    currency: till.currency,
    pricesIncludeTax: till.pricesIncludeTax,
    lines: orderLines,
  });
  return {
    id: randomUUID(),
    number: formatOrderNumber({
      channel: 'pos',
      storeCode: till.storeCode,
      terminalCode: till.terminalCode,
      sequence,
    }),
    storeId: till.storeId,
    terminalId: till.terminalId,
    cashierId: till.cashierId,
    currency: till.currency,
    pricesIncludeTax: till.pricesIncludeTax,
    lines: orderLines,
    payments: [{ method: 'cash', amount: total, tendered: total }],
    approvals: [],
    placedAt: new Date().toISOString(),
    total,
  };
}

/** Reads the demo store's facts straight from the database (the test's view, not the till's). */
export async function demoTill(pool: pg.Pool, terminalId: string): Promise<TillIdentity> {
  const { rows } = await pool.query<{
    store_id: string;
    store_code: string;
    terminal_code: string;
    currency: Currency;
    prices_include_tax: boolean;
    cashier_id: string;
  }>(
    `SELECT s.id AS store_id, s.code AS store_code, t.code AS terminal_code, s.currency, s.prices_include_tax,
            (SELECT u.id FROM "user" u WHERE u.email = 'cashier@allure.test') AS cashier_id
       FROM terminal t JOIN store s ON s.id = t.store_id WHERE t.id = $1`,
    [terminalId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no terminal ${terminalId}`);
  return {
    storeId: row.store_id,
    storeCode: row.store_code,
    terminalId,
    terminalCode: row.terminal_code,
    cashierId: row.cashier_id,
    currency: row.currency,
    pricesIncludeTax: row.prices_include_tax,
  };
}

/** Active variants that have stock on the store's shop floor. */
export async function sellableVariants(pool: pg.Pool, count: number): Promise<SellableVariant[]> {
  const { rows } = await pool.query<{ id: string; price: number; vat_rate: number }>(
    `SELECT v.id, v.price, p.vat_rate
       FROM stock_level s JOIN stock_location l ON l.id = s.location_id AND l.kind = 'store'
       JOIN variant v ON v.id = s.variant_id JOIN product p ON p.id = v.product_id
      WHERE p.status = 'active' AND v.active AND s.quantity > 0
      ORDER BY v.id LIMIT $1`,
    [count],
  );
  return rows.map((row) => ({ id: row.id, price: row.price, vatRate: row.vat_rate }));
}

/** Every (variant, location) whose level differs from the sum of its movements: must be empty. */
export async function ledgerDrift(pool: pg.Pool): Promise<unknown[]> {
  const { rows } = await pool.query(
    `SELECT l.variant_id, l.location_id, l.quantity, coalesce(m.total, 0) AS total
       FROM stock_level l
       LEFT JOIN (SELECT variant_id, location_id, sum(quantity)::int AS total
                    FROM stock_movement GROUP BY variant_id, location_id) m
         ON m.variant_id = l.variant_id AND m.location_id = l.location_id
      WHERE l.quantity <> coalesce(m.total, 0)`,
  );
  return rows;
}
