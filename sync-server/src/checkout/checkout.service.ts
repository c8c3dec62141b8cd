import { computeCartTotals } from '@allure/shared/cart-totals';
import type { CheckoutOrder, CheckoutRequest, CheckoutResult } from '@allure/shared/checkout.schema';
import type { Currency } from '@allure/shared/currency';
import type { OrderStatus, PaymentMethod, PaymentStatus } from '@allure/shared/enums';
import { currency as currencySchema } from '@allure/shared/money.schema';
import { formatOrderNumber } from '@allure/shared/order-number';
import type pg from 'pg';
import type { Principal } from '../auth/principal.js';
import { ConflictError, InvalidInputError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { inTransaction } from '../sync/batch.js';
import { contentHash } from '../sync/quarantine.js';
import type { Context } from '../trpc/context.js';
import { trackingToken } from './order-mail.js';
import { checkoutLocationSql } from './web-location.js';

/**
 * Web checkout: validates the cart against the catalogue, reserves the stock and records the order as
 * pending in one transaction, queues its payment, and answers at once. Payment happens in the background
 * (payments/payments.ts); the shopper follows it with `checkout.watch`.
 *
 * No oversell online: the web location's stock levels of the cart are locked (variant order, like till
 * pushes, so the two cannot deadlock) before availability is read, so concurrent buyers of the last unit
 * queue on the row and the second one finds it gone.
 *
 * Exactly once: the order id comes from the browser. A retry finds the order (after waiting on the same
 * locks if the first attempt is still committing) and gets it back; the same id with another cart is a
 * conflict.
 */

type CheckoutContext = Pick<Context, 'db' | 'auth' | 'log' | 'reply' | 'ip' | 'jobs' | 'changeFeed'>;

interface StoreRow {
  id: string;
  code: string;
  currency: string;
  prices_include_tax: boolean;
  location_id: string | null;
}

interface VariantRow {
  id: string;
  sku: string;
  size: string;
  colour: string;
  price: number;
  currency: string;
  vat_rate: number;
  product_name: string;
}

interface OrderRow {
  id: string;
  number: string;
  status: OrderStatus;
  payment_status: PaymentStatus;
  method: PaymentMethod;
  currency: string;
  total: number;
  source_hash: string | null;
}

export async function placeOrder(
  ctx: CheckoutContext,
  principal: Principal | null,
  input: CheckoutRequest,
): Promise<CheckoutResult> {
  await enforceRateLimits(ctx, [[ctx.auth.checkoutLimit, ctx.ip]], 'open');
  const account = principal?.kind === 'user' && principal.role === 'customer' ? principal.userId : null;
  const sourceHash = contentHash({ ...input, account });
  const variantIds = input.lines.map((line) => line.variantId).sort();

  const result = await inTransaction(ctx.db.pool, async (client): Promise<CheckoutResult | OrderRow> => {
    const store = await loadStore(client, input.storeId);
    await client.query(
      `SELECT 1 FROM stock_level WHERE location_id = $1 AND variant_id = ANY($2::uuid[]) ORDER BY variant_id FOR UPDATE`,
      [store.location_id, variantIds],
    );
    const existing = await findOrder(client, input.id);
    if (existing) return existing;

    const variants = await loadVariants(client, variantIds, store.currency);
    const missing = variantIds.filter((id) => !variants.has(id));
    if (missing.length > 0) return { outcome: 'unavailable', variantIds: missing };
    const short = await shortLines(client, store.location_id as string, input.lines);
    if (short.length > 0) return { outcome: 'out_of_stock', lines: short };

    const customerId = await customerFor(client, store.id, account, input.contact);
    const orderCurrency: Currency = currencySchema.parse(store.currency);
    const priced = input.lines.map((line) => ({ line, variant: variants.get(line.variantId) as VariantRow }));
    const totals = computeCartTotals({
      currency: orderCurrency,
      pricesIncludeTax: store.prices_include_tax,
      lines: priced.map(({ line, variant }) => ({
        variantId: line.variantId,
        quantity: line.quantity,
        unitPrice: variant.price,
        vatRate: variant.vat_rate,
      })),
    });
    const sequence = Number(
      (await client.query<{ n: string }>(`SELECT nextval('web_order_number_seq') AS n`)).rows[0]?.n,
    );
    const number = formatOrderNumber({ channel: 'web', storeCode: store.code, sequence });

    await client.query(
      `INSERT INTO "order" (id, number, channel, status, payment_status, store_id, customer_id, currency, subtotal,
                            discount_total, tax_total, total, prices_include_tax, source_hash, shipping_address,
                            locale, placed_at)
       VALUES ($1, $2, 'web', 'pending', 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())`,
      [
        input.id,
        number,
        store.id,
        customerId,
        orderCurrency,
        totals.subtotal,
        totals.discountTotal,
        totals.taxTotal,
        totals.total,
        store.prices_include_tax,
        sourceHash,
        input.shippingAddress ? JSON.stringify(input.shippingAddress) : null,
        input.locale,
      ],
    );
    const lines = priced.map(({ line, variant }, index) => {
      const amounts = totals.lines[index];
      return {
        position: index,
        variant_id: variant.id,
        product_name: variant.product_name,
        variant_label: [variant.size, variant.colour].filter(Boolean).join(' / ').slice(0, 80),
        sku: variant.sku,
        quantity: line.quantity,
        unit_price: variant.price,
        vat_rate: variant.vat_rate,
        discount: amounts?.discount ?? 0,
        tax: amounts?.tax ?? 0,
        total: amounts?.total ?? 0,
      };
    });
    await client.query(
      `INSERT INTO order_line (id, order_id, position, variant_id, product_name, variant_label, sku, quantity,
                               unit_price, vat_rate, discount, tax, total)
       SELECT gen_random_uuid(), $1, l.position, l.variant_id, l.product_name, l.variant_label, l.sku, l.quantity,
              l.unit_price, l.vat_rate, l.discount, l.tax, l.total
       FROM jsonb_to_recordset($2::jsonb) AS l(position int, variant_id uuid, product_name text, variant_label text,
            sku text, quantity int, unit_price int, vat_rate int, discount int, tax int, total int)`,
      [input.id, JSON.stringify(lines)],
    );
    const token =
      input.payment.method === 'card'
        ? input.payment.token
        : input.payment.method === 'mobile_money'
          ? input.payment.phone
          : null;
    await client.query(
      `INSERT INTO payment (id, order_id, method, status, amount, payment_token, reference)
       VALUES (gen_random_uuid(), $1, $2, 'pending', $3, $4, $5)`,
      [
        input.id,
        input.payment.method,
        totals.total,
        token,
        input.payment.method === 'mobile_money' ? input.payment.phone : null,
      ],
    );
    await client.query(
      `INSERT INTO order_status_history (id, order_id, from_status, to_status) VALUES (gen_random_uuid(), $1, NULL, 'pending')`,
      [input.id],
    );
    await client.query(
      `INSERT INTO stock_movement (id, variant_id, location_id, quantity, kind, order_id)
       SELECT gen_random_uuid(), l.variant_id, $2, -l.quantity, 'reservation', $1
       FROM jsonb_to_recordset($3::jsonb) AS l(variant_id uuid, quantity int) ORDER BY l.variant_id`,
      [
        input.id,
        store.location_id,
        JSON.stringify(input.lines.map((line) => ({ variant_id: line.variantId, quantity: line.quantity }))),
      ],
    );
    return {
      id: input.id,
      number,
      status: 'pending',
      payment_status: 'pending',
      method: input.payment.method,
      currency: orderCurrency,
      total: totals.total,
      source_hash: null,
    };
  });

  if ('outcome' in result) return result;
  if (result.source_hash !== null && result.source_hash !== sourceHash) {
    throw new ConflictError('this order id was already used for another checkout');
  }
  if (result.source_hash === null) {
    // Newly recorded: its payment is the worker's now; the tills see the reserved units leave.
    await Promise.all([
      ctx.jobs.chargeOrder(result.id),
      ctx.changeFeed.announce([{ collection: 'stock', storeId: input.storeId }]),
    ]);
  }
  return { outcome: 'accepted', order: checkoutOrder(ctx, result) };
}

function checkoutOrder(ctx: Pick<Context, 'auth'>, row: OrderRow): CheckoutOrder {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    paymentStatus: row.payment_status,
    paymentMethod: row.method,
    currency: currencySchema.parse(row.currency),
    total: row.total,
    trackingToken: trackingToken(ctx.auth.keys.orderLink, row.id),
  };
}

async function loadStore(
  client: pg.PoolClient,
  storeId: string,
): Promise<StoreRow & { location_id: string }> {
  const { rows } = await client.query<StoreRow>(
    `SELECT s.id, s.code, s.currency, s.prices_include_tax, ${checkoutLocationSql('s')} AS location_id
       FROM store s WHERE s.id = $1`,
    [storeId],
  );
  const store = rows[0];
  if (!store?.location_id) throw new InvalidInputError('this store does not sell online');
  return { ...store, location_id: store.location_id };
}

async function findOrder(client: pg.PoolClient, id: string): Promise<OrderRow | null> {
  const { rows } = await client.query<OrderRow>(
    `SELECT o.id, o.number, o.status, o.payment_status, p.method, o.currency, o.total, o.source_hash
       FROM "order" o JOIN payment p ON p.order_id = o.id AND p.position = 0
      WHERE o.id = $1`,
    [id],
  );
  const found = rows[0];
  // A till order with this id is another order altogether.
  if (found && found.source_hash === null) throw new ConflictError('this order id was already used');
  return found ?? null;
}

/** Variants on sale: active, of an active product, priced in the store's currency. */
async function loadVariants(
  client: pg.PoolClient,
  ids: string[],
  storeCurrency: string,
): Promise<Map<string, VariantRow>> {
  const { rows } = await client.query<VariantRow>(
    `SELECT v.id, v.sku, v.size, v.colour, v.price, v.currency, p.vat_rate, p.name AS product_name
       FROM variant v JOIN product p ON p.id = v.product_id
      WHERE v.id = ANY($1::uuid[]) AND v.active AND p.status = 'active' AND v.currency = $2`,
    [ids, storeCurrency],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function shortLines(
  client: pg.PoolClient,
  locationId: string,
  lines: CheckoutRequest['lines'],
): Promise<{ variantId: string; requested: number; available: number }[]> {
  const { rows } = await client.query<{ variant_id: string; quantity: number }>(
    `SELECT variant_id, quantity FROM stock_level WHERE location_id = $1 AND variant_id = ANY($2::uuid[])`,
    [locationId, lines.map((line) => line.variantId)],
  );
  const onHand = new Map(rows.map((row) => [row.variant_id, row.quantity]));
  return lines
    .map((line) => ({
      variantId: line.variantId,
      requested: line.quantity,
      available: Math.max(0, onHand.get(line.variantId) ?? 0),
    }))
    .filter((line) => line.available < line.requested);
}

/**
 * The customer the order belongs to: the signed-in account's, or the store's guest customer with this
 * e-mail (created on first order; an advisory lock keeps two simultaneous first orders from making two).
 */
async function customerFor(
  client: pg.PoolClient,
  storeId: string,
  account: string | null,
  contact: CheckoutRequest['contact'],
): Promise<string> {
  if (account) {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM customer WHERE user_id = $1`, [
      account,
    ]);
    if (rows[0]) return rows[0].id;
  }
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `customer:${storeId}:${contact.email}`,
  ]);
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM customer WHERE store_id = $1 AND lower(email) = $2 AND (user_id IS NULL OR user_id = $3) LIMIT 1`,
    [storeId, contact.email, account],
  );
  if (rows[0]) return rows[0].id;
  const created = await client.query<{ id: string }>(
    `INSERT INTO customer (id, name, email, phone, store_id, user_id) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5) RETURNING id`,
    [contact.name, contact.email, contact.phone ?? null, storeId, account],
  );
  return created.rows[0]?.id as string;
}
