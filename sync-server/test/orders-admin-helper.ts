import { randomUUID } from 'node:crypto';
import { computeCartTotals } from '@allure/shared/cart-totals';
import type { Currency } from '@allure/shared/currency';
import type { Channel, OrderStatus, PaymentMethod, PaymentStatus } from '@allure/shared/enums';
import type pg from 'pg';

// Back-office fixtures written straight into the database: a store of a test's own (so its figures are not
// mixed with what other files sold in the demo store), its people and till, and orders of either channel
// in any state, priced with the shared cart code as the till or the checkout would have priced them.

let storeCount = 0;

export interface TestStore {
  id: string;
  code: string;
  currency: Currency;
  timezone: string;
  storeLocationId: string;
  webLocationId: string;
  terminalId: string;
  managerId: string;
  managerEmail: string;
  cashierIds: string[];
}

/** A store with a shop floor, a web stock location, one till, a manager and two cashiers. */
export async function createStore(
  pool: pg.Pool,
  options: { timezone?: string; currency?: Currency } = {},
): Promise<TestStore> {
  storeCount += 1;
  const code = `Q${randomUUID().replaceAll('-', '').slice(0, 5).toUpperCase()}`;
  const id = randomUUID();
  const currency = options.currency ?? 'XOF';
  const timezone = options.timezone ?? 'Africa/Dakar';
  await pool.query(`INSERT INTO store (id, code, name, currency, timezone) VALUES ($1, $2, $3, $4, $5)`, [
    id,
    code,
    `Test store ${storeCount}`,
    currency,
    timezone,
  ]);
  const storeLocationId = randomUUID();
  const webLocationId = randomUUID();
  await pool.query(
    `INSERT INTO stock_location (id, store_id, code, name, kind)
     VALUES ($1, $3, $4, 'Shop floor', 'store'), ($2, $3, $5, 'Web stock', 'web')`,
    [storeLocationId, webLocationId, id, `${code}-ST`, `${code}-WEB`],
  );
  const terminalId = randomUUID();
  await pool.query(`INSERT INTO terminal (id, store_id, code, name) VALUES ($1, $2, 'T01', 'Till 1')`, [
    terminalId,
    id,
  ]);
  const person = async (role: 'manager' | 'cashier', name: string) => {
    const userId = randomUUID();
    const email = `${role}.${code.toLowerCase()}.${userId.slice(0, 4)}@allure.test`;
    await pool.query(
      `INSERT INTO "user" (id, email, name, role, password_hash, store_id) VALUES ($1, $2, $3, $4, 'unused', $5)`,
      [userId, email, name, role, id],
    );
    return { id: userId, email };
  };
  const manager = await person('manager', `Manager of ${code}`);
  const cashiers = [await person('cashier', 'Awa Cashier'), await person('cashier', 'Binta Cashier')];
  return {
    id,
    code,
    currency,
    timezone,
    storeLocationId,
    webLocationId,
    terminalId,
    managerId: manager.id,
    managerEmail: manager.email,
    cashierIds: cashiers.map((cashier) => cashier.id),
  };
}

export interface LineSpec {
  variantId: string;
  quantity: number;
  unitPrice: number;
  vatRate?: number;
  /** A line discount of this many basis points. */
  discountBps?: number;
}

export interface OrderSpec {
  channel: Channel;
  placedAt: Date;
  lines: LineSpec[];
  status?: OrderStatus;
  paymentStatus?: PaymentStatus;
  customerId?: string | null;
  cashierId?: string | null;
  shiftId?: string | null;
  /** A cart discount of this many basis points. */
  cartDiscountBps?: number;
  /** Tenders; by default one card (web) or cash (till) payment of the total. */
  payments?: { method: PaymentMethod; amount: number; tendered?: number }[];
  /** What the customer was charged when it differs from what the lines add up to (a till discrepancy). */
  total?: number;
}

export interface InsertedOrder {
  id: string;
  number: string;
  total: number;
  taxTotal: number;
  discountTotal: number;
  lines: { id: string; variantId: string; quantity: number; total: number; tax: number; discount: number }[];
}

let sequence = 0;

/** One order with its lines and payments, as recorded orders look. */
export async function insertOrder(pool: pg.Pool, store: TestStore, spec: OrderSpec): Promise<InsertedOrder> {
  sequence += 1;
  const totals = computeCartTotals({
    currency: store.currency,
    pricesIncludeTax: true,
    lines: spec.lines.map((line) => ({
      variantId: line.variantId,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      vatRate: line.vatRate ?? 1800,
      ...(line.discountBps
        ? { lineDiscount: { type: 'percent' as const, basisPoints: line.discountBps } }
        : {}),
    })),
    ...(spec.cartDiscountBps
      ? { cartDiscount: { type: 'percent' as const, basisPoints: spec.cartDiscountBps } }
      : {}),
  });
  const id = randomUUID();
  const number =
    spec.channel === 'pos'
      ? `${store.code}-T01-${String(sequence).padStart(6, '0')}`
      : `${store.code}-W-${String(sequence).padStart(6, '0')}`;
  const total = spec.total ?? totals.total;
  const status = spec.status ?? (spec.channel === 'pos' ? 'completed' : 'paid');
  await pool.query(
    `INSERT INTO "order" (id, number, channel, status, payment_status, store_id, terminal_id, customer_id,
                          cashier_id, shift_id, currency, subtotal, discount_total, tax_total, total,
                          prices_include_tax, placed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, true, $16)`,
    [
      id,
      number,
      spec.channel,
      status,
      spec.paymentStatus ?? 'paid',
      store.id,
      spec.channel === 'pos' ? store.terminalId : null,
      spec.customerId ?? null,
      spec.channel === 'pos' ? (spec.cashierId ?? store.cashierIds[0]) : null,
      spec.shiftId ?? null,
      store.currency,
      totals.subtotal,
      totals.discountTotal,
      totals.taxTotal,
      total,
      spec.placedAt,
    ],
  );
  const lines = spec.lines.map((line, index) => ({
    id: randomUUID(),
    variantId: line.variantId,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    vatRate: line.vatRate ?? 1800,
    total: totals.lines[index]?.total ?? 0,
    tax: totals.lines[index]?.tax ?? 0,
    discount: totals.lines[index]?.discount ?? 0,
  }));
  await pool.query(
    `INSERT INTO order_line (id, order_id, position, variant_id, product_name, variant_label, sku, quantity,
                             unit_price, vat_rate, discount, tax, total)
     SELECT l.id, $1, l.position, l.variant_id, p.name, v.size || ' / ' || v.colour, v.sku, l.quantity,
            l.unit_price, l.vat_rate, l.discount, l.tax, l.total
       FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
                   $10::int[]) AS l(id, position, variant_id, quantity, unit_price, vat_rate, discount, tax, total)
       JOIN variant v ON v.id = l.variant_id JOIN product p ON p.id = v.product_id`,
    [
      id,
      lines.map((line) => line.id),
      lines.map((_, index) => index),
      lines.map((line) => line.variantId),
      lines.map((line) => line.quantity),
      lines.map((line) => line.unitPrice),
      lines.map((line) => line.vatRate),
      lines.map((line) => line.discount),
      lines.map((line) => line.tax),
      lines.map((line) => line.total),
    ],
  );
  const payments =
    spec.payments ??
    (total > 0
      ? [{ method: spec.channel === 'pos' ? ('cash' as const) : ('card' as const), amount: total }]
      : []);
  // Payments not (yet) taken keep the order's payment status; taken ones are paid, refunds aside.
  const orderPayment = spec.paymentStatus ?? 'paid';
  const paymentStatus: PaymentStatus = ['pending', 'authorized', 'failed'].includes(orderPayment)
    ? orderPayment
    : 'paid';
  for (const [position, payment] of payments.entries()) {
    const tendered = payment.method === 'cash' ? (payment.tendered ?? payment.amount) : null;
    await pool.query(
      `INSERT INTO payment (id, order_id, position, method, status, amount, tendered, change, reference)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        randomUUID(),
        id,
        position,
        payment.method,
        paymentStatus,
        payment.amount,
        tendered,
        tendered === null ? null : tendered - payment.amount,
        payment.method === 'mobile_money' ? 'WAVE-TEST' : null,
      ],
    );
  }
  return {
    id,
    number,
    total,
    taxTotal: totals.taxTotal,
    discountTotal: totals.discountTotal,
    lines: lines.map(({ id: lineId, variantId, quantity, total: lineTotal, tax, discount }) => ({
      id: lineId,
      variantId,
      quantity,
      total: lineTotal,
      tax,
      discount,
    })),
  };
}

/** Active seeded variants with a cost price, in a stable order. */
export async function someVariants(
  pool: pg.Pool,
  count: number,
): Promise<{ id: string; price: number; costPrice: number | null }[]> {
  const { rows } = await pool.query<{ id: string; price: number; cost_price: number | null }>(
    `SELECT v.id, v.price, v.cost_price FROM variant v JOIN product p ON p.id = v.product_id
      WHERE p.status = 'active' AND v.active AND v.currency = 'XOF' ORDER BY v.sku LIMIT $1`,
    [count],
  );
  return rows.map((row) => ({ id: row.id, price: row.price, costPrice: row.cost_price }));
}
