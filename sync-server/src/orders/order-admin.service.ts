import { createHash } from 'node:crypto';
import type { Prisma } from '@allure/db/client';
import type { Channel, OrderStatus, PaymentStatus } from '@allure/shared/enums';
import type { OrderFilterInput, OrderListInput } from '@allure/shared/order-admin.schema';
import type { Page } from '@allure/shared/pagination';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import {
  afterKey,
  decodeOrderCursor,
  encodeOrderCursor,
  NEWEST_FIRST,
  orderConditions,
  SqlParameters,
  whereClause,
} from './order-admin-filter.js';

// The managers' view of orders, both channels: a filtered list (keyset pages, never a COUNT per page), a
// separate count that is exact for small sets and estimated for large ones, and one order in full.

export interface OrderSummary {
  id: string;
  number: string;
  channel: Channel;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  storeId: string;
  currency: string;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  placedAt: Date;
  customer: { id: string; name: string } | null;
  cashier: { id: string; name: string } | null;
  terminal: { id: string; code: string } | null;
}

interface SummaryRow {
  id: string;
  number: string;
  channel: Channel;
  status: OrderStatus;
  payment_status: PaymentStatus;
  store_id: string;
  currency: string;
  subtotal: number;
  discount_total: number;
  tax_total: number;
  total: number;
  placed_at: Date;
  customer_id: string | null;
  customer_name: string | null;
  cashier_id: string | null;
  cashier_name: string | null;
  terminal_id: string | null;
  terminal_code: string | null;
}

/** The statement behind a page, exported so the scale test can EXPLAIN exactly what the service runs. */
export function orderPageQuery(principal: StaffPrincipal, input: OrderListInput) {
  const parameters = new SqlParameters();
  const conditions = orderConditions(principal, input, parameters);
  if (input.cursor !== undefined) conditions.push(afterKey(decodeOrderCursor(input.cursor), parameters));
  const text = `
    SELECT o.id, o.number, o.channel, o.status, o.payment_status, o.store_id, o.currency, o.subtotal,
           o.discount_total, o.tax_total, o.total, o.placed_at,
           o.customer_id, c.name AS customer_name, o.cashier_id, u.name AS cashier_name,
           o.terminal_id, t.code AS terminal_code
      FROM "order" o
      LEFT JOIN customer c ON c.id = o.customer_id
      LEFT JOIN "user" u ON u.id = o.cashier_id
      LEFT JOIN terminal t ON t.id = o.terminal_id
     ${whereClause(conditions)}
     ${NEWEST_FIRST}
     LIMIT ${parameters.add(input.limit + 1)}`;
  return { text, values: parameters.values };
}

export async function listOrders(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: OrderListInput,
): Promise<Page<OrderSummary>> {
  const { rows } = await ctx.db.pool.query<SummaryRow>(orderPageQuery(principal, input));
  const items = rows.slice(0, input.limit).map(toSummary);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeOrderCursor(last) : null };
}

function toSummary(row: SummaryRow): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    channel: row.channel,
    status: row.status,
    paymentStatus: row.payment_status,
    storeId: row.store_id,
    currency: row.currency,
    subtotal: row.subtotal,
    discountTotal: row.discount_total,
    taxTotal: row.tax_total,
    total: row.total,
    placedAt: row.placed_at,
    customer: row.customer_id ? { id: row.customer_id, name: row.customer_name ?? '' } : null,
    cashier: row.cashier_id ? { id: row.cashier_id, name: row.cashier_name ?? '' } : null,
    terminal: row.terminal_id ? { id: row.terminal_id, code: row.terminal_code ?? '' } : null,
  };
}

/** Counted exactly up to this many orders; above it, the planner's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;
/** How long a count is served from Redis: a list's total need not be to the second. */
const COUNT_TTL_S = 30;

export interface OrderCount {
  value: number;
  /** False when `value` is the planner's estimate (more than EXACT_COUNT_LIMIT orders match). */
  exact: boolean;
}

/**
 * How many orders match. The planner's row estimate costs nothing; when it says the set is small, a count
 * bounded at EXACT_COUNT_LIMIT + 1 rows makes it exact (and catches an estimate that was too low). Cached
 * briefly per caller's scope and filter; without Redis, computed every time.
 */
export async function countOrders(
  ctx: Pick<Context, 'db' | 'redis' | 'log'>,
  principal: StaffPrincipal,
  filter: OrderFilterInput,
): Promise<OrderCount> {
  const parameters = new SqlParameters();
  const where = whereClause(orderConditions(principal, filter, parameters));
  const key = `orders:count:${createHash('sha256')
    .update(JSON.stringify([where, parameters.values]))
    .digest('base64url')}`;
  const cached = await ctx.redis.get(key).catch(() => null);
  if (cached !== null) {
    return JSON.parse(cached) as OrderCount;
  }

  const plan = await ctx.db.pool.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM "order" o ${where}`,
    parameters.values,
  );
  const estimate = Math.round(plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  let count: OrderCount = { value: estimate, exact: false };
  if (estimate <= EXACT_COUNT_LIMIT) {
    const limit = parameters.add(EXACT_COUNT_LIMIT + 1);
    const counted = await ctx.db.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM (SELECT 1 FROM "order" o ${where} LIMIT ${limit}) matching`,
      parameters.values,
    );
    const value = counted.rows[0]?.count ?? 0;
    count =
      value <= EXACT_COUNT_LIMIT
        ? { value, exact: true }
        : { value: Math.max(value, estimate), exact: false };
  }
  await ctx.redis.set(key, JSON.stringify(count), 'EX', COUNT_TTL_S).catch((error: unknown) => {
    ctx.log.warn({ err: error }, 'order count not cached');
  });
  return count;
}

const person = { select: { id: true, name: true } } satisfies Prisma.UserDefaultArgs;

const orderDetailSelect = {
  id: true,
  number: true,
  channel: true,
  status: true,
  paymentStatus: true,
  currency: true,
  subtotal: true,
  discountTotal: true,
  taxTotal: true,
  total: true,
  pricesIncludeTax: true,
  placedAt: true,
  createdAt: true,
  updatedAt: true,
  shiftId: true,
  store: { select: { id: true, code: true, name: true, timezone: true } },
  customer: { select: { id: true, name: true, email: true, phone: true } },
  cashier: person,
  terminal: { select: { id: true, code: true, name: true } },
  lines: {
    select: {
      id: true,
      position: true,
      variantId: true,
      productName: true,
      variantLabel: true,
      sku: true,
      quantity: true,
      unitPrice: true,
      catalogUnitPrice: true,
      vatRate: true,
      discount: true,
      tax: true,
      total: true,
    },
    orderBy: { position: 'asc' },
  },
  payments: {
    select: {
      id: true,
      position: true,
      method: true,
      status: true,
      amount: true,
      tendered: true,
      change: true,
      reference: true,
      createdAt: true,
    },
    orderBy: { position: 'asc' },
  },
  refunds: {
    select: {
      id: true,
      amount: true,
      tax: true,
      method: true,
      reference: true,
      reason: true,
      restock: true,
      shiftId: true,
      createdAt: true,
      createdBy: person,
      lines: { select: { orderLineId: true, quantity: true, amount: true, tax: true } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  },
  statusHistory: {
    select: { id: true, fromStatus: true, toStatus: true, note: true, createdAt: true, actor: person },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  },
  approvals: {
    select: {
      id: true,
      action: true,
      orderLineId: true,
      reason: true,
      approvedAt: true,
      approvedBy: person,
      requestedBy: person,
    },
    orderBy: { approvedAt: 'asc' },
  },
  discrepancies: {
    select: {
      id: true,
      kind: true,
      orderLineId: true,
      variantId: true,
      expected: true,
      actual: true,
      detail: true,
      createdAt: true,
      resolvedAt: true,
    },
    orderBy: { createdAt: 'asc' },
  },
} satisfies Prisma.OrderSelect;

type OrderDetailRow = Prisma.OrderGetPayload<{ select: typeof orderDetailSelect }>;

export type OrderDetail = Omit<OrderDetailRow, 'lines'> & {
  lines: (OrderDetailRow['lines'][number] & { refundedQuantity: number })[];
};

/**
 * One order with everything a manager looks at. Each relation is one batched statement, so the statement
 * count is the same for 2 lines or 200.
 */
export async function getOrderDetail(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  id: string,
): Promise<OrderDetail> {
  const order = await ctx.db.prisma.order.findFirst({
    where: { id, ...storeScope(principal) },
    select: orderDetailSelect,
  });
  if (!order) throw new NotFoundError('order', id);
  const refunded = new Map<string, number>();
  for (const refund of order.refunds) {
    for (const line of refund.lines) {
      refunded.set(line.orderLineId, (refunded.get(line.orderLineId) ?? 0) + line.quantity);
    }
  }
  return {
    ...order,
    lines: order.lines.map((line) => ({ ...line, refundedQuantity: refunded.get(line.id) ?? 0 })),
  };
}
