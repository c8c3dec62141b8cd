import { randomUUID } from 'node:crypto';
import type { Page } from '@allure/shared/pagination';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { OrderView } from '../src/orders/order-access.service.js';
import { call, dataOf } from './auth-helper.js';
import {
  checkoutOf,
  fastPayments,
  settledProgress,
  type WebStock,
  webStock,
  webVariants,
} from './checkout-helper.js';
import { buildTestApp } from './helper.js';

// What the shop's account page (`orders.mine`) and tracking page (`orders.track`) show of an order: number,
// date, status, payment status, total and currency, and each line's product, size, colour, quantity and price.

/** An order as it travels over JSON: dates are strings. */
type OrderJson = Omit<OrderView, 'placedAt'> & { placedAt: string };

describe("the shop's order pages", () => {
  let app: App;
  let web: WebStock;
  const email = `shopper.${randomUUID().slice(0, 8)}@example.sn`;
  let accessToken: string;
  let placed: { id: string; number: string };
  let variants: { id: string; size: string; colour: string; price: number; productName: string }[];

  beforeAll(async () => {
    app = await buildTestApp(fastPayments);
    web = await webStock(app);
    const registered = await call(
      app,
      'auth.register',
      { email, password: 'a long enough passphrase', name: 'Awa Diop', transport: 'body' },
      { type: 'mutation' },
    );
    accessToken = dataOf<{ accessToken: string }>(registered).accessToken;

    const ids = await webVariants(app, web, 2);
    const rows = await app.db.prisma.variant.findMany({
      where: { id: { in: ids } },
      select: { id: true, size: true, colour: true, price: true, product: { select: { name: true } } },
      orderBy: { id: 'asc' },
    });
    variants = rows.map(({ product, ...row }) => ({ ...row, productName: product.name }));
    const input = checkoutOf(
      web,
      variants.map((variant, index) => ({ variantId: variant.id, quantity: index + 1 })),
      { method: 'cash' },
    );
    input.contact = { ...input.contact, email };
    const result = dataOf<{ outcome: string; order: { id: string; number: string; trackingToken: string } }>(
      await call(app, 'checkout.place', input, { type: 'mutation', token: accessToken }),
    );
    if (result.outcome !== 'accepted') throw new Error(`checkout: ${result.outcome}`);
    placed = result.order;
    // Cash on delivery: the worker confirms it; it is paid when handed over.
    await settledProgress(app, result.order.trackingToken);
  });
  afterAll(() => app?.close());

  function expectShopFields(order: OrderJson) {
    expect(order).toMatchObject({
      id: placed.id,
      number: placed.number,
      channel: 'web',
      status: 'confirmed',
      paymentStatus: 'pending',
      currency: 'XOF',
      total: variants.reduce((sum, variant, index) => sum + variant.price * (index + 1), 0),
    });
    expect(Number.isNaN(Date.parse(order.placedAt))).toBe(false);
    expect(order.lines).toEqual(
      variants.map((variant, index) => ({
        id: expect.any(String),
        productName: variant.productName,
        variantLabel: [variant.size, variant.colour].filter(Boolean).join(' / '),
        sku: expect.any(String),
        // Apart, for the shop to show "Size M · Colour Indigo", whatever the label joined.
        variant: { size: variant.size, colour: variant.colour },
        quantity: index + 1,
        unitPrice: variant.price,
        discount: 0,
        tax: expect.any(Number),
        total: variant.price * (index + 1),
      })),
    );
  }

  it('orders.mine gives the account page everything it shows of each order', async () => {
    const page = dataOf<Page<OrderJson>>(
      await call(app, 'orders.mine', { limit: 10 }, { token: accessToken }),
    );
    expect(page.items.map((order) => order.id)).toEqual([placed.id]);
    const [order] = page.items;
    if (!order) throw new Error('no order');
    expectShopFields(order);
  });

  it('orders.track gives a guest the same order with its number and e-mail', async () => {
    const tracked = dataOf<OrderJson>(
      await call(app, 'orders.track', { number: placed.number, email: email.toUpperCase() }),
    );
    expectShopFields(tracked);
    const mine = dataOf<Page<OrderJson>>(
      await call(app, 'orders.mine', { limit: 10 }, { token: accessToken }),
    );
    expect(tracked).toEqual(mine.items[0]);
  });
});
