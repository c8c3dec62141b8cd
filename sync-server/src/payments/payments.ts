import type { Database, Prisma } from '@allure/db/client';
import type { Currency } from '@allure/shared/currency';
import { currency } from '@allure/shared/money.schema';
import type { FastifyBaseLogger } from 'fastify';
import type { OrderEvents } from '../checkout/order-events.js';
import { queueOrderEmail } from '../checkout/order-mail.js';
import type { Attempt, Jobs } from '../queue/jobs.js';
import type { ChangeFeed } from '../sync/change-feed.js';
import type { ChargeOutcome, PaymentEvent, PaymentProvider, ProviderRefund } from './payment-provider.js';
import { type SettledOrder, type Settlement, settleOrderPayment } from './payment-settlement.js';

export interface PaymentsDeps {
  db: Database;
  log: FastifyBaseLogger;
  provider: PaymentProvider;
  jobs: Jobs;
  orderEvents: OrderEvents;
  changeFeed: ChangeFeed;
  orderLinks: { key: Uint8Array; publicUrl: string };
  timeoutMs: number;
}

interface PendingPayment {
  paymentId: string;
  method: 'cash' | 'card' | 'mobile_money';
  amount: number;
  currency: Currency;
  token: string | null;
  providerRef: string | null;
  orderNumber: string;
}

/** A pending web order waits this long for its first charge before the sweep queues it again. */
export const RECOVERY_AFTER_S = 120;

/**
 * Taking payment for web orders: the charge job, the approval check, the provider's webhooks, giving up,
 * and the sweep that finds orders whose job was never queued. Every outcome goes through `settle`.
 */
export class Payments {
  constructor(private readonly deps: PaymentsDeps) {}

  /** The charge job. Throws to be retried; on its final attempt gives the order up instead. */
  async charge(orderId: string, attempt: Attempt, deadLetter: DeadLetterJob): Promise<string> {
    const payment = await this.#pendingPayment(orderId);
    if (!payment) return 'not pending';
    if (payment.method === 'cash') {
      await this.settle(orderId, { kind: 'confirmed' });
      return 'confirmed';
    }
    if (!payment.token) {
      await this.settle(orderId, { kind: 'failed', reason: 'payment details missing' });
      return 'failed';
    }
    await this.deps.db.prisma.payment.update({
      where: { id: payment.paymentId },
      data: { attempts: { increment: 1 } },
    });
    let outcome: ChargeOutcome;
    try {
      outcome = await this.deps.provider.charge(
        {
          paymentId: payment.paymentId,
          orderNumber: payment.orderNumber,
          method: payment.method,
          amount: payment.amount,
          currency: payment.currency,
          token: payment.token,
        },
        AbortSignal.timeout(this.deps.timeoutMs),
      );
    } catch (error) {
      if (!attempt.final) throw error;
      await this.giveUp(orderId, 'the payment provider did not answer', deadLetter, error);
      return 'given up';
    }
    return this.#apply(orderId, outcome);
  }

  /** The approval check: the provider's word on a payment still pending, in case its webhook is lost. */
  async check(orderId: string, attempt: Attempt): Promise<string> {
    const payment = await this.#pendingPayment(orderId);
    if (!payment) return 'not pending';
    const outcome = await this.deps.provider.retrieve(
      payment.paymentId,
      AbortSignal.timeout(this.deps.timeoutMs),
    );
    if (outcome && outcome.status !== 'pending') return this.#apply(orderId, outcome);
    if (!attempt.final) throw new Error('payment still awaiting approval');
    // Nobody approved in time: the order lets its stock go.
    await this.settle(orderId, { kind: 'failed', reason: 'payment not approved in time' });
    return 'expired';
  }

  /**
   * The refund job: sends a recorded refund of a web order back through the provider that took the
   * payment, then moves that payment to (partially) refunded. Done once: the refund keeps the provider's id.
   */
  async refund(refundId: string, attempt: Attempt, deadLetter: DeadLetterJob): Promise<string> {
    const [refund] = await this.deps.db.prisma.$queryRaw<
      { amount: number; currency: string; payment_id: string; order_id: string; store_id: string }[]
    >`SELECT r.amount, o.currency, p.id AS payment_id, o.id AS order_id, o.store_id
        FROM refund r JOIN "order" o ON o.id = r.order_id
        JOIN payment p ON p.order_id = o.id AND p.method = r.method AND p.provider_ref IS NOT NULL
                      AND p.status IN ('paid', 'partially_refunded')
       WHERE r.id = ${refundId}::uuid AND r.provider_ref IS NULL AND o.channel = 'web'`;
    if (!refund) return 'nothing to send';
    let outcome: ProviderRefund;
    try {
      outcome = await this.deps.provider.refund(
        {
          refundId,
          paymentId: refund.payment_id,
          amount: refund.amount,
          currency: currency.parse(refund.currency),
        },
        AbortSignal.timeout(this.deps.timeoutMs),
      );
      if (outcome.status === 'declined')
        throw new Error(`the provider declined the refund: ${outcome.reason}`);
    } catch (error) {
      if (!attempt.final) throw error;
      await this.deps.db.prisma.$transaction((tx) =>
        recordDeadLetter(tx, { ...deadLetter, orderId: refund.order_id, storeId: refund.store_id, error }),
      );
      await this.deps.jobs.drainOutbox();
      return 'given up';
    }
    await this.deps.db.prisma.$transaction(async (tx) => {
      await tx.refund.update({ where: { id: refundId }, data: { providerRef: outcome.providerRef } });
      // The payment is refunded once the provider has sent back all it took.
      await tx.$executeRaw`
        UPDATE payment p
           SET status = (CASE WHEN sent.total >= p.amount THEN 'refunded' ELSE 'partially_refunded' END)::payment_status
          FROM (SELECT coalesce(sum(r.amount), 0) AS total FROM refund r
                 WHERE r.order_id = ${refund.order_id}::uuid AND r.provider_ref IS NOT NULL) sent
         WHERE p.id = ${refund.payment_id}::uuid`;
    });
    return 'refunded';
  }

  /** A verified webhook event: recorded once (a replay changes nothing), then settled. */
  async webhook(
    event: PaymentEvent,
    provider: string,
  ): Promise<'processed' | 'duplicate' | 'unknown payment'> {
    const payment = await this.deps.db.prisma.payment.findUnique({
      where: { id: event.paymentId },
      select: { id: true, orderId: true },
    });
    if (!payment) return 'unknown payment';
    const settlement: Settlement =
      event.type === 'payment.succeeded'
        ? { kind: 'paid', providerRef: event.providerRef }
        : { kind: 'failed', reason: event.reason ?? 'declined', providerRef: event.providerRef };
    const settled = await this.settle(payment.orderId, settlement, async (tx) => {
      const recorded = await tx.paymentEvent.createMany({
        data: [
          { provider, eventId: event.id, paymentId: payment.id, type: event.type, payload: { ...event } },
        ],
        skipDuplicates: true,
      });
      return recorded.count === 1;
    });
    return settled === 'skipped' ? 'duplicate' : 'processed';
  }

  /**
   * Settles an order in one transaction with its e-mail, then tells whoever watches. `before` runs first
   * in the same transaction; when it returns false nothing is settled (a replayed event).
   */
  async settle(
    orderId: string,
    settlement: Settlement,
    before?: (tx: Prisma.TransactionClient) => Promise<boolean>,
  ): Promise<SettledOrder | null | 'skipped'> {
    const settled = await this.deps.db.prisma.$transaction(
      async (tx) => {
        if (before && !(await before(tx))) return 'skipped' as const;
        const order = await settleOrderPayment(tx, orderId, settlement);
        if (order?.changed) await queueOrderEmail(tx, orderId, settlement.kind, this.deps.orderLinks);
        return order;
      },
      { timeout: 15_000 },
    );
    if (settled !== 'skipped' && settled?.changed) await this.#announce(settled);
    return settled;
  }

  /** The last attempt failed: the order fails, the job is kept as a dead letter and the managers are told. */
  async giveUp(orderId: string, reason: string, job: DeadLetterJob, error: unknown): Promise<void> {
    const settled = await this.deps.db.prisma.$transaction(
      async (tx) => {
        const order = await settleOrderPayment(tx, orderId, { kind: 'failed', reason });
        if (order?.changed) await queueOrderEmail(tx, orderId, 'failed', this.deps.orderLinks);
        await recordDeadLetter(tx, { ...job, orderId, storeId: order?.storeId ?? null, error });
        return order;
      },
      { timeout: 15_000 },
    );
    this.deps.log.error({ err: error, orderId, job: job.jobId }, 'payment given up: dead letter recorded');
    if (settled?.changed) await this.#announce(settled);
    else await this.deps.jobs.drainOutbox();
  }

  /** Web orders never charged (their job was lost: Redis down at checkout, a crash before it was queued). */
  async recoverStalled(): Promise<number> {
    const stalled = await this.deps.db.pool.query<{ id: string }>(
      `SELECT o.id FROM "order" o JOIN payment p ON p.order_id = o.id
        WHERE o.channel = 'web' AND o.status = 'pending' AND p.attempts = 0
          AND o.created_at < now() - make_interval(secs => $1)
        ORDER BY o.created_at LIMIT 500`,
      [RECOVERY_AFTER_S],
    );
    for (const { id } of stalled.rows) await this.deps.jobs.chargeOrder(id);
    return stalled.rows.length;
  }

  async #apply(orderId: string, outcome: ChargeOutcome): Promise<string> {
    switch (outcome.status) {
      case 'paid':
        await this.settle(orderId, { kind: 'paid', providerRef: outcome.providerRef });
        return 'paid';
      case 'declined':
        await this.settle(orderId, {
          kind: 'failed',
          reason: outcome.reason,
          providerRef: outcome.providerRef,
        });
        return 'declined';
      case 'pending':
        await this.deps.db.prisma.payment.updateMany({
          where: { orderId, status: 'pending' },
          data: { providerRef: outcome.providerRef },
        });
        await this.deps.jobs.checkPayment(orderId);
        return 'awaiting approval';
    }
  }

  async #pendingPayment(orderId: string): Promise<PendingPayment | null> {
    const payment = await this.deps.db.prisma.payment.findFirst({
      where: { orderId, status: 'pending', order: { status: 'pending', channel: 'web' } },
      select: {
        id: true,
        method: true,
        amount: true,
        paymentToken: true,
        providerRef: true,
        order: { select: { number: true, currency: true } },
      },
    });
    if (!payment) return null;
    return {
      paymentId: payment.id,
      method: payment.method,
      amount: payment.amount,
      currency: currency.parse(payment.order.currency),
      token: payment.paymentToken,
      providerRef: payment.providerRef,
      orderNumber: payment.order.number,
    };
  }

  async #announce(order: SettledOrder): Promise<void> {
    await Promise.all([
      this.deps.orderEvents.publish(order.id),
      this.deps.changeFeed.announce([{ collection: 'stock', storeId: order.storeId }]),
      this.deps.jobs.drainOutbox(),
    ]);
  }
}

export interface DeadLetterJob {
  queue: string;
  jobName: string;
  jobId: string;
  payload: object;
  attempts: number;
}

/** Kept for a manager, who is also e-mailed (through the outbox, in the same transaction). */
export async function recordDeadLetter(
  tx: Prisma.TransactionClient,
  letter: DeadLetterJob & { orderId: string | null; storeId: string | null; error: unknown },
): Promise<void> {
  const error = letter.error instanceof Error ? letter.error.message : String(letter.error);
  await tx.deadLetter.createMany({
    data: [
      {
        queue: letter.queue,
        jobName: letter.jobName,
        jobId: letter.jobId,
        payload: letter.payload,
        error: error.slice(0, 4_000),
        attempts: letter.attempts,
        storeId: letter.storeId,
        orderId: letter.orderId,
      },
    ],
    skipDuplicates: true,
  });
  await tx.$executeRaw`
    INSERT INTO outbox_message (id, topic, payload)
    SELECT gen_random_uuid(), 'email.dead_letter_alert', jsonb_build_object(
      'to', u.email, 'name', u.name, 'queue', ${letter.queue}::text, 'jobName', ${letter.jobName}::text,
      'orderNumber', (SELECT number FROM "order" WHERE id = ${letter.orderId}::uuid), 'error', ${error.slice(0, 500)}::text)
    FROM "user" u
    WHERE u.active AND (u.role = 'admin' OR (u.role = 'manager' AND u.store_id = ${letter.storeId}::uuid))`;
}
