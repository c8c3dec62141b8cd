import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanBarcode } from '../support/browser.js';
import { openRendererWorld, type RendererWorld } from '../support/renderer-world.js';
import { apiClient } from '../support/server.js';

// A return at the till, in Chromium, against the real server: a cashier sells two items online; the server
// goes down; the customer brings one back with the receipt; the cashier finds the sale in the till's own
// database, picks the line, and a manager approves with their PIN on the till; the refund receipt shows.
// The server comes back: exactly one refund reaches it, the unit is back on the shop floor, and the shift's
// X report takes the cash given back out of the cash expected. Screenshots in tests/artifacts/pos-returns/.

describe('returns at the till, offline, with a manager approval', () => {
  let world: RendererWorld;
  beforeAll(async () => {
    world = await openRendererWorld({ artifacts: 'pos-returns' });
  });
  afterAll(() => world?.close());

  async function shopFloorLevel(variantId: string): Promise<number> {
    const { rows } = await world.pool.query<{ quantity: number }>(
      `SELECT s.quantity FROM stock_level s
         JOIN stock_location l ON l.id = s.location_id AND l.kind = 'store'
         JOIN store st ON st.id = l.store_id AND st.code = 'DKR1'
        WHERE s.variant_id = $1`,
      [variantId],
    );
    return rows[0]?.quantity ?? Number.NaN;
  }

  it('refunds one line of a sale offline with a manager’s PIN, and the server records it once', async () => {
    const { page, pool, site, server, start, pageErrors, screenshot, stockedVariants, signInWithPin } = world;
    const manager = await apiClient(server.baseUrl).auth.login.mutate({
      email: 'manager@allure.test',
      password: 'allure-demo',
    });
    const asManager = apiClient(server.baseUrl, () => manager.accessToken);
    const terminal = await asManager.terminals.create.mutate({ code: 'T08', name: 'Caisse retours' });
    const { code } = await asManager.terminals.issueEnrollmentCode.mutate({ id: terminal.id });
    const { rows: people } = await pool.query<{ name: string; email: string }>(
      `SELECT name, email FROM "user" WHERE email IN ('cashier@allure.test', 'manager@allure.test')`,
    );
    const cashierName = people.find((person) => person.email === 'cashier@allure.test')?.name ?? '';
    const items = await stockedVariants(2);
    const [returned, kept] = items;
    if (!returned || !kept) throw new Error('no stock');

    // Enroll, sign in as the cashier, open the shift.
    await page.goto(site.origin);
    await page.getByLabel('Adresse du serveur').fill(server.baseUrl);
    await page.getByLabel('Code d’enrôlement').fill(code);
    await page.getByRole('button', { name: 'Enrôler' }).click();
    await page.getByRole('button', { name: new RegExp(cashierName) }).waitFor({ timeout: 30_000 });
    await signInWithPin(cashierName);
    await page.locator('input[name="opening-float"]').fill('50 000');
    await page.keyboard.press('Enter');

    // Sell the two items for cash, online.
    await page.locator('input[name="search"]').waitFor();
    await expect
      .poll(
        async () => {
          await page.locator('input[name="search"]').fill(returned.barcode);
          return page.getByTestId('search-results').locator('li').count();
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    await page.locator('input[name="search"]').fill('');
    await scanBarcode(page, returned.barcode);
    await scanBarcode(page, kept.barcode);
    await expect.poll(() => page.getByTestId('cart-lines').locator('li').count()).toBe(2);
    const total = returned.price + kept.price;
    await page.keyboard.press('F4');
    await page.locator('input[name="tender-amount"]').fill(String(total));
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt').waitFor();
    await expect
      .poll(() => page.getByTestId('order-sync').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('synced');
    await page.keyboard.press('Enter');
    const { rows: orders } = await pool.query<{ id: string; number: string }>(
      `SELECT id, number FROM "order" WHERE terminal_id = $1`,
      [terminal.id],
    );
    const order = orders[0];
    if (!order) throw new Error('the sale did not reach the server');
    const levelAfterSale = await shopFloorLevel(returned.id);

    // The server goes down. The customer comes back with the receipt.
    await server.kill();
    await page.keyboard.press('F5');
    const receiptNumber = page.locator('input[name="receipt-number"]');
    await receiptNumber.waitFor();
    // A receipt this till does not have: said plainly.
    await receiptNumber.fill('DKR1-T99-000001');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.returns').getByRole('alert').textContent())
      .toContain('n’est pas dans les données');
    await screenshot('not-local');
    await receiptNumber.fill(order.number.toLowerCase());
    await page.keyboard.press('Enter');
    const lines = page.getByTestId('return-line');
    await expect.poll(() => lines.count()).toBe(2);
    await page.locator('input[name="return-0"]').fill('1');
    const refundTotal = ((await page.getByTestId('refund-total').textContent()) ?? '').replace(/\s/g, '');
    expect(refundTotal).toContain(String(returned.price));
    await screenshot('pick-lines');
    await page.keyboard.press('Enter');

    // A cashier refunds only with a manager's PIN, checked on the till.
    await page.getByTestId('refund-approval').waitFor();
    await page.locator('input[name="approval-pin"]').fill('0000');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('refund-approval').getByRole('alert').textContent())
      .toContain('Code erroné');
    await page.locator('input[name="approval-pin"]').fill('2468');
    await screenshot('approval');
    await page.keyboard.press('Enter');
    const refundReceipt = page.getByTestId('refund-receipt');
    await refundReceipt.waitFor();
    const printed = (await refundReceipt.textContent()) ?? '';
    expect(printed).toContain('REMBOURSEMENT');
    expect(printed).toContain(order.number);
    expect(printed).toMatch(/Accord\s+Moussa Diop/);
    expect(await page.getByTestId('refund-sync').getAttribute('data-state')).toBe('pending');
    await screenshot('refund-receipt');

    // The same line cannot be refunded twice: one unit was sold, none is left.
    await page.keyboard.press('Enter');
    await page.keyboard.press('F5');
    await receiptNumber.fill(order.number);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('input[name="return-0"]').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.locator('input[name="search"]').waitFor();

    // The server comes back: one refund, priced by the server, the unit back on the shop floor.
    await start();
    await expect
      .poll(
        async () =>
          (
            await pool.query(
              `SELECT r.amount, r.method, r.restock, a.email AS approved_by
                 FROM refund r JOIN "user" a ON a.id = r.approved_by_id WHERE r.order_id = $1`,
              [order.id],
            )
          ).rows,
        { timeout: 60_000 },
      )
      .toEqual([
        { amount: returned.price, method: 'cash', restock: true, approved_by: 'manager@allure.test' },
      ]);
    expect(await shopFloorLevel(returned.id)).toBe(levelAfterSale + 1);
    const { rows: status } = await pool.query(`SELECT status FROM "order" WHERE id = $1`, [order.id]);
    expect(status).toEqual([{ status: 'partially_refunded' }]);

    // The X report counts the sale and takes the cash given back out of the drawer.
    await page.keyboard.press('F10');
    const report = page.getByTestId('x-report');
    await report.waitFor();
    // The report shows the shift's sales at once and its refunds when the till's query of them answers.
    const figures = async () => ((await report.textContent()) ?? '').replace(/\s/g, '');
    expect(await figures()).toContain('Ventes1');
    await expect.poll(figures).toContain(`Espècesattendues${50_000 + total - returned.price}`);
    await screenshot('x-report');
    expect(pageErrors).toEqual([]);
  });
});
