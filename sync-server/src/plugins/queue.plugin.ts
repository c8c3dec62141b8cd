import { Queue } from 'bullmq';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { createMailer } from '../mail/mailer.js';
import { relayOutbox } from '../mail/outbox-relay.js';
import { imagesChanged } from '../media/image-admin.service.js';
import { renderUploadedImage } from '../media/image-processing.js';
import { sweepMedia } from '../media/media-sweep.js';
import { PaymentSimulator } from '../payments/payment-simulator.js';
import { Payments } from '../payments/payments.js';
import { paymentWebhookRoutes } from '../payments/webhook.route.js';
import { SIGNATURE_HEADER } from '../payments/webhook-signature.js';
import { Jobs, type Queues, queueNames } from '../queue/jobs.js';
import { pruneExpired } from '../queue/maintenance.js';
import { startWorkers } from '../queue/workers.js';
import { runReport } from '../reports/report-jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
    payments: Payments;
  }
}

const WEBHOOK_PATH = '/webhooks/payments';

/**
 * Background work on BullMQ: the queues (on REDIS_URL, which must not evict), the payment provider and the
 * payment webhooks, and, when this process runs workers (WORKERS=inline, or the worker entry), the
 * processors. BullMQ keys live under `<REDIS_KEY_PREFIX>bull`; it manages its own prefixing, so its
 * connections carry no ioredis keyPrefix.
 */
export const queuePlugin = fp(
  async (app, options: { config: Config; runWorkers: boolean }) => {
    const { config } = options;
    const prefix = `${config.redis.keyPrefix}bull`;
    // Producers fail fast while Redis is down (a checkout must not hang; the sweep queues it later).
    const producer = new Redis(config.redis.url, {
      connectionName: 'allure-queues',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2_000),
    });
    producer.on('error', () => {});
    const queues: Queues = {
      payments: new Queue(queueNames.payments, { connection: producer, prefix }),
      outbox: new Queue(queueNames.outbox, { connection: producer, prefix }),
      reports: new Queue(queueNames.reports, { connection: producer, prefix }),
      maintenance: new Queue(queueNames.maintenance, { connection: producer, prefix }),
      media: new Queue(queueNames.media, { connection: producer, prefix }),
    };
    for (const queue of Object.values(queues)) {
      queue.on('error', (error) => app.log.warn({ err: error, queue: queue.name }, 'queue connection error'));
    }
    const jobs = new Jobs(queues, config.payments, app.log);
    const provider = new PaymentSimulator({
      delayMs: config.payments.simulatorDelayMs,
      secret: config.payments.webhookSecret,
      log: app.log,
      deliver: async (body, signature) => {
        const url = config.payments.webhookUrl ?? `${WEBHOOK_PATH}/simulator`;
        const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature };
        const status = config.payments.webhookUrl
          ? (await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })).status
          : (await app.inject({ method: 'POST', url, headers, payload: body })).statusCode;
        if (status !== 200) throw new Error(`webhook answered ${status}`);
      },
    });
    const payments = new Payments({
      db: app.db,
      log: app.log,
      provider,
      jobs,
      orderEvents: app.orderEvents,
      changeFeed: app.changeFeed,
      orderLinks: { key: app.auth.keys.orderLink, publicUrl: config.publicUrl },
      timeoutMs: config.payments.timeoutMs,
    });
    app.decorate('jobs', jobs);
    app.decorate('payments', payments);
    await app.register(paymentWebhookRoutes, {
      provider: provider.name,
      secret: config.payments.webhookSecret,
      payments,
    });

    const send = createMailer(config.mail.url, config.mail.from);
    // Workers block on Redis, so their commands must wait out a disconnection rather than fail.
    const connection = options.runWorkers
      ? new Redis(config.redis.url, { connectionName: 'allure-workers', maxRetriesPerRequest: null })
      : null;
    connection?.on('error', () => {});
    const workers = connection
      ? startWorkers({
          connection,
          prefix,
          concurrency: config.workers.concurrency,
          queues,
          payments,
          relayOutbox: () => relayOutbox({ db: app.db, log: app.log, send, publicUrl: config.publicUrl }),
          pruneExpired: () => pruneExpired(app.db),
          runReport: (data, onProgress) => runReport({ db: app.db }, data, onProgress),
          imageConcurrency: config.media.concurrency,
          renderImage: (imageId, attempt) =>
            renderUploadedImage(
              {
                db: app.db,
                store: app.media,
                tmpDir: config.media.tmpDir,
                maxPixels: config.media.maxPixels,
                log: app.log,
                publish: (productId) => imagesChanged(app, productId),
              },
              imageId,
              attempt,
            ),
          sweepMedia: () =>
            sweepMedia({ db: app.db, store: app.media, jobs, tmpDir: config.media.tmpDir, log: app.log }),
          log: app.log,
        })
      : null;

    // Running jobs finish before anything they use closes (preClose runs before every onClose).
    app.addHook('preClose', async () => {
      await workers?.close();
    });
    app.addHook('onClose', async () => {
      connection?.disconnect();
      provider.close();
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      producer.disconnect();
    });
  },
  { name: 'queues', dependencies: ['db', 'redis', 'pubsub', 'auth', 'cache', 'media'] },
);
