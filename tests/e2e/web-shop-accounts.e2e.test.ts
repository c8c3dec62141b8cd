import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLdOf } from '../support/page-html.js';
import {
  addVariant,
  fillCheckout,
  hydrated,
  type StockedVariant,
  stockedVariants,
} from '../support/shop-pages.js';
import { openShopWorld, type ShopWorld } from '../support/shop-world.js';

// The web shop of a store selling in euros (the Paris demo store), in English: prices in euros on the page
// and for search engines; suggestions as the shopper types; sign-up, an order placed signed in that
// lands in the account's history, a session that outlives a reload and ends at sign-out, and sign-in
// again. A guest then finds that order by its number and e-mail, and a wrong pair finds nothing.
// Screenshots in tests/artifacts/web-shop-accounts/.

/** Euros as the English pages write them: "€22.90" (demo prices stay under a thousand). */
const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;

const shopper = {
  name: 'Claire Martin',
  email: `claire.martin.${Date.now()}@example.test`,
  password: 'marais-2026-lin',
};

describe('web shop in euros, in English: search, an account and its orders, tracking by number and e-mail', () => {
  let world: ShopWorld;
  let variant: StockedVariant;
  let price: number;
  /** The order placed signed in, as the database has it. */
  let order: { number: string; total: number };

  beforeAll(async () => {
    world = await openShopWorld({ artifacts: 'web-shop-accounts', env: { DEMO_STORE: 'paris' } });
    const [variants] = await stockedVariants(world.pool, { atLeast: 2 });
    const first = variants?.[0];
    if (!first) throw new Error('no variant in stock online');
    variant = first;
    const { rows } = await world.pool.query<{ price: number }>('SELECT price FROM variant WHERE id = $1', [
      variant.id,
    ]);
    price = rows[0]?.price ?? 0;
  });
  afterAll(() => world?.close());

  const account = async (page: Page) => {
    await page.goto(`${world.server.shopUrl}/en/account`);
    await hydrated(page);
  };
  const greeting = (page: Page) => page.getByText(`Hello ${shopper.name}`);
  const history = (page: Page) => page.locator('ul.orders > li');

  it('prices the Paris store in euros, on the product page and in its JSON-LD', async () => {
    const { rows } = await world.pool.query<{ code: string; currency: string }>(
      `SELECT s.code, s.currency FROM store s JOIN stock_location l ON l.store_id = s.id AND l.kind = 'web'`,
    );
    expect(rows).toEqual([{ code: 'PAR1', currency: 'EUR' }]);
    expect(price % 100).toBe(90);

    const html = await (await fetch(`${world.server.shopUrl}/en/p/${variant.slug}`)).text();
    const offers = (jsonLdOf(html)[0]?.offers ?? []) as {
      sku: string;
      price: string;
      priceCurrency: string;
    }[];
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((offer) => offer.priceCurrency === 'EUR')).toBe(true);
    const { rows: skus } = await world.pool.query<{ sku: string }>('SELECT sku FROM variant WHERE id = $1', [
      variant.id,
    ]);
    // schema.org wants major units: 22.90, not 2290.
    expect(offers.find((offer) => offer.sku === skus[0]?.sku)?.price).toBe((price / 100).toFixed(2));

    const page = await world.shopper();
    await page.goto(`${world.server.shopUrl}/en/p/${variant.slug}?variant=${variant.id}`);
    await hydrated(page);
    expect(await page.locator('.product-price').textContent()).toBe(euros(price));
    await world.screenshot(page, 'product-in-euros');
    await page.context().close();
  });

  it('suggests products as the shopper types; a suggestion opens its product, other words search', async () => {
    const page = await world.shopper();
    await page.goto(`${world.server.shopUrl}/en`);
    await hydrated(page);
    // A search box with suggestions is a combobox to assistive technology.
    const box = page.getByRole('combobox', { name: 'Search the shop' });
    // Most of the name typed: the browser's list offers the product.
    await box.pressSequentially(variant.name.slice(0, -2), { delay: 20 });
    const suggested = () =>
      page
        .locator('datalist option')
        .evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    await expect.poll(suggested).toContain(variant.name);
    expect((await suggested()).length).toBeLessThanOrEqual(6);
    await world.screenshot(page, 'suggestions');
    // The whole name, as picking it fills it in: Enter opens that product.
    await box.fill(variant.name);
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/en/p/${variant.slug}`);
    expect(await page.locator('h1').textContent()).toBe(variant.name);

    // A word that is no product's whole name: the search page, with what matches it.
    const word = variant.name.split(' ')[0] ?? '';
    await box.fill(word);
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(word);
    expect(await page.locator('h1').textContent()).toBe(`Search: ${word}`);
    await expect.poll(() => page.locator('.grid .card').count()).toBeGreaterThan(0);
    const names = await page.locator('.grid .card-name').allTextContents();
    expect(names.some((name) => name.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    expect(world.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('signs a shopper up and takes their order into the account’s history, across a reload', async () => {
    const page = await world.shopper();
    await account(page);
    await page.getByRole('button', { name: 'New here? Create an account', exact: true }).click();
    await page.getByLabel('Full name').fill(shopper.name);
    await page.getByLabel('E-mail').fill(shopper.email);
    await page.getByLabel('Password').fill(shopper.password);
    await world.screenshot(page, 'sign-up');
    await page.getByRole('button', { name: 'Create an account', exact: true }).click();
    await greeting(page).waitFor();
    await page.getByText('No orders yet.').waitFor();
    const { rows: users } = await world.pool.query<{ id: string; role: string; name: string }>(
      'SELECT id, role, name FROM "user" WHERE email = $1',
      [shopper.email],
    );
    expect(users.map((user) => [user.role, user.name])).toEqual([['customer', shopper.name]]);

    // Signed in, the checkout needs no name or e-mail: the order goes to the account.
    await page.goto(`${world.server.shopUrl}/en/p/${variant.slug}`);
    await hydrated(page);
    await addVariant(page, variant, 'en');
    await fillCheckout(page, null, 'tok_sim_success', 'en');
    await page.getByText(`Signed in as ${shopper.email}: the order goes to your account.`).waitFor();
    expect(await page.locator('.cart-subtotal strong').textContent()).toBe(euros(price));
    await world.screenshot(page, 'checkout-signed-in');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.locator('dd[data-status="paid"]').waitFor({ timeout: 30_000 });
    await world.screenshot(page, 'order-paid');

    // The order is the account's, in euros, under the account's name and e-mail.
    const { rows: orders } = await world.pool.query<{
      number: string;
      total: number;
      currency: string;
      status: string;
      user_id: string | null;
      customer_email: string | null;
    }>(
      `SELECT o.number, o.total, o.currency, o.status::text, c.user_id, c.email AS customer_email
         FROM "order" o LEFT JOIN customer c ON c.id = o.customer_id WHERE o.channel = 'web'`,
    );
    expect(orders).toEqual([
      {
        number: expect.any(String),
        total: price,
        currency: 'EUR',
        status: 'paid',
        user_id: users[0]?.id,
        customer_email: shopper.email,
      },
    ]);
    order = { number: orders[0]?.number ?? '', total: price };
    expect(await page.locator('h1').textContent()).toBe(`Order ${order.number}`);

    // The account lists it, paid, at its total; and still does after a reload (the session cookie).
    for (const step of ['history', 'history-after-reload']) {
      if (step === 'history') await account(page);
      else {
        await page.reload();
        await hydrated(page);
      }
      await greeting(page).waitFor();
      await expect.poll(() => history(page).count()).toBe(1);
      const entry = (await history(page).first().textContent()) ?? '';
      expect(entry).toContain(order.number);
      expect(entry).toContain('Paid');
      expect(entry).toContain(variant.name);
      expect(entry).toContain(`${variant.size} · ${variant.colour}`);
      expect(await history(page).first().locator('.cart-subtotal strong').textContent()).toBe(euros(price));
      await world.screenshot(page, step);
    }
    expect(world.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('ends the session at sign-out, for good, and opens it again with the password', async () => {
    const page = await world.shopper();
    // A new browser has no session: it signs in.
    await account(page);
    await page.getByLabel('E-mail').fill(shopper.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('.problem[role="alert"]').waitFor();
    expect(await greeting(page).count()).toBe(0);
    await page.getByLabel('Password').fill(shopper.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await greeting(page).waitFor();
    await expect.poll(() => history(page).count()).toBe(1);
    expect(await history(page).first().textContent()).toContain(order.number);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    // Signed out for good: a reload does not bring the session back.
    await page.reload();
    await hydrated(page);
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(await greeting(page).count()).toBe(0);
    await world.screenshot(page, 'signed-out');
    expect(world.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('finds the order for a guest by number and e-mail, and nothing for a wrong pair', async () => {
    const page = await world.shopper();
    await page.goto(`${world.server.shopUrl}/en/track`);
    await hydrated(page);
    const find = async (number: string, email: string) => {
      await page.getByLabel('Order number').fill(number);
      await page.getByLabel('E-mail used for the order').fill(email);
      await page.getByRole('button', { name: 'Find my order' }).click();
    };

    await find(order.number, 'someone.else@example.test');
    await expect
      .poll(() => page.locator('.problem[role="alert"]').textContent())
      .toBe('No order has this number and e-mail.');
    expect(await page.locator('.order-view').count()).toBe(0);
    await world.screenshot(page, 'track-wrong-email');

    // As people type them: the number in lower case, the e-mail in capitals.
    await find(order.number.toLowerCase(), shopper.email.toUpperCase());
    await page.locator('.order-view').waitFor();
    const found = (await page.locator('.order-view').textContent()) ?? '';
    expect(found).toContain(order.number);
    expect(found).toContain('Paid');
    expect(found).toContain(variant.name);
    expect(await page.locator('.order-view .cart-subtotal strong').textContent()).toBe(euros(order.total));
    expect(await page.locator('.problem[role="alert"]').count()).toBe(0);
    await world.screenshot(page, 'track-found');
    expect(world.pageErrors).toEqual([]);
    await page.context().close();
  });
});
