import { computeCartTotals } from '@allure/shared/cart-totals';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanBarcode } from '../support/browser.js';
import { openRendererWorld, type RendererWorld } from '../support/renderer-world.js';
import { apiClient } from '../support/server.js';

// The till's selling tools as a cashier uses them, in Chromium, against the real server: a sale put on hold,
// another sold meanwhile, the app restarted (page reload) and the held sale resumed; a line discount and a
// cart discount beyond the cashier's limit, approved on the till with the manager's PIN; a customer found
// and attached; paid. The server holds the order with its discounts, approvals and customer, and flags
// nothing. Screenshots of each step are kept in tests/artifacts/pos-tools/.

describe('holding sales, discounts with approval and customers on the till', () => {
  let world: RendererWorld;
  beforeAll(async () => {
    world = await openRendererWorld({ artifacts: 'pos-tools' });
  });
  afterAll(() => world?.close());

  const scan = (barcode: string) => scanBarcode(world.page, barcode);
  const digits = async (testId: string) =>
    ((await world.page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, '');

  it('holds, resumes after a restart, discounts with approval, attaches a customer, and syncs it all', async () => {
    const { page, pool, site, server, pageErrors, screenshot, stockedVariants, signInWithPin } = world;
    const manager = await apiClient(server.baseUrl).auth.login.mutate({
      email: 'manager@allure.test',
      password: 'allure-demo',
    });
    const asManager = apiClient(server.baseUrl, () => manager.accessToken);
    const terminal = await asManager.terminals.create.mutate({ code: 'T08', name: 'Caisse outils' });
    const { code } = await asManager.terminals.issueEnrollmentCode.mutate({ id: terminal.id });
    const { rows: people } = await pool.query<{ id: string; name: string; email: string }>(
      `SELECT id, name, email FROM "user" WHERE email IN ('cashier@allure.test', 'manager@allure.test')`,
    );
    const cashier = people.find((person) => person.email === 'cashier@allure.test');
    const managerRow = people.find((person) => person.email === 'manager@allure.test');
    if (!cashier || !managerRow) throw new Error('demo staff missing');
    const { rows: customers } = await pool.query<{ id: string }>(
      `SELECT id FROM customer WHERE name = 'Cheikh Mbaye'`,
    );
    const items = await stockedVariants(3);
    expect(items).toHaveLength(3);
    const [first, second, third] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];

    // Enroll, sign in, open the shift, wait for the catalog.
    await page.goto(site.origin);
    await page.getByLabel('Adresse du serveur').fill(server.baseUrl);
    await page.getByLabel('Code d’enrôlement').fill(code);
    await page.getByRole('button', { name: 'Enrôler' }).click();
    await page.getByRole('button', { name: new RegExp(cashier.name) }).waitFor({ timeout: 30_000 });
    await signInWithPin(cashier.name);
    await page.locator('input[name="opening-float"]').fill('50 000');
    await page.keyboard.press('Enter');
    await page.locator('input[name="search"]').waitFor();
    await expect
      .poll(
        async () => {
          await page.locator('input[name="search"]').fill(first.barcode);
          return page.getByTestId('search-results').locator('li').count();
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    await page.locator('input[name="search"]').fill('');

    // Two items, then F8: the sale goes on hold under a name and the cart is empty for the next customer.
    await scan(first.barcode);
    await scan(second.barcode);
    await expect.poll(() => page.getByTestId('cart-lines').locator('li').count()).toBe(2);
    await page.keyboard.press('F8');
    await page.locator('input[name="held-label"]').fill('Dame au foulard');
    await screenshot('hold');
    await page.keyboard.press('Enter');
    await page.getByText('Scannez un article pour commencer.').waitFor();
    await page.getByRole('button', { name: 'En attente (1) — F8' }).waitFor();

    // Another customer is served meanwhile.
    await scan(third.barcode);
    await expect.poll(() => page.getByTestId('cart-lines').locator('li').count()).toBe(1);
    await page.keyboard.press('F4');
    await page.locator('input[name="tender-amount"]').fill(String(third.price));
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt').waitFor();
    await page.keyboard.press('Enter');

    // The app restarts: the held sale is still there, and key 1 resumes it.
    await page.reload();
    await signInWithPin(cashier.name);
    await page.locator('input[name="search"]').waitFor();
    await page.keyboard.press('F8');
    await expect.poll(() => page.getByTestId('held-carts').textContent()).toContain('Dame au foulard');
    await screenshot('held-after-restart');
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('cart-lines').locator('li').count()).toBe(2);
    await page.getByRole('button', { name: 'En attente (0) — F8' }).waitFor();

    // 25 % off the selected (last) line: beyond the cashier's 10 %, so the manager types their PIN; a wrong
    // one first.
    await page.keyboard.press('F6');
    await page.locator('input[name="discount"]').fill('25 %');
    await page.keyboard.press('Enter');
    await page.getByTestId('approval').waitFor();
    await page.locator('input[name="approval-pin"]').fill('0000');
    await page.keyboard.press('Enter');
    await page.getByText('Code incorrect.').waitFor();
    await page.locator('input[name="approval-pin"]').fill('2468');
    await screenshot('approval');
    await page.keyboard.press('Enter');
    await page.getByText(/^Remise −/).waitFor();

    // 5 % off the cart on top: the sale now gives away more than 10 %, approved again.
    await page.keyboard.press('F7');
    await page.locator('input[name="discount"]').fill('5%');
    await page.keyboard.press('Enter');
    await page.locator('input[name="approval-pin"]').fill('2468');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // The customer, found by part of the name.
    await page.keyboard.press('F3');
    await page.locator('input[name="customer-search"]').fill('cheikh');
    await expect.poll(() => page.getByTestId('customer-results').locator('li').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sale-customer').textContent()).toContain('Cheikh Mbaye');

    const totals = computeCartTotals({
      currency: 'XOF',
      pricesIncludeTax: true,
      lines: [
        { variantId: 'a', quantity: 1, unitPrice: first.price, vatRate: 0 },
        {
          variantId: 'b',
          quantity: 1,
          unitPrice: second.price,
          vatRate: 0,
          lineDiscount: { type: 'percent', basisPoints: 2500 },
        },
      ],
      cartDiscount: { type: 'percent', basisPoints: 500 },
    });
    expect(await digits('cart-total')).toBe(String(totals.total));
    await screenshot('cart-with-tools');

    // Paid: the receipt names the customer and shows the discount.
    await page.keyboard.press('F4');
    await page.locator('input[name="tender-amount"]').fill(String(totals.total));
    await page.keyboard.press('Enter');
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const text = (await receipt.textContent()) ?? '';
    expect(text).toContain('Cheikh Mbaye');
    expect(text.replace(/\s/g, '')).toContain(`Remise-${totals.discountTotal}F`);
    await screenshot('receipt');
    await expect
      .poll(() => page.getByTestId('order-sync').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('synced');

    // The server has the order as sold: its customer, discounts and approvals, and no discrepancy.
    const { rows: orders } = await pool.query<{
      id: string;
      customer_id: string | null;
      discount_total: number;
      total: number;
      cart_discount: unknown;
    }>(
      `SELECT id, customer_id, discount_total, total, cart_discount FROM "order"
        WHERE terminal_id = $1 ORDER BY number`,
      [terminal.id],
    );
    expect(orders).toHaveLength(2);
    const sold = orders[1];
    expect(sold).toMatchObject({
      customer_id: customers[0]?.id,
      discount_total: totals.discountTotal,
      total: totals.total,
      cart_discount: { type: 'percent', basisPoints: 500 },
    });
    const { rows: lines } = await pool.query<{ id: string; line_discount: unknown; discount: number }>(
      'SELECT id, line_discount, discount FROM order_line WHERE order_id = $1 ORDER BY position',
      [sold?.id],
    );
    expect(lines.map((line) => line.line_discount)).toEqual([null, { type: 'percent', basisPoints: 2500 }]);
    const { rows: approvals } = await pool.query(
      `SELECT action, order_line_id, approved_by_id, requested_by_id FROM order_approval
        WHERE order_id = $1 ORDER BY order_line_id NULLS LAST`,
      [sold?.id],
    );
    expect(approvals).toEqual([
      {
        action: 'discount',
        order_line_id: lines[1]?.id,
        approved_by_id: managerRow.id,
        requested_by_id: cashier.id,
      },
      { action: 'discount', order_line_id: null, approved_by_id: managerRow.id, requested_by_id: cashier.id },
    ]);
    const { rows: discrepancies } = await pool.query(
      'SELECT kind, detail FROM order_discrepancy WHERE order_id = ANY($1::uuid[])',
      [orders.map((order) => order.id)],
    );
    expect(discrepancies).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('speaks its store’s language until someone picks one on the till, and keeps that choice', async () => {
    const { page, pool, pageErrors, screenshot } = world;
    const language = page.getByRole('button', { name: 'Language' });
    const spoken = () => page.evaluate(() => document.documentElement.lang);
    await pool.query(`UPDATE store SET locale = 'en' WHERE code = 'DKR1'`);
    try {
      // The till learns its store's profile again when it starts.
      await page.reload();
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
        timeout: 30_000,
      });
      await page.getByText('Online', { exact: true }).waitFor();
      expect(await language.textContent()).toBe('FR');
      await screenshot('store-language-english');

      await language.click();
      await page.getByText('En ligne', { exact: true }).waitFor();
      await page.reload();
      await page.getByText('En ligne', { exact: true }).waitFor({ timeout: 30_000 });
      expect(await spoken()).toBe('fr');
      expect(await language.textContent()).toBe('EN');
      await screenshot('picked-language-kept');
    } finally {
      await pool.query(`UPDATE store SET locale = 'fr' WHERE code = 'DKR1'`);
    }
    expect(pageErrors).toEqual([]);
  });
});
