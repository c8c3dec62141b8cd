import type { Prisma } from '@allure/db/client';
import { decodeCursor, encodeCursor, type Page, type PageInput } from '@allure/shared/pagination';
import type { Principal } from '../auth/principal.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { orderTrackingPerIp } from '../rate-limit/policies.js';
import type { Context } from '../trpc/context.js';
import { verifyOrderLink } from './order-link.js';

// Reading orders, scoped by who asks. Every path filters in the query itself (never fetch-then-check), and
// an order outside the caller's reach is "not found", exactly like one that does not exist, so ids and
// numbers cannot be probed.

const orderSelect = {
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
  placedAt: true,
  lines: {
    select: {
      id: true,
      productName: true,
      variantLabel: true,
      sku: true,
      quantity: true,
      unitPrice: true,
      discount: true,
      tax: true,
      total: true,
      // `variantLabel` is the line as sold, one text that tills and checkout join differently; the shop
      // shows size and colour apart, so it gets the variant's own ('' where it has none).
      variant: { select: { size: true, colour: true } },
    },
    orderBy: { position: 'asc' },
  },
} satisfies Prisma.OrderSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type OrderView = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;

/** The orders a principal may read. */
export function orderScope(principal: Principal): Prisma.OrderWhereInput {
  if (principal.kind === 'terminal') return { storeId: principal.storeId };
  switch (principal.role) {
    case 'admin':
      return {};
    case 'manager':
    case 'cashier':
      // A staff account without a store sees nothing rather than everything.
      return { storeId: principal.storeId ?? '00000000-0000-0000-0000-000000000000' };
    case 'customer':
      return { customer: { userId: principal.userId } };
  }
}

export async function getOrder(
  ctx: Pick<Context, 'db'>,
  principal: Principal,
  id: string,
): Promise<OrderView> {
  const order = await ctx.db.prisma.order.findFirst({
    where: { AND: [{ id }, orderScope(principal)] },
    select: orderSelect,
  });
  if (!order) throw new NotFoundError('order', id);
  return order;
}

/** A signed-in customer's orders, newest first (keyset on placedAt, id). */
export async function listMyOrders(
  ctx: Pick<Context, 'db'>,
  principal: Principal,
  input: PageInput,
): Promise<Page<OrderView>> {
  const after = input.cursor === undefined ? undefined : parseCursor(input.cursor);
  const rows = await ctx.db.prisma.order.findMany({
    where: {
      AND: [
        orderScope(principal),
        after
          ? { OR: [{ placedAt: { lt: after.placedAt } }, { placedAt: after.placedAt, id: { lt: after.id } }] }
          : {},
      ],
    },
    select: orderSelect,
    orderBy: [{ placedAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last ? encodeCursor([last.placedAt.toISOString(), last.id]) : null,
  };
}

function parseCursor(cursor: string): { placedAt: Date; id: string } {
  const [placedAtText, id] = decodeCursor(cursor) ?? [];
  const placedAt = typeof placedAtText === 'string' ? new Date(placedAtText) : null;
  if (!placedAt || Number.isNaN(placedAt.getTime()) || typeof id !== 'string' || !UUID.test(id)) {
    throw new InvalidInputError('invalid cursor');
  }
  return { placedAt, id };
}

/** Guest tracking: the order number alone is not enough, the customer's e-mail must match too. */
export async function trackOrder(
  ctx: Pick<Context, 'db' | 'auth' | 'log' | 'reply' | 'ip'>,
  input: { number: string; email: string },
): Promise<OrderView> {
  await enforceRateLimits(ctx, [[orderTrackingPerIp, ctx.ip]], 'closed');
  const order = await ctx.db.prisma.order.findFirst({
    where: { number: input.number, customer: { email: { equals: input.email, mode: 'insensitive' } } },
    select: orderSelect,
  });
  if (!order) throw new NotFoundError('order', input.number);
  return order;
}

/** Tracking through the signed link of a confirmation e-mail. */
export async function trackOrderByLink(ctx: Pick<Context, 'db' | 'auth'>, token: string): Promise<OrderView> {
  const id = verifyOrderLink(ctx.auth.keys.orderLink, token);
  const order = id ? await ctx.db.prisma.order.findUnique({ where: { id }, select: orderSelect }) : null;
  if (!order) throw new InvalidInputError('this tracking link is invalid or has expired');
  return order;
}
