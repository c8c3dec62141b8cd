import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanBarcode } from '../support/browser.js';
import { openRendererWorld, type RendererWorld } from '../support/renderer-world.js';
import { apiClient } from '../support/server.js';

// The till as a cashier uses it, in Chromium, against the real server: enroll, PIN, open the shift, scan
// three items, cash with change, receipt. Then the server goes down: two more sales, the app restarted
// (page reload), the orders still waiting; the server comes back and every order reaches it exactly once,
// where the manager sees them. Screenshots of each step are kept in tests/artifacts/pos-till/.

describe('selling on the till, online and offline', () => {
  let world: RendererWorld;
  beforeAll(async () => {
    world = await openRendererWorld({ artifacts: 'pos-till' });
  });
  afterAll(() => world?.close());

  const scan = (barcode: string) => scanBarcode(world.page, barcode);
  const pending = () => world.page.getByTestId('sync-status').getAttribute('data-pending');

  async function sellCash(barcodes: string[], cash: string) {
    const { page } = world;
    for (const barcode of barcodes) await scan(barcode);
    await expect.poll(() => page.getByTestId('cart-lines').locator('li').count()).toBe(barcodes.length);
    await page.keyboard.press('F4');
    await page.locator('input[name="tender-amount"]').fill(cash);
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt').waitFor();
  }

  it('sells, keeps selling offline through a restart, and syncs every order exactly once', async () => {
    const { page, pool, site, server, start, pageErrors, screenshot, stockedVariants, signInWithPin } = world;
    const manager = await apiClient(server.baseUrl).auth.login.mutate({
      email: 'manager@allure.test',
      password: 'allure-demo',
    });
    const asManager = apiClient(server.baseUrl, () => manager.accessToken);
    const terminal = await asManager.terminals.create.mutate({ code: 'T07', name: 'Caisse E2E' });
    const { code } = await asManager.terminals.issueEnrollmentCode.mutate({ id: terminal.id });
    const { rows: cashiers } = await pool.query<{ name: string }>(
      `SELECT name FROM "user" WHERE email = 'cashier@allure.test'`,
    );
    const cashierName = cashiers[0]?.name ?? '';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Dakar' }).format(new Date());
    const before = await asManager.reports.salesByDay.query({ from: today, to: today });
    const ordersBefore = before.rows[0]?.orders ?? 0;
    const items = await stockedVariants(5);
    expect(items).toHaveLength(5);

    // Enroll.
    await page.goto(site.origin);
    await page.getByLabel('Adresse du serveur').fill(server.baseUrl);
    await page.getByLabel('Code d’enrôlement').fill(code);
    await screenshot('enroll');
    await page.getByRole('button', { name: 'Enrôler' }).click();

    // PIN, checked on the till against the replicated verifier.
    await page.getByRole('button', { name: new RegExp(cashierName) }).waitFor({ timeout: 30_000 });
    await screenshot('who-sells');
    await signInWithPin(cashierName);

    // Open the shift with a counted float.
    await page.locator('input[name="opening-float"]').fill('50 000');
    await screenshot('open-shift');
    await page.keyboard.press('Enter');

    // Wait for the catalog to be on the till, then scan three items and pay cash with change.
    await page.locator('input[name="search"]').waitFor();
    await expect
      .poll(
        async () => {
          await page.locator('input[name="search"]').fill(items[0]?.barcode ?? '');
          return page.getByTestId('search-results').locator('li').count();
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    await page.locator('input[name="search"]').fill('');
    const first = items.slice(0, 3).map((item) => item.barcode);
    const total = items.slice(0, 3).reduce((sum, item) => sum + item.price, 0);
    const cash = Math.ceil((total + 1) / 10_000) * 10_000;
    for (const barcode of first) await scan(barcode);
    await expect.poll(() => page.getByTestId('cart-lines').locator('li').count()).toBe(3);
    await screenshot('cart');
    await page.keyboard.press('F4');
    await page.locator('input[name="tender-amount"]').fill(String(cash));
    await screenshot('tender');
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt').waitFor();
    const changeText = ((await page.getByTestId('change-due').textContent()) ?? '').replace(/\s/g, '');
    expect(changeText).toContain(String(cash - total));
    await screenshot('receipt');
    await expect
      .poll(() => page.getByTestId('order-sync').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('synced');
    await page.keyboard.press('Enter');

    // The server goes down; the till keeps selling.
    await server.kill();
    // A cashier's double press on Enter records the sale once: the second press comes while it is written.
    await scan(items[3]?.barcode ?? '');
    await expect.poll(() => page.getByTestId('cart-lines').locator('li').count()).toBe(1);
    await page.keyboard.press('F4');
    await page.locator('input[name="tender-amount"]').fill('100000');
    await Promise.all([page.keyboard.press('Enter'), page.keyboard.press('Enter')]);
    await page.getByTestId('receipt').or(page.locator('input[name="search"]')).waitFor();
    if (await page.getByTestId('receipt').isVisible()) await page.keyboard.press('Enter');
    await page.locator('input[name="search"]').waitFor();
    await expect.poll(pending, { timeout: 30_000 }).toBe('1');
    await sellCash([items[4]?.barcode ?? '', items[3]?.barcode ?? ''], '200000');
    await expect.poll(pending, { timeout: 30_000 }).toBe('2');
    await expect
      .poll(() => page.getByTestId('sync-status').getAttribute('data-online'), { timeout: 30_000 })
      .toBe('false');
    await screenshot('offline-pending');

    // The app restarts (a reload): the two orders are still waiting, the shift still open.
    await page.reload();
    await signInWithPin(cashierName);
    await page.locator('input[name="search"]').waitFor();
    await expect.poll(pending).toBe('2');
    await screenshot('restarted-offline');

    // The server comes back: the orders go up, once.
    await start();
    await expect.poll(pending, { timeout: 60_000 }).toBe('0');
    await screenshot('synced');
    const { rows } = await pool.query<{ number: string; lines: number }>(
      `SELECT o.number, (SELECT count(*)::int FROM order_line l WHERE l.order_id = o.id) AS lines
         FROM "order" o WHERE o.terminal_id = $1 ORDER BY o.number`,
      [terminal.id],
    );
    expect(rows).toEqual([
      { number: 'DKR1-T07-000001', lines: 3 },
      { number: 'DKR1-T07-000002', lines: 1 },
      { number: 'DKR1-T07-000003', lines: 2 },
    ]);

    // The manager sees them.
    const signedIn = await apiClient(server.baseUrl).auth.login.mutate({
      email: 'manager@allure.test',
      password: 'allure-demo',
    });
    const listed = await apiClient(server.baseUrl, () => signedIn.accessToken).orders.admin.list.query({
      limit: 50,
    });
    const numbers = listed.items.map((order) => order.number);
    expect(numbers).toEqual(expect.arrayContaining(rows.map((row) => row.number)));

    // End of the day: the X figures, the cash counted, the shift closed and on the server.
    await page.keyboard.press('F10');
    const report = page.getByTestId('x-report');
    await report.waitFor();
    const sold = [0, 1, 2, 3, 4, 3].reduce((sum, index) => sum + (items[index]?.price ?? 0), 0);
    const expected = 50_000 + sold;
    const figures = ((await report.textContent()) ?? '').replace(/\s/g, '');
    expect(figures).toContain(`Ventes3`);
    expect(figures).toContain(`Espècesattendues${expected}`);
    await page.locator('input[name="counted-cash"]').fill(String(expected));
    expect(((await page.getByTestId('cash-difference').textContent()) ?? '').replace(/\s/g, '')).toMatch(
      /:0FCFA$/,
    );
    await screenshot('close-shift');
    await page.keyboard.press('Enter');
    await page.locator('input[name="opening-float"]').waitFor();
    await expect
      .poll(
        async () =>
          (
            await pool.query(`SELECT status, counted_cash, expected_cash FROM shift WHERE terminal_id = $1`, [
              terminal.id,
            ])
          ).rows,
        {
          timeout: 30_000,
        },
      )
      .toEqual([{ status: 'closed', counted_cash: expected, expected_cash: expected }]);

    // The manager's dashboard counts today's three sales.
    await page.getByRole('button', { name: 'Back-office' }).click();
    await page.locator('input[name="email"]').fill('manager@allure.test');
    await page.locator('input[name="password"]').fill('allure-demo');
    await page.keyboard.press('Enter');
    const todaySales = page.getByTestId('today-sales');
    await todaySales.waitFor();
    expect(await todaySales.textContent()).toContain(`${ordersBefore + 3} commandes`);
    expect(await page.getByTestId('top-products').locator('li').count()).toBeGreaterThan(0);
    await screenshot('dashboard');
    expect(pageErrors).toEqual([]);
  });
});
