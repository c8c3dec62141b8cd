import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cashSale, sellableVariants, tillIdentity } from '@allure/db/fixtures/till-sales';
import { mulDivRound } from '@allure/shared/rounding';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRendererWorld, type RendererWorld } from '../support/renderer-world.js';
import { apiClient, enrollTerminals, terminalAccessToken } from '../support/server.js';

// The back office's Orders and Reports screens as a manager uses them, in Chromium against the real server:
// a till's sales listed and filtered, one opened, one of its units refunded with the amount previewed, the
// refund button pressed twice and the money given back once; the filtered orders exported as CSV; a
// report over a custom period shown and downloaded as CSV, its figures those of the server. Screenshots in
// tests/artifacts/backoffice-orders/.

describe('back office: orders, refunds and reports', () => {
  let world: RendererWorld;
  beforeAll(async () => {
    world = await openRendererWorld({
      artifacts: 'backoffice-orders',
      viewport: { width: 1366, height: 900 },
    });
  });
  afterAll(() => world?.close());

  const digits = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\D/g, '');
  /** Clicks and returns the text of the file the click downloads. */
  const download = async (button: Locator) => {
    const [file] = await Promise.all([world.page.waitForEvent('download'), button.click()]);
    return { name: file.suggestedFilename(), text: await readFile((await file.path()) ?? '', 'utf8') };
  };

  it('lists, refunds one line exactly once, exports orders and a report as CSV', async () => {
    const { page, pool, site, server, pageErrors, screenshot } = world;
    const baseUrl = server.baseUrl;
    // Three sales of a till of the demo store, the second of two lines (two units of the first).
    const [enrolled] = await enrollTerminals(baseUrl, ['T09']);
    if (!enrolled) throw new Error('no till');
    const till = await tillIdentity(pool, enrolled.terminalId);
    const variants = await sellableVariants(pool, 4);
    const [a, b, c, d] = variants;
    if (!a || !b || !c || !d) throw new Error('not enough variants');
    const sales = [
      cashSale(till, 1, [{ variant: a, quantity: 1 }]),
      cashSale(till, 2, [
        { variant: b, quantity: 2 },
        { variant: c, quantity: 1 },
      ]),
      cashSale(till, 3, [{ variant: d, quantity: 3 }]),
    ];
    const tillToken = await terminalAccessToken(baseUrl, enrolled);
    await apiClient(baseUrl, () => tillToken).sync.push.mutate({
      collection: 'orders',
      rows: sales.map((order) => ({ newDocumentState: order, assumedMasterState: null })),
    });
    const refunded = sales[1];
    if (!refunded) throw new Error('no sale');
    const { rows: lines } = await pool.query<{ id: string; quantity: number; total: number }>(
      'SELECT id, quantity, total FROM order_line WHERE order_id = $1 ORDER BY position',
      [refunded.id],
    );
    expect(lines).toHaveLength(2);
    const firstLine = lines[0];
    if (!firstLine) throw new Error('no line');
    const expectedRefund = mulDivRound(firstLine.total, 1, firstLine.quantity);

    // The manager signs in and opens Orders: the newest sale first.
    await page.goto(site.origin);
    await page.getByLabel('Adresse du serveur').fill(baseUrl);
    await page.getByRole('button', { name: 'Back-office' }).click();
    await page.locator('input[name="email"]').fill('manager@allure.test');
    await page.locator('input[name="password"]').fill('allure-demo');
    await page.keyboard.press('Enter');
    await page.locator('[data-section="orders"]').click();
    const list = page.getByTestId('order-list');
    await list.locator(`[data-order="${sales[2]?.number}"]`).waitFor();
    const numbers = await list
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-order')));
    expect(numbers.indexOf(sales[2]?.number ?? '')).toBeLessThan(numbers.indexOf(sales[0]?.number ?? ''));
    await screenshot('orders');

    // Filtered by the till's number prefix: its three sales, counted.
    await list.locator('input[name="filter-number"]').fill(`${till.storeCode}-T09`);
    await list.locator('select[name="filter-channel"]').selectOption('pos');
    await list.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => list.getByTestId('order-count').textContent()).toBe('3 commandes');
    expect(await list.locator('tbody tr').count()).toBe(3);
    await screenshot('orders-filtered');

    // The filtered orders as the server's CSV.
    const orders = await download(list.getByRole('button', { name: 'Exporter en CSV' }));
    expect(orders.name).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = orders.text.split('\r\n').filter(Boolean);
    expect(exported).toHaveLength(4);
    for (const sale of sales) expect(orders.text).toContain(sale.number);

    // The two-line sale, in full.
    await list.locator(`[data-order="${refunded.number}"] button`).click();
    const detail = page.getByTestId('order-detail');
    await detail.getByTestId('order-lines').waitFor();
    expect(await digits(detail.getByTestId('order-total'))).toBe(String(refunded.total));
    expect(await detail.getByTestId('order-lines').locator('tbody tr').count()).toBe(2);
    await screenshot('order-detail');

    // One of the two units of the first line, previewed, then the button pressed twice in a row.
    await detail.getByRole('button', { name: 'Rembourser…' }).click();
    const form = detail.getByTestId('refund-form');
    await form.locator('input[type="number"]').first().fill('1');
    await form.locator('select[name="refund-method"]').selectOption('cash');
    await expect
      .poll(() => digits(form.getByTestId('refund-preview')))
      .toMatch(new RegExp(`^${expectedRefund}`));
    await screenshot('refund-preview');
    const refundCalls: string[] = [];
    page.on(
      'request',
      (request) => request.url().includes('orders.admin.refund') && refundCalls.push(request.url()),
    );
    await form.getByTestId('refund-submit').evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await detail.getByRole('status').waitFor();
    await expect.poll(() => detail.getByTestId('order-refunds').locator('li').count()).toBe(1);
    expect(await digits(detail.getByTestId('order-refunded'))).toBe(String(expectedRefund));
    expect(await detail.locator('[data-refunded="1"]').count()).toBe(1);
    await screenshot('refunded');

    // On the server: one refund of that amount, the order partly refunded.
    const { rows: recorded } = await pool.query<{ count: number; amount: number }>(
      'SELECT count(*)::int AS count, coalesce(sum(amount), 0)::int AS amount FROM refund WHERE order_id = $1',
      [refunded.id],
    );
    expect(recorded[0]).toEqual({ count: 1, amount: expectedRefund });
    const manager = await apiClient(baseUrl).auth.login.mutate({
      email: 'manager@allure.test',
      password: 'allure-demo',
    });
    const asManager = apiClient(baseUrl, () => manager.accessToken);
    const stored = await asManager.orders.admin.get.query({ id: refunded.id });
    expect(stored.status).toBe('partially_refunded');
    expect(stored.refunds.map((refund) => refund.amount)).toEqual([expectedRefund]);
    expect(refundCalls.length).toBeGreaterThanOrEqual(1);

    // Reports for a custom period ending today, the day's sales downloaded as CSV.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Dakar' }).format(new Date());
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('[data-section="reports"]').click();
    await page.locator('[data-preset="custom"]').click();
    // A period that ends before it starts is explained, not sent.
    await page.locator('input[name="report-from"]').fill(today);
    await page.locator('input[name="report-to"]').fill(from);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByRole('alert').filter({ hasText: 'La fin doit être' }).waitFor();
    await page.locator('input[name="report-from"]').fill(from);
    await page.locator('input[name="report-to"]').fill(today);
    await page.getByRole('button', { name: 'Afficher' }).click();
    const report = page.getByTestId('report');
    await expect.poll(() => report.getByTestId('report-table').locator('tbody tr').count()).toBe(3);
    await screenshot('report-sales-by-day');
    const csv = await download(report.getByRole('button', { name: 'Exporter en CSV' }));
    expect(csv.name).toBe(`salesByDay-${from}-${today}.csv`);
    const byDay = await asManager.reports.salesByDay.query({ from, to: today });
    const todays = byDay.rows.at(-1);
    expect(todays?.orders).toBeGreaterThanOrEqual(3);
    expect(todays?.refunds).toBeGreaterThan(0);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text.slice(1).split('\r\n')).toEqual([
      'Jour,Commandes,Remises,Ventes HT,Remboursements HT,Ventes nettes HT,TVA,Total TTC',
      ...byDay.rows.map((row) =>
        [row.day, row.orders, row.discounts, row.sales, row.refunds, row.netSales, row.tax, row.total].join(
          ',',
        ),
      ),
      '',
    ]);

    // The other reports of the same period.
    await page.locator('[data-report="byPaymentMethod"]').click();
    await report.and(page.locator('[data-kind="byPaymentMethod"]')).waitFor();
    expect(await report.getByTestId('report-table').textContent()).toContain('Espèces');
    await screenshot('report-payment-methods');
    await page.locator('[data-report="topProducts"]').click();
    await report.and(page.locator('[data-kind="topProducts"]')).waitFor();
    await screenshot('report-top-products');

    // The till's shift, closed now: its Z-report counts the three sales, as the server's does.
    const shiftId = randomUUID();
    const takings = sales.reduce((sum, sale) => sum + sale.total, 0);
    await pool.query(
      `INSERT INTO shift (id, store_id, terminal_id, opened_by_id, opened_at, opening_float, status,
                          closed_by_id, closed_at, counted_cash)
       VALUES ($1, $2, $3, $4, now() - interval '1 hour', 50000, 'closed', $4, now(), $5)`,
      [shiftId, till.storeId, till.terminalId, till.cashierId, 50_000 + takings],
    );
    const z = await asManager.reports.zReport.query({ shiftId });
    expect(z.orders).toBe(3);
    expect(z.sales).toBe(takings);
    expect(z.difference).toBe(0);
    await page.locator('[data-report="zReports"]').click();
    await report.and(page.locator('[data-kind="zReports"]')).waitFor();
    await report.getByTestId('report-table').locator('tbody tr').first().getByRole('button').click();
    const card = page.getByTestId('z-report');
    await card.waitFor();
    expect((await card.textContent())?.replace(/\s/g, '')).toContain(`${z.sales}FCFA`);
    await screenshot('report-z');
    expect(pageErrors).toEqual([]);
  });
});
