import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildRenderer,
  launchChromiumWithProfile,
  pressKey,
  scanBarcode,
  serveFolder,
} from '@allure/desktop/testing';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { managerClient } from './lib/api.js';
import { benchDatabase } from './lib/bench-database.js';
import { startBenchServer } from './lib/bench-server.js';
import { instrumentLatency, type Latency, measure, takeLongTasks } from './lib/input-latency.js';
import { printFigures, printRows } from './lib/report.js';
import { percentile } from './lib/stats.js';

// The till in Chromium with the large catalog (50,000 variants) replicated into its IndexedDB: how long a
// scan takes to show its line in the cart, a keystroke in the search box its results, and Enter on the
// payment the recorded sale's receipt, each from the input event to the DOM showing it, and from the page
// getting the event (its handling: what the till's code costs). Beside it, in the same browser: a bare
// page's keydown-to-DOM, the same scan into a bare page, and a bare IndexedDB write, the floor under all.
// The browser keeps its profile on disk, as the app does, so IndexedDB writes include the disk's.
// A scan is 14 keys 2 ms apart, and the browser hands the page one key at a time, each once the page has
// acknowledged the previous one: on a loaded machine that delivery, not the page, takes most of a scan.
// Here the server shares the till's two cores: sales rung up while the previous one syncs feel the server's
// work; a few more sales, each started once the previous one has synced, show the till at rest.

const PORT = 3141;
const SALES = 200;
/** Sales rung up once the previous one has synced: the server's share of the two cores is idle then. */
const SALES_AT_REST = 100;
const ITEMS_PER_SALE = 5;
const QUERIES = [
  'robe',
  'wax',
  'boubou brode',
  'chemise lin',
  'sac cuir',
  'pagne',
  'jupe',
  'kaftan',
  'sandales',
  'foulard',
];
const PIN = '1234';

const log = (line: string) => process.stdout.write(`bench: ${line}\n`);

export default async function posBench(): Promise<void> {
  const database = await benchDatabase({ name: 'allure_bench_pos', fresh: true });
  const pool = new pg.Pool({ connectionString: database.databaseUrl, max: 2 });
  const build = await mkdtemp(join(tmpdir(), 'allure-bench-renderer-'));
  const profile = await mkdtemp(join(tmpdir(), 'allure-bench-profile-'));
  log('building the renderer');
  await buildRenderer(build);
  // The baseline's bare page, on the same origin as the app (IndexedDB needs a real origin).
  await writeFile(
    join(build, 'baseline.html'),
    '<!doctype html><input id="field" autofocus><ol id="list"></ol>',
  );
  const site = await serveFolder(build);
  const server = await startBenchServer(PORT, database, { CORS_ORIGINS: site.origin });
  // A profile on disk, as the app's: every IndexedDB write below, the baseline's too, reaches the disk.
  const context = await launchChromiumWithProfile(profile, { width: 1366, height: 800 });
  try {
    const barcodes = await stockedBarcodes(pool, (SALES + SALES_AT_REST) * ITEMS_PER_SALE);
    const { rows } = await pool.query<{ variants: number; cashier: string }>(
      `SELECT (SELECT count(*)::int FROM variant) AS variants,
              (SELECT name FROM "user" WHERE email = 'cashier@allure.test') AS cashier`,
    );
    const { variants, cashier } = rows[0] ?? { variants: 0, cashier: '' };
    const manager = await managerClient(server.url);
    const terminal = await manager.terminals.create.mutate({ code: 'T90', name: 'Caisse bench' });
    const { code } = await manager.terminals.issueEnrollmentCode.mutate({ id: terminal.id });

    await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
    const page = context.pages()[0] ?? (await context.newPage());
    await instrumentLatency(page);
    const baseline = await measureBaseline(page, `${site.origin}/baseline.html`, barcodes.slice(0, 100));

    await page.goto(site.origin);
    await page.locator('input[name="enrollment-code"]').waitFor();
    await page.locator('input[inputmode="url"]').fill(server.url);
    await page.locator('input[name="enrollment-code"]').fill(code);
    await takeLongTasks(page);
    const replicationStarted = performance.now();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: new RegExp(cashier) }).click({ timeout: 60_000 });
    await page.locator('input[name="pin"]').fill(PIN);
    await page.keyboard.press('Enter');
    await page.locator('input[name="opening-float"]').fill('0');
    await page.keyboard.press('Enter');
    log(`waiting for ${variants} variants to replicate into the till`);
    await page.waitForFunction(
      (count) =>
        Number(document.querySelector('[data-catalog-size]')?.getAttribute('data-catalog-size')) >= count,
      variants,
      { timeout: 600_000, polling: 500 },
    );
    const replicationS = Math.round((performance.now() - replicationStarted) / 100) / 10;
    log(`catalog replicated in ${replicationS} s; waiting for stock, customers and orders`);
    // Measured on a till at rest: while the first sync writes tens of thousands of documents, IndexedDB
    // keeps the renderer's thread busy (docs/desktop.md, what comes next).
    await quiet(page);
    const settledS = Math.round((performance.now() - replicationStarted) / 100) / 10;
    const syncTasks = await takeLongTasks(page);
    log(`everything replicated in ${settledS} s; ${syncTasks.length} tasks over 50 ms meanwhile`);

    log('searching as you type');
    const search = await measureSearch(page);
    log(`selling ${SALES} sales of ${ITEMS_PER_SALE} scanned items`);
    const sell = (count: number, codes: string[], atRest: boolean) =>
      measureSales(page, count, codes, atRest).catch(async (error: unknown) => {
        const shot = join(tmpdir(), 'allure-bench-pos-failure.png');
        await page.screenshot({ path: shot }).catch(() => {});
        throw new Error(`selling failed (screen in ${shot}): ${(error as Error).message}`, { cause: error });
      });
    const { scans, commits } = await sell(SALES, barcodes, false);
    const sellingTasks = await takeLongTasks(page);
    log(`selling ${SALES_AT_REST} more, each once the previous one has synced`);
    const atRest = await sell(SALES_AT_REST, barcodes.slice(SALES * ITEMS_PER_SALE), true);
    report({
      baseline,
      scans,
      search,
      commits,
      atRest,
      replicationS: settledS,
      variants,
      syncTasks,
      sellingTasks,
    });
  } finally {
    await context.close();
    await server.stop();
    await site.close();
    await pool.end();
    await rm(build, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
}

/** Until the till has not been syncing for three seconds in a row; gives up after ten minutes. */
async function quiet(page: Page): Promise<void> {
  let calm = 0;
  const deadline = Date.now() + 600_000;
  while (calm < 3) {
    if (Date.now() > deadline) throw new Error('the till was still syncing after ten minutes');
    const syncing = await page.getByTestId('sync-status').getAttribute('data-syncing');
    calm = syncing === 'false' ? calm + 1 : 0;
    await page.waitForTimeout(1_000);
  }
}

/** Until the till has sent every sale and is not syncing. */
function synced(page: Page): Promise<void> {
  return page
    .locator('[data-testid="sync-status"][data-pending="0"][data-syncing="false"]')
    .waitFor({ timeout: 30_000 });
}

/** Barcodes of distinct variants with stock on the demo store's shop floor. */
async function stockedBarcodes(pool: pg.Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ barcode: string }>(
    `SELECT v.barcode FROM variant v
       JOIN product p ON p.id = v.product_id AND p.status = 'active'
       JOIN stock_level s ON s.variant_id = v.id AND s.quantity > 0
       JOIN stock_location l ON l.id = s.location_id AND l.kind = 'store'
       JOIN store st ON st.id = l.store_id AND st.code = 'DKR1'
      WHERE v.active AND v.barcode IS NOT NULL
      ORDER BY md5(v.id::text) LIMIT $1`,
    [count],
  );
  return rows.map((row) => row.barcode);
}

/**
 * A bare page in the same browser: keydown to DOM, and one IndexedDB write, as the floor. As many keys and
 * writes as sales, so that their p99 compares with the sales'.
 */
async function measureBaseline(
  page: Page,
  url: string,
  barcodes: string[],
): Promise<{ inputMs: number[]; scanMs: number[]; idbMs: number[] }> {
  await page.goto(url);
  await page.evaluate(() => {
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') document.getElementById('list')?.append(document.createElement('li'));
    });
  });
  await page.focus('#field');
  const inputMs: number[] = [];
  for (let n = 1; n <= SALES; n += 1) {
    const check = `document.querySelectorAll('#list li').length === ${n}`;
    inputMs.push((await measure(page, check, 'enter', () => pressKey(page, 'Enter'))).total);
  }
  const scanMs: number[] = [];
  for (const [index, barcode] of barcodes.entries()) {
    const check = `document.querySelectorAll('#list li').length === ${SALES + 1 + index}`;
    scanMs.push((await measure(page, check, 'enter', () => scanBarcode(page, barcode))).total);
  }
  const idbMs = await page.evaluate(async (writes) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('baseline', 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore('orders', { keyPath: 'id' });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const times: number[] = [];
    for (let n = 0; n < writes; n += 1) {
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        // As the till writes a sale: kept once the disk has it (local-database.ts).
        const transaction = db.transaction('orders', 'readwrite', { durability: 'strict' });
        transaction
          .objectStore('orders')
          .put({ id: crypto.randomUUID(), lines: Array.from({ length: 5 }, (_, i) => ({ i })) });
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      times.push(performance.now() - started);
    }
    db.close();
    return times;
  }, SALES);
  return { inputMs, scanMs, idbMs };
}

/** Each query typed a key at a time; each keystroke measured until the results of that text show. */
async function measureSearch(page: Page): Promise<number[]> {
  const field = page.locator('input[name="search"]');
  const samples: number[] = [];
  for (const query of QUERIES) {
    await field.fill('');
    await field.focus();
    for (let end = 1; end <= query.length; end += 1) {
      const text = query.slice(0, end);
      // Letters: the scanner wedge lets them through at once, so the search sees every keystroke.
      if (/\d/.test(text.at(-1) ?? '')) continue;
      const check = `document.querySelector('[data-query]')?.getAttribute('data-query') === ${JSON.stringify(text)}`;
      samples.push((await measure(page, check, 'input', () => pressKey(page, text.at(-1) ?? ''))).total);
    }
  }
  await field.fill('');
  return samples;
}

/**
 * Sales of five scanned items paid in cash: every scan, and every Enter that records a sale. `atRest`: each
 * sale starts once the previous one has synced; otherwise at once, while it syncs, as a busy till does.
 */
async function measureSales(
  page: Page,
  count: number,
  barcodes: string[],
  atRest: boolean,
): Promise<{ scans: Latency[]; commits: Latency[] }> {
  const scans: Latency[] = [];
  const commits: Latency[] = [];
  for (let sale = 0; sale < count; sale += 1) {
    if (atRest) await synced(page);
    const saleStarted = performance.now();
    for (let item = 0; item < ITEMS_PER_SALE; item += 1) {
      const barcode = barcodes[sale * ITEMS_PER_SALE + item] ?? '';
      const check = `document.querySelectorAll('[data-testid="cart-lines"] li').length === ${item + 1}`;
      scans.push(await measure(page, check, 'enter', () => scanBarcode(page, barcode)));
    }
    await page.keyboard.press('F4');
    await page.locator('input[name="tender-amount"]').waitFor({ timeout: 10_000 });
    commits.push(
      await measure(page, `document.querySelector('[data-testid="receipt"]') !== null`, 'enter', () =>
        pressKey(page, 'Enter'),
      ),
    );
    await page.keyboard.press('Enter');
    await page.locator('input[name="search"]').waitFor({ timeout: 10_000 });
    log(`sale ${sale + 1}: ${Math.round(performance.now() - saleStarted)} ms`);
  }
  return { scans, commits };
}

function report(figures: {
  baseline: { inputMs: number[]; scanMs: number[]; idbMs: number[] };
  scans: Latency[];
  search: number[];
  commits: Latency[];
  /** Sales started once the previous one had synced. */
  atRest: { scans: Latency[]; commits: Latency[] };
  replicationS: number;
  variants: number;
  /** Main-thread tasks over 50 ms during the first sync, and while selling at rest. */
  syncTasks: number[];
  sellingTasks: number[];
}): void {
  const row = (samples: number[]) => ({
    samples: samples.length,
    p50_ms: percentile(samples, 50),
    p99_ms: percentile(samples, 99),
  });
  const total = (latencies: Latency[]) => latencies.map((latency) => latency.total);
  const handling = (latencies: Latency[]) => latencies.map((latency) => latency.handling);
  printRows(`the till in Chromium, ${figures.variants} variants replicated (in ${figures.replicationS} s)`, {
    'bare page: keydown → DOM': row(figures.baseline.inputMs),
    'bare page: scan → DOM': row(figures.baseline.scanMs),
    'bare IndexedDB write': row(figures.baseline.idbMs),
    'scan → line in the cart': row(total(figures.scans)),
    '… of which the till handling the scan': row(handling(figures.scans)),
    'keystroke → search results': row(figures.search),
    'Enter on payment → sale recorded, receipt shown': row(total(figures.commits)),
    '… of which the till recording the sale': row(handling(figures.commits)),
    'at rest: scan → line in the cart': row(total(figures.atRest.scans)),
    'at rest: Enter on payment → receipt': row(total(figures.atRest.commits)),
  });
  printFigures({
    bench: 'pos',
    scan_p99_ms: percentile(total(figures.scans), 99),
    search_p99_ms: percentile(figures.search, 99),
    commit_p99_ms: percentile(total(figures.commits), 99),
    scan_handling_p99_ms: percentile(handling(figures.scans), 99),
    commit_handling_p99_ms: percentile(handling(figures.commits), 99),
    scan_at_rest_p99_ms: percentile(total(figures.atRest.scans), 99),
    commit_at_rest_p99_ms: percentile(total(figures.atRest.commits), 99),
    scan_p50_ms: percentile(total(figures.scans), 50),
    search_p50_ms: percentile(figures.search, 50),
    commit_p50_ms: percentile(total(figures.commits), 50),
    baseline_input_p99_ms: percentile(figures.baseline.inputMs, 99),
    baseline_scan_p99_ms: percentile(figures.baseline.scanMs, 99),
    baseline_idb_write_p99_ms: percentile(figures.baseline.idbMs, 99),
    replication_s: figures.replicationS,
    first_sync_longest_task_ms: Math.round(Math.max(0, ...figures.syncTasks)),
    first_sync_tasks_over_50ms: figures.syncTasks.length,
    selling_longest_task_ms: Math.round(Math.max(0, ...figures.sellingTasks)),
    variants: figures.variants,
  });
}
