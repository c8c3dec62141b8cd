import type { OrderStatus, PaymentMethod, PaymentStatus } from '@allure/shared/enums';
import { InvalidInputError } from '../errors.js';
import { verifyOrderLink } from '../orders/order-link.js';
import type { Context } from '../trpc/context.js';

/** A web order as its shopper follows it: where it stands and how it got there. */
export interface OrderProgress {
  id: string;
  number: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  paymentMethod: PaymentMethod | null;
  total: number;
  currency: string;
  history: { status: OrderStatus; at: Date; note: string | null }[];
}

/** The stream also looks by itself this often, in case an announcement was lost. */
const POLL_MS = 10_000;
/** A status page open longer than this reconnects (the client does so by itself). */
const STREAM_MAX_MS = 15 * 60_000;

function orderIdOf(ctx: Pick<Context, 'auth'>, token: string): string {
  const id = verifyOrderLink(ctx.auth.keys.orderLink, token);
  if (!id) throw new InvalidInputError('this tracking link is invalid or has expired');
  return id;
}

export async function orderProgress(
  ctx: Pick<Context, 'db' | 'auth'>,
  token: string,
): Promise<OrderProgress> {
  const id = orderIdOf(ctx, token);
  const order = await ctx.db.prisma.order.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      status: true,
      paymentStatus: true,
      total: true,
      currency: true,
      payments: { select: { method: true }, orderBy: { position: 'asc' }, take: 1 },
      statusHistory: {
        select: { toStatus: true, createdAt: true, note: true },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
  if (!order) throw new InvalidInputError('this tracking link is invalid or has expired');
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    paymentStatus: order.paymentStatus,
    paymentMethod: order.payments[0]?.method ?? null,
    total: order.total,
    currency: order.currency,
    history: order.statusHistory.map((entry) => ({
      status: entry.toStatus,
      at: entry.createdAt,
      note: entry.note,
    })),
  };
}

/**
 * The order now, then again each time its status changes (announced by whichever instance settled it),
 * until the shopper leaves, the server shuts down or the stream has been open STREAM_MAX_MS.
 */
export async function* watchOrder(
  ctx: Pick<Context, 'db' | 'auth' | 'orderEvents' | 'changeFeed'>,
  token: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<OrderProgress> {
  const id = orderIdOf(ctx, token);
  const stop = AbortSignal.any([
    AbortSignal.timeout(STREAM_MAX_MS),
    ctx.changeFeed.closing,
    ...(signal ? [signal] : []),
  ]);
  let wake: () => void = () => {};
  let changed = true;
  const unlisten = ctx.orderEvents.listen(id, () => {
    changed = true;
    wake();
  });
  stop.addEventListener('abort', () => wake(), { once: true });
  try {
    let last = '';
    while (!stop.aborted) {
      if (changed) {
        changed = false;
        const progress = await orderProgress(ctx, token);
        const key = `${progress.status}:${progress.paymentStatus}`;
        if (key !== last) {
          last = key;
          yield progress;
        }
      }
      await new Promise<void>((resolve) => {
        // An announcement that came while the order was being read is not lost.
        if (changed || stop.aborted) return resolve();
        const timer = setTimeout(() => {
          changed = true;
          resolve();
        }, POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unlisten();
  }
}
