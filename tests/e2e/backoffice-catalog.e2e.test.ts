import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gtinCheckDigit } from '@allure/shared/barcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openRendererWorld, type RendererWorld } from '../support/renderer-world.js';
import { apiClient } from '../support/server.js';

// The back office's catalog and inventory as a manager uses them, in Chromium, against the real server
// and its image worker: a product created with two variants (a price typed wrong first, refused beside the
// field and kept), a photo uploaded with its progress bar and then shown ready, goods received into the
// warehouse and part of them transferred to the shop floor, the levels and the ledger showing it.
// Screenshots of each screen are kept in tests/artifacts/backoffice-catalog/.

/** A barcode no seeded variant has: the demo catalog's count up from 200000000001, far below this one. */
const BARCODE = `299000000001${gtinCheckDigit('299000000001')}`;

describe('the back office’s catalog and inventory', () => {
  let folders: string[];
  let world: RendererWorld;

  beforeAll(async () => {
    folders = [
      await mkdtemp(join(tmpdir(), 'allure-e2e-office-media-')),
      await mkdtemp(join(tmpdir(), 'allure-e2e-office-up-')),
    ];
    world = await openRendererWorld({
      artifacts: 'backoffice-catalog',
      viewport: { width: 1366, height: 860 },
      env: { MEDIA_DIR: folders[0] ?? '', UPLOAD_TMP_DIR: folders[1] ?? '' },
    });
  });
  afterAll(async () => {
    await world?.close();
    await Promise.all((folders ?? []).map((folder) => rm(folder, { recursive: true, force: true })));
  });

  const manager = async () => {
    const { server } = world;
    const signedIn = await apiClient(server.baseUrl).auth.login.mutate({
      email: 'manager@allure.test',
      password: 'allure-demo',
    });
    return apiClient(server.baseUrl, () => signedIn.accessToken);
  };

  const photo = () =>
    sharp({
      create: {
        width: 2400,
        height: 1600,
        channels: 3,
        background: { r: 40, g: 60, b: 150 },
        noise: { type: 'gaussian', mean: 120, sigma: 40 },
      },
    })
      // Indigo, like the dress; the noise keeps the file large enough for the bar to move.
      .tint({ r: 50, g: 70, b: 170 })
      .jpeg({ quality: 92 })
      .toBuffer();

  /** The on-hand quantity the levels table shows for a SKU at a location (by code). */
  const onHand = (sku: string, location: string) =>
    world.page.locator(
      `[data-testid="stock-levels"] tr[data-sku="${sku}"][data-location="${location}"] [data-testid="on-hand"]`,
    );

  it('creates a product with variants and a photo, receives and transfers its stock', async () => {
    const { context, page, site, server, pageErrors, screenshot } = world;
    onTestFailed(() => screenshot('failure'));
    // Sign in from the first screen, without enrolling a till.
    await page.goto(site.origin);
    await page.getByLabel('Adresse du serveur').fill(server.baseUrl);
    await page.getByRole('button', { name: 'Back-office' }).click();
    await page.locator('input[name="email"]').fill('manager@allure.test');
    await page.locator('input[name="password"]').fill('allure-demo');
    await page.keyboard.press('Enter');
    await page.locator('[data-section="catalog"]').click();
    const productRows = page.getByTestId('product-list').locator('tbody tr');
    await expect.poll(() => productRows.count()).toBe(30);
    await screenshot('catalog-list');
    await page.getByRole('button', { name: 'Afficher plus' }).click();
    await expect.poll(() => productRows.count()).toBe(60);

    // A new product with two variants; the second price typed with centimes, which francs CFA do not have.
    await page.getByRole('button', { name: 'Nouveau produit' }).click();
    const form = page.getByTestId('product-form');
    await form.locator('input[name="name"]').fill('Robe wax Teranga');
    await form.locator('input[name="brand"]').fill('Maison Allure');
    await form.locator('select[name="status"]').selectOption('active');
    await form.locator('textarea[name="description"]').fill('Robe longue en wax, coupe évasée.');
    const fillVariant = async (index: number, values: Record<string, string>) => {
      for (const [field, value] of Object.entries(values)) {
        await form.locator(`input[name="variant-${index}-${field}"]`).fill(value);
      }
    };
    await fillVariant(0, {
      size: 'M',
      colour: 'Indigo',
      sku: 'E2E-TERANGA-M',
      barcode: BARCODE,
      price: '25 000',
    });
    await page.getByRole('button', { name: 'Ajouter une variante' }).click();
    await fillVariant(1, { size: 'L', colour: 'Indigo', sku: 'E2E-TERANGA-L', price: '26 500,50' });
    await page.getByRole('button', { name: 'Créer le produit' }).click();
    await expect.poll(() => form.locator('.row-problems').textContent()).toContain('Trop de décimales');
    expect(await form.locator('input[name="variant-1-price"]').inputValue()).toBe('26 500,50');
    expect(await form.locator('input[name="name"]').inputValue()).toBe('Robe wax Teranga');
    await screenshot('product-refused-price');

    await form.locator('input[name="variant-1-price"]').fill('26 500');
    await page.getByRole('button', { name: 'Créer le produit' }).click();
    await page.getByRole('heading', { name: 'Robe wax Teranga' }).waitFor();
    const api = await manager();
    const listed = await api.catalog.admin.products.list.query({ search: 'E2E-TERANGA' });
    expect(listed.items.map((item) => item.name)).toEqual(['Robe wax Teranga']);
    const product = await api.catalog.admin.products.get.query({ id: listed.items[0]?.id ?? '' });
    expect(product).toMatchObject({ status: 'active', vatRate: 1800, brand: 'Maison Allure' });
    expect(
      product.variants.map((variant) => [variant.sku, variant.size, variant.price, variant.currency]),
    ).toEqual([
      ['E2E-TERANGA-M', 'M', 25_000, 'XOF'],
      ['E2E-TERANGA-L', 'L', 26_500, 'XOF'],
    ]);

    // A photo, uploaded slowly enough to watch the bar, then processed by the worker.
    const bytes = await photo();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: Math.ceil(bytes.length / 4),
    });
    await page
      .locator('input[name="images"]')
      .setInputFiles({ name: 'teranga.jpg', mimeType: 'image/jpeg', buffer: bytes });
    const bar = page.getByTestId('upload-progress').locator('progress');
    await bar.waitFor();
    await expect
      .poll(() => bar.evaluate((element: HTMLProgressElement) => element.value), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await screenshot('image-uploading');
    await page.getByTestId('upload-progress').waitFor({ state: 'detached', timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await cdp.detach();
    const ready = page.locator('[data-testid="product-images"] li[data-status="ready"] img');
    await ready.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => ready.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
      .toBe(true);
    // The photo shows the M in indigo, for the tills and the shop.
    await page
      .locator('[data-testid="product-images"] select[name="image-variant"]')
      .selectOption({ label: 'M · Indigo' });
    const medium = product.variants[0]?.id;
    await expect
      .poll(async () =>
        (await api.media.images.list.query({ productId: product.id })).map((image) => image.variantId),
      )
      .toEqual([medium]);
    await screenshot('product-editor-ready-image');

    // Goods received into the warehouse: two lines picked by SKU, one with its unit cost.
    await page.locator('[data-section="inventory"]').click();
    await page.getByRole('tab', { name: 'Nouveau mouvement' }).click();
    const documentForm = page.getByTestId('stock-document-form');
    await documentForm.locator('select[name="locationId"]').selectOption({ label: 'Entrepôt Dakar' });
    await documentForm.locator('input[name="supplierReference"]').fill('BL-2026-118');
    const picker = documentForm.locator('input[name="variant-search"]');
    await picker.fill('E2E-TERANGA');
    const results = page.getByTestId('variant-results');
    await results.getByRole('button', { name: /E2E-TERANGA-M/ }).click();
    await picker.fill('E2E-TERANGA-L');
    await results.getByRole('button', { name: /E2E-TERANGA-L/ }).click();
    await documentForm.locator('input[name="line-0-quantity"]').fill('10');
    await documentForm.locator('input[name="line-0-unitCost"]').fill('12 000');
    await documentForm.locator('input[name="line-1-quantity"]').fill('4');
    await screenshot('goods-receipt');
    await page.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await page.getByTestId('document-posted').waitFor();

    // Three of them to the shop floor; the barcode scanned names the variant, Enter adds it.
    await documentForm.getByRole('button', { name: 'Transfert' }).click();
    await documentForm.locator('select[name="locationId"]').selectOption({ label: 'Entrepôt Dakar' });
    await documentForm
      .locator('select[name="toLocationId"]')
      .selectOption({ label: 'Boutique Dakar Plateau' });
    await picker.fill(BARCODE);
    await results.getByRole('button', { name: /E2E-TERANGA-M/ }).waitFor();
    await picker.press('Enter');
    await documentForm.locator('input[name="line-0-quantity"]').fill('3');
    await screenshot('transfer');
    await page.getByRole('button', { name: 'Enregistrer le transfert' }).click();
    await page.getByTestId('document-posted').waitFor();

    // The levels: 7 and 4 in the warehouse, 3 in the shop.
    await page.getByRole('tab', { name: 'Niveaux de stock' }).click();
    await page.locator('input[name="level-search"]').fill('E2E-TERANGA');
    await expect.poll(() => onHand('E2E-TERANGA-M', 'DKR1-WH').textContent()).toBe('7');
    expect(await onHand('E2E-TERANGA-M', 'DKR1-STORE').textContent()).toBe('3');
    expect(await onHand('E2E-TERANGA-L', 'DKR1-WH').textContent()).toBe('4');
    await screenshot('stock-levels');

    // A low-stock threshold of 5 on the shop floor: its 3 units are low, and the low-stock filter finds them.
    const shopRow = page.locator(
      '[data-testid="stock-levels"] tr[data-sku="E2E-TERANGA-M"][data-location="DKR1-STORE"]',
    );
    await shopRow.getByRole('button', { name: /Seuil de stock bas/ }).click();
    await shopRow.locator('input[name="threshold"]').fill('5');
    await shopRow.locator('input[name="threshold"]').press('Enter');
    await expect.poll(() => shopRow.getAttribute('class')).toBe('low');
    await page.getByLabel('Stock bas seulement').check();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="stock-levels"] tbody tr')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-sku'))),
      )
      .toEqual(['E2E-TERANGA-M']);
    await screenshot('low-stock');
    await page.getByLabel('Stock bas seulement').uncheck();
    const cost = await api.catalog.admin.products.get.query({ id: product.id });
    expect(cost.variants.find((variant) => variant.sku === 'E2E-TERANGA-M')?.costPrice).toBe(12_000);

    // The variant's ledger: received, sent out, received in the shop.
    await page
      .locator('[data-testid="stock-levels"] tr[data-sku="E2E-TERANGA-M"][data-location="DKR1-STORE"]')
      .getByRole('button', { name: 'Mouvements' })
      .click();
    const ledger = page.getByTestId('variant-movements');
    await expect
      .poll(async () =>
        (
          await ledger
            .locator('tbody tr')
            .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')))
        ).sort(),
      )
      .toEqual(['receipt', 'transfer_in', 'transfer_out']);
    await screenshot('variant-movements');

    await page.getByRole('tab', { name: 'Historique' }).click();
    const history = page.getByTestId('stock-documents');
    await history.waitFor();
    expect(
      await history
        .locator('tbody tr')
        .evaluateAll((rows) => rows.slice(0, 2).map((row) => row.getAttribute('data-kind'))),
    ).toEqual(['transfer', 'receipt']);
    await history.locator('tbody tr[data-kind="receipt"]').first().getByRole('button').click();
    await history.locator('tr.document-lines').waitFor();
    await screenshot('document-history');
    expect(pageErrors).toEqual([]);
  });

  it('keeps the category tree: creates, renames, moves and deletes, and keeps a category that holds products', async () => {
    const { page, pageErrors, screenshot } = world;
    onTestFailed(() => screenshot('failure'));
    const api = await manager();
    const [holding] = (await api.catalog.categories.query()).filter((category) => category.parentId === null);
    if (!holding) throw new Error('the demo catalog has no top-level category');
    await page.locator('[data-section="catalog"]').click();
    await page.getByRole('tab', { name: 'Catégories' }).click();
    const panel = page.getByTestId('categories');
    const row = (name: string) => panel.locator(`tr[data-category="${name}"]`);

    await panel.locator('input[name="category-name"]').fill('Capsule Tabaski');
    await panel.getByRole('button', { name: 'Créer la catégorie' }).click();
    await row('Capsule Tabaski').waitFor();

    await row('Capsule Tabaski').getByRole('button', { name: 'Renommer' }).click();
    await row('Capsule Tabaski').locator('input[name="category-rename"]').fill('Capsule Korité');
    await row('Capsule Tabaski').getByRole('button', { name: 'Enregistrer' }).click();
    await row('Capsule Korité').waitFor();

    await row('Capsule Korité').getByRole('combobox').selectOption({ label: holding.name });
    await expect
      .poll(
        async () => (await api.catalog.categories.query()).find((c) => c.name === 'Capsule Korité')?.parentId,
      )
      .toBe(holding.id);
    await expect.poll(() => row('Capsule Korité').getByRole('combobox').inputValue()).toBe(holding.id);
    await screenshot('categories');

    // A category holding products is kept, and the server says why.
    await row(holding.name).getByRole('button', { name: 'Supprimer' }).click();
    await row(holding.name).getByRole('button', { name: 'Confirmer la suppression' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/move or delete them first/);
    await row('Capsule Korité').getByRole('button', { name: 'Supprimer' }).click();
    await row('Capsule Korité').getByRole('button', { name: 'Confirmer la suppression' }).click();
    await row('Capsule Korité').waitFor({ state: 'detached' });
    expect((await api.catalog.categories.query()).some((c) => c.name === 'Capsule Korité')).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
