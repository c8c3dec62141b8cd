import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { element, jsonLdOf, meta, tags } from '../support/page-html.js';
import { apiClient } from '../support/server.js';
import {
  addVariant,
  cartCount,
  fillCheckout,
  hydrated,
  stockedVariants,
  storedCart,
} from '../support/shop-pages.js';
import { openShopWorld, type ShopWorld } from '../support/shop-world.js';

// The web shop as shoppers and search engines meet it, against the real API, worker and shop server of the
// start command. Search engines get each page's content and metadata as HTML, without script. A shopper
// browses, filters, picks two variants, keeps the cart across a reload, pays by card through 3-D Secure
// and watches the order turn paid without reloading; the back office then sees that order and the web
// stock has moved. Two shoppers race for the last unit: one order, and the other is told and has their
// cart cut. Screenshots in tests/artifacts/web-shop/.

declare global {
  interface Window {
    /** Set by the test in the page: still there later means the page was never reloaded. */
    sameDocument?: string;
  }
}

/** The shop's listing page size (web-shop/src/page-data.ts): a longer listing needs the infinite scroll. */
const LISTING_PAGE_SIZE = 24;

describe('web shop: pages for search engines, a paid order from browsing, the last unit sold once', () => {
  let world: ShopWorld;
  let store: { name: string; currency: string };
  beforeAll(async () => {
    // Two seconds per simulator step: the order page shows the payment pending before the webhook settles it.
    world = await openShopWorld({ artifacts: 'web-shop', env: { PAYMENT_SIMULATOR_DELAY_MS: '2000' } });
    const { rows } = await world.pool.query<{ name: string; currency: string }>(
      `SELECT DISTINCT s.name, s.currency FROM store s JOIN stock_location l ON l.store_id = s.id AND l.kind = 'web'`,
    );
    store = rows[0] ?? { name: '', currency: '' };
  });
  afterAll(() => world?.close());

  it('serves product and category pages as HTML that search engines read without running script', async () => {
    const { server, screenshot } = world;
    expect(store.currency).toBe('XOF');
    const [variants] = await stockedVariants(world.pool, { atLeast: 1 });
    const slug = variants?.[0]?.slug ?? '';
    const product = await apiClient(server.baseUrl).catalog.products.bySlug.query({ slug });
    expect(product.variants.length).toBeGreaterThanOrEqual(1);

    const response = await fetch(`${server.shopUrl}/fr/p/${slug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    const html = await response.text();
    expect(element(html, 'title')).toBe(`${product.name} · ${store.name}`);
    expect(element(html, 'h1')).toBe(product.name);
    const description = meta(html, 'name', 'description') ?? '';
    expect(description.length).toBeGreaterThan(0);
    expect(description.length).toBeLessThanOrEqual(200);
    expect(
      description.startsWith((product.description || product.name).replace(/\s+/g, ' ').trim().slice(0, 40)),
    ).toBe(true);
    expect(meta(html, 'property', 'og:type')).toBe('product');
    expect(meta(html, 'property', 'og:title')).toBe(product.name);
    expect(meta(html, 'property', 'og:description')).toBe(description);
    const links = tags(html, 'link');
    expect(links.filter((link) => link.rel === 'canonical').map((link) => link.href)).toEqual([
      `${server.shopUrl}/fr/p/${slug}`,
    ]);
    const alternates = links.filter((link) => link.rel === 'alternate');
    expect(Object.fromEntries(alternates.map((link) => [link.hreflang, link.href]))).toEqual({
      fr: `${server.shopUrl}/fr/p/${slug}`,
      en: `${server.shopUrl}/en/p/${slug}`,
    });
    expect(meta(html, 'name', 'robots')).toBeUndefined();

    const jsonLd = jsonLdOf(html);
    expect(jsonLd).toHaveLength(1);
    expect(jsonLd[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: product.name,
    });
    // One offer per variant at its shelf price, in the store's currency (XOF has no minor unit).
    expect(jsonLd[0]?.offers).toEqual(
      product.variants.map((variant) =>
        expect.objectContaining({
          '@type': 'Offer',
          sku: variant.sku,
          price: String(variant.price),
          priceCurrency: 'XOF',
        }),
      ),
    );

    const category = await fetch(`${server.shopUrl}/fr/c/${product.category.slug}`);
    expect(category.status).toBe(200);
    const listing = await category.text();
    expect(element(listing, 'h1')).toBe(product.category.name);
    expect(element(listing, 'title')).toBe(`${product.category.name} · ${store.name}`);
    expect(listing).toContain(`href="/fr/p/${slug}"`);

    // What a browser without script shows: the same content, from the HTML alone.
    const page = await world.shopper({ javaScript: false });
    await page.goto(`${server.shopUrl}/fr/p/${slug}`);
    expect(await page.locator('h1').textContent()).toBe(product.name);
    expect(await page.getByRole('button', { name: 'Ajouter au panier' }).count()).toBe(1);
    await screenshot(page, 'product-without-script');
    await page.goto(`${server.shopUrl}/fr/c/${product.category.slug}`);
    expect(await page.locator('h1').textContent()).toBe(product.category.name);
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
    await screenshot(page, 'category-without-script');
    await page.context().close();
  });

  it('sends / to the visitor’s language and answers an unknown product with a page and a 404', async () => {
    const { shopUrl } = world.server;
    const french = await fetch(`${shopUrl}/`, { redirect: 'manual' });
    expect(french.status).toBe(302);
    expect(french.headers.get('location')).toBe('/fr');
    const english = await fetch(`${shopUrl}/`, {
      redirect: 'manual',
      headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' },
    });
    expect(english.status).toBe(302);
    expect(english.headers.get('location')).toBe('/en');

    const missing = await fetch(`${shopUrl}/fr/p/cette-robe-n-existe-pas`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await missing.text();
    expect(element(html, 'h1')).toBe('Page introuvable');
    expect(meta(html, 'name', 'robots')).toBe('noindex');
  });

  it('sells two variants from the home page to a paid order, the status page updating without a reload', async () => {
    const { server, pool, screenshot } = world;
    const page = await world.shopper();
    // The order id each checkout attempt sends: the API's idempotency key.
    const placedIds: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/trpc/checkout.place'))
        placedIds.push((request.postDataJSON() as { id: string }).id);
    });

    // Home, then a category from the header.
    await page.goto(`${server.shopUrl}/fr`);
    await hydrated(page);
    expect(await page.locator('h1').textContent()).toBe(store.name);
    await screenshot(page, 'home');
    const { rows: categories } = await pool.query<{ slug: string; name: string; products: number }>(
      // Top-level categories and how many active products under them come in size M: the filter's answer.
      `WITH RECURSIVE tree AS (
         SELECT id, id AS top FROM category WHERE parent_id IS NULL
         UNION ALL SELECT c.id, t.top FROM category c JOIN tree t ON c.parent_id = t.id)
       SELECT top.slug, top.name, count(DISTINCT p.id)::int AS products
         FROM tree JOIN category top ON top.id = tree.top
         JOIN product p ON p.category_id = tree.id AND p.status = 'active'
         JOIN variant v ON v.product_id = p.id AND v.active AND v.size = 'M'
        GROUP BY top.slug, top.name ORDER BY products DESC LIMIT 1`,
    );
    const category = categories[0];
    if (!category) throw new Error('no category sells size M');
    // More than a page of them: the listing has to load the rest as the shopper scrolls.
    expect(category.products).toBeGreaterThan(LISTING_PAGE_SIZE);
    await page
      .getByRole('navigation', { name: 'Par catégorie' })
      .getByRole('link', { name: category.name, exact: true })
      .click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/fr/c/${category.slug}`);
    expect(await page.locator('h1').textContent()).toBe(category.name);

    // Size M ticked: the address says so, and every product listed comes in M.
    const sizeM = page
      .getByRole('group', { name: 'Taille' })
      .getByRole('checkbox', { name: 'M', exact: true });
    await sizeM.click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('size')).toEqual(['M']);
    await expect.poll(() => sizeM.isChecked()).toBe(true);
    await screenshot(page, 'category-size-m');
    const cards = page.locator('.grid .card a');
    const more = page.locator('.more');
    while ((await more.count()) > 0) {
      const shown = await cards.count();
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await expect.poll(async () => (await cards.count()) > shown || (await more.count()) === 0).toBe(true);
    }
    expect(await cards.count()).toBe(category.products);
    const slugs = (
      await cards.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
    ).map((href) => href.replace('/fr/p/', ''));
    const { rows: withM } = await pool.query<{ slug: string }>(
      `SELECT DISTINCT p.slug FROM product p JOIN variant v ON v.product_id = p.id AND v.active AND v.size = 'M'
        WHERE p.slug = ANY($1::text[])`,
      [slugs],
    );
    expect(withM.map((row) => row.slug).sort()).toEqual([...slugs].sort());

    // A listed product with two variants in stock online; its page from its card.
    const candidate = (await stockedVariants(world.pool, { slugs, atLeast: 1 })).find(
      (variants) => variants.length >= 2,
    );
    const [first, second] = candidate ?? [];
    if (!first || !second) throw new Error('no listed product has two variants in stock online');
    const before = await world.webStock([first.id, second.id]);
    await page.locator(`.card a[href="/fr/p/${first.slug}"]`).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/fr/p/${first.slug}`);
    expect(await page.locator('h1').textContent()).toBe(first.name);

    // Both variants added: two items in the cart.
    await addVariant(page, first);
    await screenshot(page, 'product-first-variant');
    await addVariant(page, second);
    await expect.poll(() => cartCount(page)).toBe('2');
    await screenshot(page, 'product-second-variant');

    // The cart is the browser's own: a reload keeps it.
    await page.reload();
    await hydrated(page);
    await expect.poll(() => cartCount(page)).toBe('2');
    expect((await storedCart(page)).map((line) => [line.variantId, line.quantity])).toEqual([
      [first.id, 1],
      [second.id, 1],
    ]);

    // Checkout as a guest, by a card that asks for 3-D Secure.
    await fillCheckout(page, { name: 'Awa Ndiaye', email: 'awa.ndiaye@example.test' }, 'tok_sim_3ds');
    expect(await page.locator('.cart-line').count()).toBe(2);
    await screenshot(page, 'checkout');
    const webOrders = async () =>
      (
        await pool.query<{ id: string; number: string }>(
          `SELECT id, number FROM "order" WHERE channel = 'web' ORDER BY placed_at`,
        )
      ).rows;
    const ordersBefore = await webOrders();
    await page.evaluate(() => {
      window.sameDocument = 'checkout';
    });
    // The first answer is lost on the way back (the server did take the order): the shopper is told, and
    // presses again, twice. Every attempt names the same order, so there is still one order.
    await page.route(
      '**/trpc/checkout.place*',
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    const submit = page.getByRole('button', { name: 'Passer la commande' });
    await submit.click();
    const problem = page.locator('.problem[role="alert"]');
    await expect.poll(() => problem.textContent()).toMatch(/^La commande n’a pas pu être envoyée/);
    await screenshot(page, 'checkout-answer-lost');
    await submit.dblclick();

    // The order page, then paid once the provider's webhook arrives, without the shopper reloading.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toMatch(/^\/fr\/orders\/.+/);
    await page.locator('dd[data-payment]').waitFor();
    expect(await page.locator('dd[data-payment]').getAttribute('data-payment')).toBe('pending');
    await screenshot(page, 'order-pending');
    await page.locator('dd[data-status="paid"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('dd[data-payment]').getAttribute('data-payment')).toBe('paid');
    expect(await page.locator('dd[data-status]').textContent()).toBe('Payée');
    expect(
      await page.evaluate(() => ({
        marker: window.sameDocument,
        navigations: performance.getEntriesByType('navigation').length,
      })),
    ).toEqual({ marker: 'checkout', navigations: 1 });
    await expect.poll(() => cartCount(page)).toBe('0');
    await screenshot(page, 'order-paid');

    // One order, whatever the lost answer and the double click; it shows its number.
    const ordersAfter = await webOrders();
    expect(ordersAfter).toHaveLength(ordersBefore.length + 1);
    const order = ordersAfter.find((row) => !ordersBefore.some((other) => other.id === row.id));
    if (!order) throw new Error('no new web order');
    expect(placedIds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(placedIds)).toEqual(new Set([order.id]));
    expect(await page.locator('h1').textContent()).toBe(`Commande ${order.number}`);

    // The back office finds it by number: the web's, paid by card, with its two lines.
    const manager = await world.manager();
    const listed = await manager.orders.admin.list.query({ channel: 'web', numberPrefix: order.number });
    expect(listed.items.map((item) => [item.number, item.status, item.paymentStatus])).toEqual([
      [order.number, 'paid', 'paid'],
    ]);
    const detail = await manager.orders.admin.get.query({ id: order.id });
    expect(detail.channel).toBe('web');
    expect(detail.lines.map((line) => [line.variantId, line.quantity])).toEqual([
      [first.id, 1],
      [second.id, 1],
    ]);
    expect(detail.payments.map((payment) => [payment.method, payment.status])).toEqual([['card', 'paid']]);

    // One unit of each left the web location.
    const after = await world.webStock([first.id, second.id]);
    expect([after.get(first.id), after.get(second.id)]).toEqual([
      (before.get(first.id) ?? 0) - 1,
      (before.get(second.id) ?? 0) - 1,
    ]);
    expect(world.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('sells the last unit once to two shoppers checking out together; the other is told and their cart cut', async () => {
    const { server, pool, screenshot } = world;
    // A variant with a few units online, brought down to exactly one by a manager's stock adjustment.
    const [variants] = (await stockedVariants(world.pool, { atLeast: 2 })).slice(-1);
    const last = variants?.[0];
    if (!last) throw new Error('no variant with two units online');
    const manager = await world.manager();
    const web = (await manager.inventory.locations.list.query()).find((location) => location.kind === 'web');
    if (!web) throw new Error('no web location');
    const adjusted = await manager.inventory.adjust.mutate({
      id: randomUUID(),
      locationId: web.id,
      reason: 'correction',
      note: 'The last unit, for two shoppers',
      lines: [{ variantId: last.id, quantity: 1 - last.quantity }],
    });
    expect(adjusted.status).toBe('recorded');
    expect((await world.webStock([last.id])).get(last.id)).toBe(1);
    const ordersOf = async () =>
      (
        await pool.query<{ orders: number }>(
          `SELECT count(DISTINCT o.id)::int AS orders FROM "order" o JOIN order_line l ON l.order_id = o.id
            WHERE o.channel = 'web' AND l.variant_id = $1`,
          [last.id],
        )
      ).rows[0]?.orders;
    const ordersBefore = await ordersOf();

    // Two shoppers, each in a browser of their own, put the last unit in their cart and fill the checkout.
    const shoppers = [await world.shopper(), await world.shopper()];
    for (const [index, page] of shoppers.entries()) {
      await page.bringToFront();
      await page.goto(`${server.shopUrl}/fr/p/${last.slug}?variant=${last.id}`);
      await hydrated(page);
      await addVariant(page, { ...last, quantity: 1 });
      await expect.poll(() => cartCount(page)).toBe('1');
      await fillCheckout(
        page,
        { name: `Client ${index + 1}`, email: `client${index + 1}@example.test` },
        'tok_sim_success',
      );
    }
    await Promise.all(
      shoppers.map((page) => page.getByRole('button', { name: 'Passer la commande' }).click()),
    );

    // Each lands on an order page or is told the unit is gone: one of each.
    const outcomes = await Promise.all(
      shoppers.map(async (page) => {
        await page.locator('dd[data-status], .problem[role="alert"]').first().waitFor({ timeout: 15_000 });
        return (await page.locator('dd[data-status]').count()) > 0 ? 'order' : 'out_of_stock';
      }),
    );
    expect([...outcomes].sort()).toEqual(['order', 'out_of_stock']);
    const winner = shoppers[outcomes.indexOf('order')];
    const loser = shoppers[outcomes.indexOf('out_of_stock')];
    if (!winner || !loser) throw new Error('no winner or no loser');
    expect(new URL(winner.url()).pathname).toMatch(/^\/fr\/orders\/.+/);
    await screenshot(winner, 'last-unit-winner');

    // The other: told which item, the line gone from the cart (nothing left), nothing to submit.
    const problem = (await loser.locator('.problem[role="alert"]').textContent()) ?? '';
    expect(problem).toContain('Certains articles sont partis');
    expect(problem).toContain(last.name);
    expect(new URL(loser.url()).pathname).toBe('/fr/checkout');
    await expect.poll(() => cartCount(loser)).toBe('0');
    expect(await loser.locator('.cart-line').count()).toBe(0);
    expect(await storedCart(loser)).toEqual([]);
    expect(await loser.getByRole('button', { name: 'Passer la commande' }).isDisabled()).toBe(true);
    await screenshot(loser, 'last-unit-loser');

    // On the server: one order holds it, and none are left online.
    expect(await ordersOf()).toBe((ordersBefore ?? 0) + 1);
    expect((await world.webStock([last.id])).get(last.id)).toBe(0);
    expect(world.pageErrors).toEqual([]);
    await Promise.all(shoppers.map((page) => page.context().close()));
  });
});
