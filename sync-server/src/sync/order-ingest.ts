import type { StaffMember } from '@allure/shared/approval';
import type { CartTotals } from '@allure/shared/cart-totals';
import { type PosOrderInput, posOrderInput } from '@allure/shared/order.schema';
import { parseOrderNumber } from '@allure/shared/order-number';
import type { PushRow } from '@allure/shared/sync.schema';
import type pg from 'pg';
import type { TerminalPrincipal } from '../auth/principal.js';
import { inSavepoint, inTransaction } from './batch.js';
import { loadDocuments } from './documents.js';
import { type Discrepancy, type ReviewContext, reviewOrder } from './order-review.js';
import { contentHash, describeIssues, quarantine } from './quarantine.js';

/**
 * Recording till orders pushed by a terminal, exactly once.
 *
 * The order id (made by the till) is the idempotency key: the insert skips an id already present, and a
 * push of an order the server already has is answered with the server's copy, as a conflict, whatever
 * the reason it came again (a lost response, a retry after a crash, a terminal restored from backup).
 * The order, its lines, payments, approvals, its sale movements (hence the stock levels, by trigger) and
 * its discrepancies are written in one savepoint of the batch's transaction: all or nothing.
 */

export interface PushOutcome {
  /** The server's state of every document not taken as sent (RxDB's push answer). */
  conflicts: unknown[];
  /** Whether anything was written that terminals should pull. */
  changed: boolean;
}

interface OrderContext extends ReviewContext {
  locationId: string;
}

type Outcome =
  | { kind: 'recorded'; sequence: number }
  | { kind: 'known'; id: string }
  | { kind: 'quarantined'; answer: unknown };

export async function ingestOrders(
  pool: pg.Pool,
  terminal: TerminalPrincipal,
  staff: readonly StaffMember[],
  rows: readonly PushRow[],
): Promise<PushOutcome> {
  const parsed = rows.map((row) => ({
    document: row.newDocumentState,
    result: posOrderInput.safeParse(row.newDocumentState),
  }));
  const orders = parsed.flatMap((item) => (item.result.success ? [item.result.data] : []));
  const context = await loadContext(pool, terminal, staff, orders);

  const outcomes = await inTransaction(pool, async (client) => {
    // Every stock level the batch may touch, locked up front in one order for all batches: row locks are
    // held to the commit, so two tills' batches taking them order by order could deadlock.
    await client.query(
      `SELECT 1 FROM stock_level WHERE location_id = $1 AND variant_id = ANY($2::uuid[])
        ORDER BY variant_id FOR UPDATE`,
      [
        context.locationId,
        [...new Set(orders.flatMap((order) => order.lines.map((line) => line.variantId)))].sort(),
      ],
    );
    const done: Outcome[] = [];
    for (const { document, result } of parsed) {
      if (!result.success) {
        done.push({
          kind: 'quarantined',
          answer: await quarantine(
            client,
            terminal.terminalId,
            'orders',
            document,
            `invalid order: ${describeIssues(result.error)}`,
          ),
        });
        continue;
      }
      done.push(await ingestOne(client, terminal, context, result.data, document));
    }
    const sequences = done.flatMap((outcome) => (outcome.kind === 'recorded' ? [outcome.sequence] : []));
    await client.query(
      `UPDATE terminal SET last_seen_at = now(), last_order_seq = greatest(last_order_seq, $2) WHERE id = $1`,
      [terminal.terminalId, Math.max(0, ...sequences)],
    );
    return done;
  });

  const known = outcomes.flatMap((outcome) => (outcome.kind === 'known' ? [outcome.id] : []));
  const masters = await loadDocuments(pool, 'orders', known);
  return {
    conflicts: outcomes.flatMap((outcome) => {
      if (outcome.kind === 'quarantined') return [outcome.answer];
      if (outcome.kind === 'known') return [masters.get(outcome.id)];
      return [];
    }),
    changed: outcomes.some((outcome) => outcome.kind === 'recorded'),
  };
}

async function ingestOne(
  client: pg.ClientBase,
  terminal: TerminalPrincipal,
  context: OrderContext,
  order: PosOrderInput,
  document: unknown,
): Promise<Outcome> {
  const refuse = async (reason: string): Promise<Outcome> => ({
    kind: 'quarantined',
    answer: await quarantine(client, terminal.terminalId, 'orders', document, reason),
  });
  const review = reviewOrder(order, context);
  if (!review.ok) return refuse(review.reason);

  const hash = contentHash(order);
  const written = await inSavepoint(client, () =>
    recordOrder(client, context, order, review.totals, review.discrepancies, hash),
  );
  if (!written.ok) {
    const constraint = written.error.constraint ?? written.error.code;
    return refuse(
      constraint === 'order_number_key'
        ? `order number ${order.number} is already used by another order`
        : `order could not be recorded (${constraint}): ${written.error.message}`,
    );
  }
  if (written.value === 'inserted') {
    const number = parseOrderNumber(order.number);
    return { kind: 'recorded', sequence: number?.sequence ?? 0 };
  }
  if (written.value !== hash) {
    // Same id, other content: not a retry. Keep it for a manager, answer with what the server has.
    await quarantine(
      client,
      terminal.terminalId,
      'orders',
      document,
      `order ${order.id} was already recorded with other content`,
    );
  }
  return { kind: 'known', id: order.id };
}

/** 'inserted', or the source hash of the order already recorded under this id. */
async function recordOrder(
  client: pg.ClientBase,
  context: OrderContext,
  order: PosOrderInput,
  totals: CartTotals,
  discrepancies: readonly Discrepancy[],
  hash: string,
): Promise<'inserted' | string> {
  const inserted = await client.query(
    `INSERT INTO "order" (id, number, channel, status, payment_status, store_id, terminal_id, customer_id,
                          cashier_id, currency, subtotal, discount_total, tax_total, total, prices_include_tax,
                          cart_discount, source_hash, placed_at, updated_at)
     VALUES ($1, $2, 'pos', 'completed', 'paid', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now())
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      order.id,
      order.number,
      order.storeId,
      order.terminalId,
      order.customerId ?? null,
      order.cashierId,
      order.currency,
      totals.subtotal,
      totals.discountTotal,
      totals.taxTotal,
      // What the customer paid (the payments add up to it), even when the lines price differently.
      order.total,
      order.pricesIncludeTax,
      order.cartDiscount ? JSON.stringify(order.cartDiscount) : null,
      hash,
      order.placedAt,
    ],
  );
  if (inserted.rowCount === 0) {
    const existing = await client.query<{ source_hash: string | null }>(
      'SELECT source_hash FROM "order" WHERE id = $1',
      [order.id],
    );
    return existing.rows[0]?.source_hash ?? '';
  }

  const lines = order.lines.map((line, index) => ({ line, index, totals: totals.lines[index] }));
  await client.query(
    `INSERT INTO order_line (id, order_id, position, variant_id, product_name, variant_label, sku, quantity,
                             unit_price, catalog_unit_price, vat_rate, line_discount, discount, tax, total)
     SELECT l.id, $1, l.position, l.variant_id, p.name, left(v.size || ' / ' || v.colour, 80), v.sku, l.quantity,
            l.unit_price, l.catalog_unit_price, l.vat_rate, l.line_discount, l.discount, l.tax, l.total
       FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::int[], $6::int[], $7::int[], $8::int[], $9::jsonb[],
                   $10::int[], $11::int[], $12::int[])
            AS l(id, position, variant_id, quantity, unit_price, catalog_unit_price, vat_rate, line_discount,
                 discount, tax, total)
       JOIN variant v ON v.id = l.variant_id
       JOIN product p ON p.id = v.product_id`,
    [
      order.id,
      lines.map(({ line }) => line.id),
      lines.map(({ index }) => index),
      lines.map(({ line }) => line.variantId),
      lines.map(({ line }) => line.quantity),
      lines.map(({ line }) => line.unitPrice),
      lines.map(({ line }) => line.catalogUnitPrice ?? null),
      lines.map(({ line }) => line.vatRate),
      lines.map(({ line }) => (line.lineDiscount ? JSON.stringify(line.lineDiscount) : null)),
      lines.map(({ totals }) => totals?.discount ?? 0),
      lines.map(({ totals }) => totals?.tax ?? 0),
      lines.map(({ totals }) => totals?.total ?? 0),
    ],
  );

  await client.query(
    `INSERT INTO payment (id, order_id, position, method, status, amount, tendered, change, reference, updated_at)
     SELECT gen_random_uuid(), $1, p.position, p.method, 'paid', p.amount, p.tendered, p.tendered - p.amount,
            p.reference, now()
       FROM unnest($2::int[], $3::payment_method[], $4::int[], $5::int[], $6::text[])
            AS p(position, method, amount, tendered, reference)`,
    [
      order.id,
      order.payments.map((_, index) => index),
      order.payments.map((item) => item.method),
      order.payments.map((item) => item.amount),
      order.payments.map((item) => (item.method === 'cash' ? item.tendered : null)),
      order.payments.map((item) => (item.method === 'cash' ? null : (item.reference ?? null))),
    ],
  );

  // Approvals by someone the server does not know as staff are not stored (they are discrepancies).
  const approvals = order.approvals.filter((item) => context.staff.has(item.approvedById));
  if (approvals.length > 0) {
    await client.query(
      `INSERT INTO order_approval (id, order_id, action, order_line_id, approved_by_id, requested_by_id, reason, approved_at)
       SELECT gen_random_uuid(), $1, a.action, a.line, a.approver, $2, a.reason, a.approved_at
         FROM unnest($3::approval_action[], $4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[])
              AS a(action, line, approver, reason, approved_at)`,
      [
        order.id,
        order.cashierId,
        approvals.map((item) => item.action),
        approvals.map((item) => item.orderLineId ?? null),
        approvals.map((item) => item.approvedById),
        approvals.map((item) => item.reason ?? null),
        approvals.map((item) => item.approvedAt),
      ],
    );
  }

  await client.query(
    `INSERT INTO order_status_history (id, order_id, from_status, to_status, actor_id, note)
     VALUES (gen_random_uuid(), $1, NULL, 'completed', $2, 'sold at the till')`,
    [order.id, order.cashierId],
  );

  // The sale leaves the store's shop floor; the ledger trigger updates the levels (in variant order).
  const sold = new Map<string, number>();
  for (const line of order.lines) sold.set(line.variantId, (sold.get(line.variantId) ?? 0) + line.quantity);
  const variants = [...sold.keys()].sort();
  await client.query(
    `INSERT INTO stock_movement (id, variant_id, location_id, quantity, kind, order_id, user_id, terminal_id)
     SELECT gen_random_uuid(), m.variant_id, $1, -m.quantity, 'sale', $2, $3, $4
       FROM unnest($5::uuid[], $6::int[]) AS m(variant_id, quantity)`,
    [
      context.locationId,
      order.id,
      order.cashierId,
      order.terminalId,
      variants,
      variants.map((id) => sold.get(id)),
    ],
  );
  await raiseOversellAlerts(client, context.locationId, order.id, variants);

  if (discrepancies.length > 0) {
    await client.query(
      `INSERT INTO order_discrepancy (id, order_id, kind, order_line_id, variant_id, expected, actual, detail)
       SELECT gen_random_uuid(), $1, d.kind, d.line, d.variant, d.expected, d.actual, d.detail
         FROM unnest($2::discrepancy_kind[], $3::uuid[], $4::uuid[], $5::int[], $6::int[], $7::text[])
              AS d(kind, line, variant, expected, actual, detail)`,
      [
        order.id,
        discrepancies.map((item) => item.kind),
        discrepancies.map((item) => item.orderLineId),
        discrepancies.map((item) => item.variantId),
        discrepancies.map((item) => item.expected),
        discrepancies.map((item) => item.actual),
        discrepancies.map((item) => item.detail.slice(0, 500)),
      ],
    );
  }
  return 'inserted';
}

/**
 * A level this sale took below zero gets an open oversell alert naming the orders involved: the sale
 * that took the last units before this one, and this one (later sales join the open alert). The level row
 * is locked by this transaction's movement, so concurrent sales of the variant queue here one at a time.
 */
async function raiseOversellAlerts(
  client: pg.ClientBase,
  locationId: string,
  orderId: string,
  variants: readonly string[],
): Promise<void> {
  await client.query(
    `INSERT INTO oversell_alert (id, variant_id, location_id, order_ids, quantity_short)
     SELECT gen_random_uuid(), s.variant_id, s.location_id,
            array(SELECT m.order_id FROM stock_movement m
                   WHERE m.variant_id = s.variant_id AND m.location_id = s.location_id AND m.kind = 'sale'
                     AND m.order_id <> $2
                   ORDER BY m.created_at DESC, m.id DESC LIMIT 1) || $2::uuid,
            -s.quantity
       FROM stock_level s
      WHERE s.location_id = $1 AND s.variant_id = ANY($3::uuid[]) AND s.quantity < 0
     ON CONFLICT (variant_id, location_id) WHERE resolved_at IS NULL DO UPDATE
        SET order_ids = array_append(oversell_alert.order_ids, $2::uuid), quantity_short = EXCLUDED.quantity_short`,
    [locationId, orderId, variants],
  );
}

async function loadContext(
  pool: pg.Pool,
  terminal: TerminalPrincipal,
  staff: readonly StaffMember[],
  orders: readonly PosOrderInput[],
): Promise<OrderContext> {
  const variantIds = [...new Set(orders.flatMap((order) => order.lines.map((line) => line.variantId)))];
  const customerIds = [...new Set(orders.flatMap((order) => (order.customerId ? [order.customerId] : [])))];
  const [place, variants, customers, prices] = await Promise.all([
    pool.query<{
      store_id: string;
      store_code: string;
      currency: string;
      terminal_code: string;
      location_id: string | null;
    }>(
      `SELECT s.id AS store_id, s.code AS store_code, s.currency, t.code AS terminal_code,
              (SELECT l.id FROM stock_location l WHERE l.store_id = s.id AND l.kind = 'store'
                ORDER BY l.created_at, l.id LIMIT 1) AS location_id
         FROM terminal t JOIN store s ON s.id = t.store_id
        WHERE t.id = $1`,
      [terminal.terminalId],
    ),
    pool.query<{ id: string }>('SELECT id FROM variant WHERE id = ANY($1::uuid[])', [variantIds]),
    pool.query<{ id: string }>(
      'SELECT id FROM customer WHERE id = ANY($1::uuid[]) AND (store_id = $2 OR store_id IS NULL)',
      [customerIds, terminal.storeId],
    ),
    pool.query<{ variant_id: string; price: number; valid_from: Date }>(
      `SELECT variant_id, price, valid_from FROM price_history
        WHERE variant_id = ANY($1::uuid[]) ORDER BY variant_id, valid_from`,
      [variantIds],
    ),
  ]);
  const row = place.rows[0];
  if (!row?.location_id)
    throw new Error(`terminal ${terminal.terminalId} has no store location to sell from`);
  const history = new Map<string, { price: number; validFrom: number }[]>();
  for (const price of prices.rows) {
    const list = history.get(price.variant_id) ?? [];
    list.push({ price: price.price, validFrom: price.valid_from.getTime() });
    history.set(price.variant_id, list);
  }
  return {
    store: { id: row.store_id, code: row.store_code, currency: row.currency },
    terminal: { id: terminal.terminalId, code: row.terminal_code },
    staff: new Map(staff.map((member) => [member.id, member])),
    variants: new Set(variants.rows.map((item) => item.id)),
    customers: new Set(customers.rows.map((item) => item.id)),
    locationId: row.location_id,
    priceAt(variantId, at) {
      const list = history.get(variantId);
      if (!list || list.length === 0) return undefined;
      // The price in force at `at`; a sale stamped before the first known price is held to that one.
      const time = at.getTime();
      let current = list[0];
      for (const entry of list) if (entry.validFrom <= time) current = entry;
      return current?.price;
    },
  };
}
