import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { PermanentImageError, type RenderOutcome } from '../media/image-processing.js';
import type { SweepCounts } from '../media/media-sweep.js';
import type { DeadLetterJob, Payments } from '../payments/payments.js';
import type { ReportJobData } from '../reports/report-jobs.js';
import { type Attempt, type Queues, queueNames } from './jobs.js';

const orderJob = z.object({ orderId: z.uuid() });
const refundJob = z.object({ refundId: z.uuid() });
const imageJob = z.object({ imageId: z.uuid() });

/** How often the sweeps run: the outbox (in case a kick was missed), stalled checkouts, pruning. */
const OUTBOX_SWEEP_MS = 30_000;
const CHECKOUT_RECOVERY_MS = 60_000;
const PRUNING_MS = 3_600_000;
const MEDIA_SWEEP_MS = 3_600_000;

export interface WorkerDeps {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  queues: Queues;
  payments: Payments;
  relayOutbox: () => Promise<{ sent: number; failed: number }>;
  pruneExpired: () => Promise<Record<string, number>>;
  runReport: (data: ReportJobData, onProgress: (fraction: number) => void) => Promise<unknown>;
  /** Image renders one process runs at once (each takes a core while it encodes). */
  imageConcurrency: number;
  renderImage: (imageId: string, attempt: Attempt) => Promise<RenderOutcome>;
  sweepMedia: () => Promise<SweepCounts>;
  log: FastifyBaseLogger;
}

function attemptOf(job: Job): Attempt {
  const number = job.attemptsMade + 1;
  return { number, final: number >= (job.opts.attempts ?? 1) };
}

/** What a dead letter keeps of a job that gives up. */
function deadLetterOf(job: Job, attempt: Attempt, payload: object): DeadLetterJob {
  return {
    queue: job.queueName,
    jobName: job.name,
    jobId: job.id ?? `${job.name}-${JSON.stringify(payload)}`,
    payload,
    attempts: attempt.number,
  };
}

/**
 * The job processors. `close()` stops taking jobs and waits for the running ones (graceful shutdown drains
 * them); a process killed mid-job leaves it to BullMQ's stalled-job check, and every processor is safe to
 * run again.
 */
export function startWorkers(deps: WorkerDeps): { close(): Promise<void> } {
  const common = { connection: deps.connection, prefix: deps.prefix };
  const payments = new Worker(
    queueNames.payments,
    async (job) => {
      if (job.name === 'recover') return deps.payments.recoverStalled();
      const attempt = attemptOf(job);
      if (job.name === 'refund') {
        const { refundId } = refundJob.parse(job.data);
        return deps.payments.refund(refundId, attempt, deadLetterOf(job, attempt, { refundId }));
      }
      const { orderId } = orderJob.parse(job.data);
      if (job.name === 'check') return deps.payments.check(orderId, attempt);
      return deps.payments.charge(orderId, attempt, deadLetterOf(job, attempt, { orderId }));
    },
    { ...common, concurrency: deps.concurrency },
  );
  // One sender at a time per process is plenty; rows are claimed with SKIP LOCKED across processes.
  const outbox = new Worker(queueNames.outbox, () => deps.relayOutbox(), { ...common, concurrency: 1 });
  // Reports are heavy aggregate queries: two at a time per process leaves the pool to the rest.
  const reports = new Worker(
    queueNames.reports,
    (job: Job<ReportJobData>) =>
      deps.runReport(job.data, (fraction) => {
        job.updateProgress(Math.round(fraction * 100)).catch(() => {});
      }),
    { ...common, concurrency: 2 },
  );
  const maintenance = new Worker(
    queueNames.maintenance,
    (job) => (job.name === 'media-sweep' ? deps.sweepMedia() : deps.pruneExpired()),
    { ...common, concurrency: 1 },
  );
  const media = new Worker(
    queueNames.media,
    async (job) => {
      const { imageId } = imageJob.parse(job.data);
      try {
        return await deps.renderImage(imageId, attemptOf(job));
      } catch (error) {
        // The image is marked failed already; retrying an undecodable file cannot help.
        if (error instanceof PermanentImageError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    { ...common, concurrency: deps.imageConcurrency },
  );
  const workers = [payments, outbox, reports, maintenance, media];
  for (const worker of workers) {
    worker.on('failed', (job, error) =>
      deps.log.warn({ err: error, queue: worker.name, job: job?.name, jobId: job?.id }, 'job attempt failed'),
    );
    worker.on('error', (error) => deps.log.warn({ err: error, queue: worker.name }, 'worker error'));
  }
  // Idempotent upserts, never awaited: with Redis down at start the process still starts, and the
  // schedules are set once the workers connect.
  const schedule = () =>
    Promise.all([
      deps.queues.outbox.upsertJobScheduler('outbox-sweep', { every: OUTBOX_SWEEP_MS }, { name: 'drain' }),
      deps.queues.payments.upsertJobScheduler(
        'checkout-recovery',
        { every: CHECKOUT_RECOVERY_MS },
        { name: 'recover' },
      ),
      deps.queues.maintenance.upsertJobScheduler('pruning', { every: PRUNING_MS }, { name: 'prune' }),
      deps.queues.maintenance.upsertJobScheduler(
        'media-sweep',
        { every: MEDIA_SWEEP_MS },
        { name: 'media-sweep' },
      ),
    ]).catch((error: unknown) => deps.log.warn({ err: error }, 'job schedules not set yet (Redis down?)'));
  payments.on('ready', () => void schedule());
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
