import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ledgerDrift } from '@allure/db/fixtures/till-sales';
import type { CheckoutResult } from '@allure/shared/checkout.schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import type { OrderProgress } from '../src/checkout/order-status.service.js';
import { signWebhook } from '../src/payments/webhook-signature.js';
import { call, listen, tokenFor } from './auth-helper.js';
import {
  checkoutOf,
  fastPayments,
  placeCheckout,
  progressOf,
  settledProgress,
  setWebLevel,
  type WebStock,
  webLevel,
  webStock,
  webVariants,
} from './checkout-helper.js';
import { buildTestApp } from './helper.js';
import { type SentMail, sentMails } from './mail-files.js';
import { SseStream } from './sse.js';

function accepted(result: CheckoutResult) {
  if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(result)}`);
  return result.order;
}

describe('web checkout', () => {
  let app: App;
  let web: WebStock;
  let mailDir: string;
  let base: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'allure-mail-'));
    app = await buildTestApp({ ...fastPayments, MAIL_URL: pathToFileURL(mailDir).href });
    base = await listen(app);
    web = await webStock(app);
  });
  afterAll(() => app.close());

  async function mailsTo(address: string): Promise<SentMail[]> {
    return (await sentMails(mailDir)).filter((mail) => mail.to === address);
  }

  it('accepts at once, pending, then the worker takes the card payment: paid, stock sold, e-mail sent', async () => {
    const [a, b] = await webVariants(app, web, 2);
    if (!a || !b) throw new Error('no variants');
    const before = { a: await webLevel(app, web, a), b: await webLevel(app, web, b) };
    const input = checkoutOf(web, [
      { variantId: a, quantity: 2 },
      { variantId: b, quantity: 1 },
    ]);
    const order = accepted(await placeCheckout(app, input));
    expect(order).toMatchObject({
      id: input.id,
      status: 'pending',
      paymentStatus: 'pending',
      paymentMethod: 'card',
    });
    expect(order.number).toMatch(/^[A-Z0-9]+-W-\d{6,}$/);
    // Reserved at once: the units are no longer on sale.
    expect(await webLevel(app, web, a)).toBe(before.a - 2);

    const progress = await settledProgress(app, order.trackingToken);
    expect(progress).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
    expect(progress.history.map((entry) => entry.status)).toEqual(['pending', 'paid']);
    expect(await webLevel(app, web, a)).toBe(before.a - 2);
    expect(await webLevel(app, web, b)).toBe(before.b - 1);
    const movements = await app.db.pool.query<{ kind: string; total: number }>(
      'SELECT kind, sum(quantity)::int AS total FROM stock_movement WHERE order_id = $1 GROUP BY kind ORDER BY kind',
      [order.id],
    );
    expect(movements.rows).toEqual([
      { kind: 'sale', total: -3 },
      { kind: 'reservation', total: -3 },
      { kind: 'reservation_release', total: 3 },
    ]);
    const client = await app.db.pool.connect();
    try {
      expect(await ledgerDrift(client)).toEqual([]);
    } finally {
      client.release();
    }
    const mails = await vi.waitFor(async () => {
      const found = await mailsTo(input.contact.email);
      if (found.length === 0) throw new Error('no e-mail yet');
      return found;
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Votre commande ${order.number} est confirmée`);
    expect(mails[0]?.text).toContain('/orders/track?token=');
  });

  it('is idempotent by order id: a retried submit gets the same order, another cart with the id is refused', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    const input = checkoutOf(web, [{ variantId: variant, quantity: 1 }]);
    const [first, second] = await Promise.all([placeCheckout(app, input), placeCheckout(app, input)]);
    expect(accepted(first).id).toBe(accepted(second).id);
    expect(accepted(first).number).toBe(accepted(second).number);
    const again = await placeCheckout(app, input);
    expect(accepted(again).number).toBe(accepted(first).number);
    const count = await app.db.pool.query('SELECT 1 FROM "order" WHERE id = $1', [input.id]);
    expect(count.rowCount).toBe(1);
    const reserved = await app.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stock_movement WHERE order_id = $1 AND kind = 'reservation'`,
      [input.id],
    );
    expect(reserved.rows[0]?.n).toBe(1);

    const other = await call(
      app,
      'checkout.place',
      { ...input, lines: [{ variantId: variant, quantity: 2 }] },
      { type: 'mutation' },
    );
    expect(other.status).toBe(409);
    expect(other.body.error?.message).toMatch(/already used/);
  });

  it('sells the last unit to exactly one of eight concurrent buyers; the others are told it is gone', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    await setWebLevel(app, web, variant, 1);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        placeCheckout(app, checkoutOf(web, [{ variantId: variant, quantity: 1 }])),
      ),
    );
    expect(results.filter((result) => result.outcome === 'accepted')).toHaveLength(1);
    const refused = results.filter((result) => result.outcome === 'out_of_stock');
    expect(refused).toHaveLength(7);
    expect(refused[0]).toEqual({
      outcome: 'out_of_stock',
      lines: [{ variantId: variant, requested: 1, available: 0 }],
    });
    expect(await webLevel(app, web, variant)).toBe(0);
  });

  it('a declined card fails the order, puts the units back and tells the shopper', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    const before = await webLevel(app, web, variant);
    const input = checkoutOf(web, [{ variantId: variant, quantity: 2 }], {
      method: 'card',
      token: 'tok_sim_declined',
    });
    const order = accepted(await placeCheckout(app, input));
    const progress = await settledProgress(app, order.trackingToken);
    expect(progress).toMatchObject({ status: 'payment_failed', paymentStatus: 'failed' });
    expect(progress.history.at(-1)?.note).toBe('card_declined');
    expect(await webLevel(app, web, variant)).toBe(before);
    await vi.waitFor(async () => {
      const [mail] = await mailsTo(input.contact.email);
      expect(mail?.subject).toBe(`Le paiement de la commande ${order.number} n'a pas abouti`);
    });
  });

  it('retries a charge whose answer was lost, and charges once (the provider is idempotent by payment)', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    const order = accepted(
      await placeCheckout(
        app,
        checkoutOf(web, [{ variantId: variant, quantity: 1 }], { method: 'card', token: 'tok_sim_timeout' }),
      ),
    );
    expect(await settledProgress(app, order.trackingToken)).toMatchObject({ status: 'paid' });
    const payment = await app.db.prisma.payment.findFirstOrThrow({
      where: { orderId: order.id },
      select: { attempts: true, status: true, providerRef: true, paymentToken: true },
    });
    expect(payment).toMatchObject({ attempts: 2, status: 'paid', paymentToken: null });
    expect(payment.providerRef).toMatch(/^sim_/);
  });

  it('gives up after the last attempt: dead letter, order failed, stock released, managers alerted', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    const before = await webLevel(app, web, variant);
    const order = accepted(
      await placeCheckout(
        app,
        checkoutOf(web, [{ variantId: variant, quantity: 1 }], {
          method: 'card',
          token: 'tok_sim_unavailable',
        }),
      ),
    );
    const progress = await settledProgress(app, order.trackingToken);
    expect(progress).toMatchObject({ status: 'payment_failed', paymentStatus: 'failed' });
    expect(await webLevel(app, web, variant)).toBe(before);
    const letters = await app.db.prisma.deadLetter.findMany({
      where: { orderId: order.id },
      select: { queue: true, jobName: true, attempts: true, error: true, storeId: true },
    });
    expect(letters).toEqual([
      {
        queue: 'payments',
        jobName: 'charge',
        attempts: 3,
        error: expect.stringMatching(/unavailable/),
        storeId: web.storeId,
      },
    ]);
    const payment = await app.db.prisma.payment.findFirstOrThrow({
      where: { orderId: order.id },
      select: { attempts: true },
    });
    expect(payment.attempts).toBe(3);
    const alerts = await app.db.pool.query<{ to: string }>(
      `SELECT payload->>'to' AS to FROM outbox_message WHERE topic = 'email.dead_letter_alert'
         AND payload->>'orderNumber' = $1 ORDER BY 1`,
      [order.number],
    );
    expect(alerts.rows.map((row) => row.to)).toEqual(['admin@allure.test', 'manager@allure.test']);
  });

  it('mobile money: pending until the provider calls back, and the status stream shows both', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    const order = accepted(
      await placeCheckout(
        app,
        checkoutOf(web, [{ variantId: variant, quantity: 1 }], {
          method: 'mobile_money',
          phone: '+221771234567',
        }),
      ),
    );
    const input = encodeURIComponent(JSON.stringify({ trackingToken: order.trackingToken }));
    const stream = await SseStream.open<OrderProgress>(`${base}/trpc/checkout.watch?input=${input}`);
    try {
      const paid = await stream.until((progress) => progress.status === 'paid');
      expect(paid.paymentStatus).toBe('paid');
      // The first message is where the order stood on connecting: pending, unless the callback was faster.
      expect(['pending', 'paid']).toContain(stream.events[0]?.status);
    } finally {
      stream.close();
    }
    const events = await app.db.prisma.paymentEvent.findMany({
      where: { payment: { orderId: order.id } },
      select: { provider: true, type: true },
    });
    expect(events).toEqual([{ provider: 'simulator', type: 'payment.succeeded' }]);
  });

  it('cash on delivery is confirmed at once and the units are sold', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    const before = await webLevel(app, web, variant);
    const order = accepted(
      await placeCheckout(app, checkoutOf(web, [{ variantId: variant, quantity: 1 }], { method: 'cash' })),
    );
    expect(await settledProgress(app, order.trackingToken)).toMatchObject({
      status: 'confirmed',
      paymentStatus: 'pending',
    });
    expect(await webLevel(app, web, variant)).toBe(before - 1);
  });

  it('an unapproved mobile-money payment expires and lets its stock go', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    const before = await webLevel(app, web, variant);
    const order = accepted(
      await placeCheckout(
        app,
        checkoutOf(web, [{ variantId: variant, quantity: 1 }], {
          method: 'mobile_money',
          phone: '+221771231111',
        }),
      ),
    );
    const progress = await settledProgress(app, order.trackingToken, 20_000);
    expect(progress).toMatchObject({ status: 'payment_failed' });
    expect(progress.history.at(-1)?.note).toBe('payment not approved in time');
    expect(await webLevel(app, web, variant)).toBe(before);
  });

  it('refunds a card payment through the provider: partly, then the rest, each once', async () => {
    const [variant] = await webVariants(app, web, 1);
    if (!variant) throw new Error('no variant');
    const order = accepted(await placeCheckout(app, checkoutOf(web, [{ variantId: variant, quantity: 2 }])));
    await settledProgress(app, order.trackingToken);
    const [line] = await app.db.prisma.orderLine.findMany({
      where: { orderId: order.id },
      select: { id: true },
    });
    const manager = await tokenFor(app, 'manager');
    const refund = (quantity: number) => ({
      id: randomUUID(),
      orderId: order.id,
      lines: [{ orderLineId: line?.id, quantity }],
      method: 'card',
    });
    const paymentOf = () =>
      app.db.prisma.payment.findFirstOrThrow({ where: { orderId: order.id }, select: { status: true } });

    const first = refund(1);
    expect((await call(app, 'orders.admin.refund', first, { token: manager, type: 'mutation' })).status).toBe(
      200,
    );
    await vi.waitFor(async () => expect((await paymentOf()).status).toBe('partially_refunded'));
    // The same refund sent again is answered from the first, and nothing more goes back.
    await call(app, 'orders.admin.refund', first, { token: manager, type: 'mutation' });
    const rest = refund(1);
    expect((await call(app, 'orders.admin.refund', rest, { token: manager, type: 'mutation' })).status).toBe(
      200,
    );
    await vi.waitFor(async () => expect((await paymentOf()).status).toBe('refunded'));
    const sent = await app.db.prisma.refund.findMany({
      where: { orderId: order.id },
      select: { providerRef: true, amount: true },
    });
    expect(sent).toHaveLength(2);
    expect(sent.every((refund) => refund.providerRef?.startsWith('simref_'))).toBe(true);
    expect(sent.reduce((sum, refund) => sum + refund.amount, 0)).toBe(order.total);
  });

  it('answers unavailable for a variant no longer sold, and 400 for bad input', async () => {
    const archived = await app.db.pool.query<{ id: string }>(
      `SELECT v.id FROM variant v JOIN product p ON p.id = v.product_id WHERE p.status <> 'active' LIMIT 1`,
    );
    const [variant] = await webVariants(app, web, 1);
    const gone = archived.rows[0]?.id ?? '00000000-0000-7000-8000-000000000000';
    const result = await placeCheckout(
      app,
      checkoutOf(web, [
        { variantId: variant as string, quantity: 1 },
        { variantId: gone, quantity: 1 },
      ]),
    );
    expect(result).toEqual({ outcome: 'unavailable', variantIds: [gone] });

    const store = await app.db.prisma.store.create({
      data: { code: 'NOWEB', name: 'Sans boutique en ligne', currency: 'XOF', timezone: 'Africa/Dakar' },
      select: { id: true },
    });
    const noWeb = await call(
      app,
      'checkout.place',
      { ...checkoutOf(web, [{ variantId: variant as string, quantity: 1 }]), storeId: store.id },
      { type: 'mutation' },
    );
    expect(noWeb.status).toBe(400);
    expect(noWeb.body.error?.message).toMatch(/does not sell online/);
    for (const bad of [
      { ...checkoutOf(web, [{ variantId: variant as string, quantity: 100 }]) },
      { ...checkoutOf(web, [{ variantId: variant as string, quantity: 1 }]), payment: { method: 'card' } },
      {
        ...checkoutOf(web, [{ variantId: variant as string, quantity: 1 }]),
        contact: { name: 'X', email: 'x' },
      },
    ]) {
      const answer = await call(app, 'checkout.place', bad, { type: 'mutation' });
      expect(answer.status).toBe(400);
    }
  });
});

describe('payment webhooks', () => {
  let app: App;
  let web: WebStock;
  const secret = 'allure-development-payment-webhook-secret';

  beforeAll(async () => {
    // The simulator never calls back on its own here (phone …1111): the test plays the provider.
    app = await buildTestApp({
      ...fastPayments,
      PAYMENT_ATTEMPTS: '20',
      PAYMENT_BACKOFF_MS: '60000',
    });
    web = await webStock(app);
  });
  afterAll(() => app.close());

  async function pendingPayment() {
    const [variant] = await webVariants(app, web, 1);
    const order = accepted(
      await placeCheckout(
        app,
        checkoutOf(web, [{ variantId: variant as string, quantity: 1 }], {
          method: 'mobile_money',
          phone: '+221771231111',
        }),
      ),
    );
    const payment = await vi.waitFor(async () => {
      const found = await app.db.prisma.payment.findFirstOrThrow({
        where: { orderId: order.id },
        select: { id: true, providerRef: true },
      });
      if (!found.providerRef) throw new Error('not charged yet');
      return found;
    });
    return { order, payment: { id: payment.id, providerRef: payment.providerRef as string } };
  }

  function post(body: string, signature: string | undefined) {
    return app.inject({
      method: 'POST',
      url: '/webhooks/payments/simulator',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-allure-signature': signature } : {}),
      },
      payload: body,
    });
  }

  it('settles on a signed event once; a replay changes nothing', async () => {
    const { order, payment } = await pendingPayment();
    const body = JSON.stringify({
      id: `evt_${order.id}`,
      type: 'payment.succeeded',
      paymentId: payment.id,
      providerRef: payment.providerRef,
    });
    const first = await post(body, signWebhook(secret, body));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ result: 'processed' });
    const replay = await post(body, signWebhook(secret, body));
    expect(replay.json()).toEqual({ result: 'duplicate' });
    const progress = await progressOf(app, order.trackingToken);
    expect(progress.history.map((entry) => entry.status)).toEqual(['pending', 'paid']);
  });

  it.each([
    ['no signature', (body: string) => post(body, undefined)],
    ['a signature with another secret', (body: string) => post(body, signWebhook(`${secret}x`, body))],
    [
      'a signature ten minutes old',
      (body: string) => post(body, signWebhook(secret, body, Date.now() - 600_000)),
    ],
    [
      'a body altered after signing',
      (body: string) => post(body.replace('succeeded', 'failed'), signWebhook(secret, body)),
    ],
  ])('refuses %s with 400 and leaves the order pending', async (_case, send) => {
    const { order, payment } = await pendingPayment();
    const body = JSON.stringify({
      id: `evt_${order.id}`,
      type: 'payment.succeeded',
      paymentId: payment.id,
      providerRef: payment.providerRef,
    });
    const answer = await send(body);
    expect(answer.statusCode).toBe(400);
    expect((await progressOf(app, order.trackingToken)).status).toBe('pending');
  });

  it('refuses signed nonsense with 400, never 5xx', async () => {
    for (const body of [
      'not json',
      '{"id":"evt_1"}',
      JSON.stringify({ id: 'e', type: 'payment.succeeded', paymentId: 'x', providerRef: 'r' }),
    ]) {
      const answer = await post(body, signWebhook(secret, body));
      expect(answer.statusCode).toBe(400);
    }
  });
});
