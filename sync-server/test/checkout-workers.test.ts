import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckoutResult } from '@allure/shared/checkout.schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { buildWorker } from '../src/worker-app.js';
import { call } from './auth-helper.js';
import {
  checkoutOf,
  fastPayments,
  placeCheckout,
  progressOf,
  settledProgress,
  type WebStock,
  webStock,
  webVariants,
} from './checkout-helper.js';
import { buildTestApp, testConfig } from './helper.js';
import { sentMails } from './mail-files.js';

// The API and the workers as separate processes of one deployment (WORKERS=off on the API, the worker
// entry's app beside it), sharing only PostgreSQL and Redis.

function acceptedId(result: CheckoutResult): { id: string; trackingToken: string } {
  if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(result)}`);
  return result.order;
}

describe('workers apart from the API', () => {
  const prefix = `test:workers-${randomUUID().slice(0, 8)}:`;
  let api: App;
  let web: WebStock;
  let mailDir: string;
  let settings: Record<string, string>;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'allure-mail-'));
    settings = { ...fastPayments, REDIS_KEY_PREFIX: prefix, MAIL_URL: pathToFileURL(mailDir).href };
    api = await buildTestApp({ ...settings, WORKERS: 'off' });
    web = await webStock(api);
  });
  afterAll(() => api.close());

  it('the API only accepts; a worker process takes the payment', async () => {
    const [variant] = await webVariants(api, web, 1);
    const order = acceptedId(
      await placeCheckout(api, checkoutOf(web, [{ variantId: variant as string, quantity: 1 }])),
    );
    const waiting = await api.jobs.queues.payments.getJob(`charge-${order.id}`);
    expect(waiting?.name).toBe('charge');
    expect((await progressOf(api, order.trackingToken)).status).toBe('pending');

    const worker = await buildWorker(testConfig(settings), false);
    try {
      expect(await settledProgress(api, order.trackingToken)).toMatchObject({ status: 'paid' });
    } finally {
      await worker.close();
    }
  });

  it('finishes the running charge before a worker shuts down', async () => {
    const [variant] = await webVariants(api, web, 1);
    const worker = await buildWorker(
      testConfig({ ...settings, PAYMENT_SIMULATOR_DELAY_MS: '500', PAYMENT_TIMEOUT_MS: '5000' }),
      false,
    );
    const order = acceptedId(
      await placeCheckout(api, checkoutOf(web, [{ variantId: variant as string, quantity: 1 }])),
    );
    await vi.waitFor(async () => {
      expect(await api.jobs.queues.payments.getJobState(`charge-${order.id}`)).toBe('active');
    });
    await worker.close();
    expect((await progressOf(api, order.trackingToken)).status).toBe('paid');
  });

  it('charges an order whose job was lost (Redis flushed, crash before queueing) from the recovery sweep', async () => {
    const [variant] = await webVariants(api, web, 1);
    const order = acceptedId(
      await placeCheckout(api, checkoutOf(web, [{ variantId: variant as string, quantity: 1 }])),
    );
    await api.jobs.queues.payments.remove(`charge-${order.id}`);
    await api.db.pool.query(
      `UPDATE "order" SET created_at = created_at - interval '10 minutes' WHERE id = $1`,
      [order.id],
    );
    const worker = await buildWorker(testConfig(settings), false);
    try {
      expect(await worker.payments.recoverStalled()).toBeGreaterThanOrEqual(1);
      expect(await settledProgress(api, order.trackingToken)).toMatchObject({ status: 'paid' });
      const charges = await api.db.prisma.payment.findFirstOrThrow({
        where: { orderId: order.id },
        select: { attempts: true },
      });
      expect(charges.attempts).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('sends the outbox: a password reset e-mail reaches the mail directory once', async () => {
    const email = 'client@allure.test';
    const asked = await call(api, 'auth.requestPasswordReset', { email }, { type: 'mutation' });
    expect(asked.status).toBe(200);
    const worker = await buildWorker(testConfig(settings), false);
    try {
      await worker.jobs.drainOutbox();
      const mail = await vi.waitFor(async () => {
        const found = (await sentMails(mailDir)).filter((sent) => sent.to === email);
        expect(found).toHaveLength(1);
        return found[0];
      });
      expect(mail?.subject).toBe('Réinitialisation du mot de passe / Password reset');
      expect(mail?.text).toMatch(/\/reset-password\?token=[\w-]+/);
      const pending = await api.db.pool.query(
        `SELECT 1 FROM outbox_message WHERE topic = 'email.password_reset' AND status <> 'done'`,
      );
      expect(pending.rowCount).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('sets aside an outbox message it can never send, instead of retrying it forever', async () => {
    const { rows } = await api.db.pool.query<{ id: string }>(
      `INSERT INTO outbox_message (id, topic, payload) VALUES (gen_random_uuid(), 'email.order_confirmation', '{"to":"nobody"}') RETURNING id`,
    );
    const worker = await buildWorker(testConfig(settings), false);
    try {
      await worker.jobs.drainOutbox();
      await vi.waitFor(async () => {
        const {
          rows: [message],
        } = await api.db.pool.query<{ status: string; last_error: string }>(
          'SELECT status, last_error FROM outbox_message WHERE id = $1',
          [rows[0]?.id],
        );
        expect(message?.status).toBe('dead');
        expect(message?.last_error).toMatch(/payload of email.order_confirmation/);
      });
    } finally {
      await worker.close();
    }
  });
});
