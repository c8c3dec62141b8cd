import type { Queue } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';

/**
 * The queues and the jobs we put on them. Job data is plain JSON naming what to work on (an order id), never
 * a copy of the record: the worker reads the current state, so a late or repeated job does no harm.
 * Custom job ids make adding a job twice a no-op while it exists.
 */
export const queueNames = {
  payments: 'payments',
  outbox: 'outbox',
  reports: 'reports',
  maintenance: 'maintenance',
  media: 'media',
} as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

/** The attempt a job is on, and whether it is the last one before the job is given up. */
export interface Attempt {
  number: number;
  final: boolean;
}

export interface OrderJob {
  orderId: string;
}

export interface ImageJob {
  imageId: string;
}

/** Render attempts: a store that is down gets a few; an undecodable file fails at once. */
export const IMAGE_ATTEMPTS = 4;

export type Queues = Record<QueueName, Queue>;

export interface JobSettings {
  /** Charge attempts, and the first retry's delay (doubled each time, with jitter). */
  attempts: number;
  backoffMs: number;
}

export class Jobs {
  constructor(
    readonly queues: Queues,
    private readonly settings: JobSettings,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** After the checkout commits. Never throws: a job not added now is added by the recovery sweep. */
  chargeOrder(orderId: string): Promise<boolean> {
    return this.#add(this.queues.payments, 'charge', { orderId } satisfies OrderJob, {
      jobId: `charge-${orderId}`,
      attempts: this.settings.attempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs, jitter: 0.5 },
    });
  }

  /**
   * Asks the provider about a payment still awaiting the shopper's approval, until it settles or expires:
   * the shopper has about 4 × backoff × 2^attempts to approve (8 s × 63 ≈ 8 minutes by default).
   */
  checkPayment(orderId: string): Promise<boolean> {
    return this.#add(this.queues.payments, 'check', { orderId } satisfies OrderJob, {
      jobId: `check-${orderId}`,
      delay: this.settings.backoffMs * 4,
      attempts: this.settings.attempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs * 4, jitter: 0.5 },
    });
  }

  /** Sends a web order's refund back through the provider that took the payment. */
  refundPayment(refundId: string): Promise<boolean> {
    return this.#add(
      this.queues.payments,
      'refund',
      { refundId },
      {
        jobId: `refund-${refundId}`,
        attempts: this.settings.attempts,
        backoff: { type: 'exponential', delay: this.settings.backoffMs, jitter: 0.5 },
      },
    );
  }

  /**
   * Runs a report in the background. The job id names the request, so asking again while it runs, or up to
   * an hour after, finds the same job (and its result) instead of running the report twice.
   */
  runReport(jobId: string, data: object): Promise<boolean> {
    return this.#add(this.queues.reports, 'report', data, {
      jobId,
      attempts: 2,
      backoff: { type: 'exponential', delay: this.settings.backoffMs, jitter: 0.5 },
      removeOnComplete: { age: 3_600 },
      removeOnFail: { age: 3_600 },
    });
  }

  /**
   * Makes an uploaded image's renditions. `again` replaces a job that has finished (the manager's retry
   * of a failed image, the recovery sweep), which would otherwise keep its id and make this add a no-op;
   * a job still waiting or running is left to finish.
   */
  async renderImage(imageId: string, again = false): Promise<boolean> {
    const jobId = `render-${imageId}`;
    if (again) {
      const job = await this.queues.media.getJob(jobId).catch(() => undefined);
      if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove().catch(() => {});
    }
    return this.#add(this.queues.media, 'render', { imageId } satisfies ImageJob, {
      jobId,
      attempts: IMAGE_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.settings.backoffMs * 2, jitter: 0.5 },
    });
  }

  /** Sends what the outbox holds now rather than at the next sweep. */
  drainOutbox(): Promise<boolean> {
    // Removed at once, so the next kick can add it again.
    return this.#add(
      this.queues.outbox,
      'drain',
      {},
      {
        jobId: 'drain',
        attempts: 1,
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  async #add(
    queue: Queue,
    name: string,
    data: object,
    options: Parameters<Queue['add']>[2],
  ): Promise<boolean> {
    try {
      await queue.add(name, data, {
        removeOnComplete: { age: 86_400, count: 10_000 },
        removeOnFail: { age: 7 * 86_400 },
        ...options,
      });
      return true;
    } catch (error) {
      this.log.warn(
        { err: error, queue: queue.name, job: name },
        'job not queued; the sweep will pick it up',
      );
      return false;
    }
  }
}
