import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProductImage } from '@allure/shared/product-image';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForPage, launchChromium, type RendererSite, serveRenderer } from '../support/browser.js';
import {
  apiClient,
  dropTestDatabase,
  freshDatabaseUrl,
  type ServerProcess,
  startServer,
} from '../support/server.js';

// Product images as the desktop app's renderer handles them, in real Chromium against the real server:
// the back office uploads with a progress bar (and can cancel), the till shows thumbnails from the
// browser's cache when the network is gone and the blurred placeholder when it never saw the picture.

type MediaModule = typeof import('@allure/desktop/media');
declare global {
  interface Window {
    allureMedia: MediaModule;
  }
}

const PAGE = `<!doctype html><html><body>
  <progress id="upload" max="1" value="0" style="width: 320px"></progress>
  <div id="shelf"></div>
  <script src="/media.js"></script>
</body></html>`;

describe('product images in the renderer', () => {
  const databaseUrl = freshDatabaseUrl();
  let server: ServerProcess;
  let site: RendererSite;
  let folders: string[];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let productId: string;
  let productSlug: string;

  beforeAll(async () => {
    folders = [
      await mkdtemp(join(tmpdir(), 'allure-e2e-media-')),
      await mkdtemp(join(tmpdir(), 'allure-e2e-up-')),
    ];
    site = await serveRenderer(PAGE, {
      '/media.js': await bundleForPage('@allure/desktop/media', 'allureMedia'),
    });
    server = await startServer(databaseUrl, undefined, {
      MEDIA_DIR: folders[0] ?? '',
      UPLOAD_TMP_DIR: folders[1] ?? '',
      CORS_ORIGINS: site.origin,
    });
    const signedIn = await apiClient(server.baseUrl).auth.login.mutate({
      email: 'manager@allure.test',
      password: 'allure-demo',
    });
    token = signedIn.accessToken;
    const manager = apiClient(server.baseUrl, () => token);
    const [category] = await manager.catalog.categories.query();
    const product = await manager.catalog.admin.products.create.mutate({
      name: 'Robe wax photographiée',
      categoryId: category?.id ?? '',
      vatRate: 1800,
      status: 'active',
      variants: [{ sku: 'E2E-PHOTO-M', size: 'M', colour: 'Indigo', price: 25_000 }],
    });
    productId = product.id;
    productSlug = product.slug;
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(site.origin);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
    await dropTestDatabase(databaseUrl);
    await Promise.all((folders ?? []).map((folder) => rm(folder, { recursive: true, force: true })));
  });

  const photo = (seed: number) =>
    sharp({
      create: {
        width: 2400,
        height: 1600,
        channels: 3,
        background: { r: seed, g: 90, b: 40 },
        noise: { type: 'gaussian', mean: 120, sigma: 40 },
      },
    })
      .jpeg({ quality: 92 })
      .toBuffer();

  /** Uploads from the page, the network limited to `bytesPerSecond` up; the fractions reported, and the outcome. */
  async function uploadFromPage(bytes: Buffer, options: { bytesPerSecond: number; cancelAt?: number }) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: options.bytesPerSecond,
    });
    try {
      return await page.evaluate(
        async ({ serverUrl, accessToken, productId, base64, cancelAt }) => {
          const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
          const bar = document.querySelector('progress') as HTMLProgressElement;
          const seen: number[] = [];
          const cancel = new AbortController();
          const outcome = await window.allureMedia.uploadProductImages({
            serverUrl,
            accessToken,
            productId,
            files: [new File([bytes], 'photo.jpg', { type: 'image/jpeg' })],
            signal: cancel.signal,
            onProgress: (progress) => {
              seen.push(progress.fraction);
              bar.value = progress.fraction;
              if (cancelAt !== undefined && progress.fraction >= cancelAt) cancel.abort();
            },
          });
          return { outcome, seen };
        },
        {
          serverUrl: server.baseUrl,
          accessToken: token,
          productId,
          base64: bytes.toString('base64'),
          cancelAt: options.cancelAt,
        },
      );
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    }
  }

  async function readyImages(): Promise<ProductImage[]> {
    const shop = apiClient(server.baseUrl);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const product = await shop.catalog.products.bySlug.query({ slug: productSlug });
      const pending = await apiClient(server.baseUrl, () => token).media.images.list.query({ productId });
      if (pending.every((image) => image.status === 'ready')) return product.images;
      if (Date.now() > deadline) throw new Error('images not ready after 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('uploads with its progress reported as the bytes go, up to the whole', async () => {
    const bytes = await photo(180);
    // About 2 s of upload: several progress events, as on a shop's connection.
    const { outcome, seen } = await uploadFromPage(bytes, { bytesPerSecond: Math.ceil(bytes.length / 2) });
    expect(outcome).toMatchObject({ ok: true });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((fraction, index) => index === 0 || fraction > (seen[index - 1] ?? 0))).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(await page.locator('#upload').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(1);
  });

  it('cancels an upload halfway, and the server keeps nothing of it', async () => {
    const before = await apiClient(server.baseUrl, () => token).media.images.list.query({ productId });
    const bytes = await photo(60);
    const { outcome, seen } = await uploadFromPage(bytes, {
      bytesPerSecond: Math.ceil(bytes.length / 3),
      cancelAt: 0.3,
    });
    expect(outcome).toMatchObject({ ok: false, cancelled: true });
    expect(seen.at(-1)).toBeLessThan(1);
    // The server notices the cut: its temporary folder empties and no image was recorded.
    const deadline = Date.now() + 10_000;
    while ((await readdir(folders[1] ?? '')).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await readdir(folders[1] ?? '')).toEqual([]);
    const after = await apiClient(server.baseUrl, () => token).media.images.list.query({ productId });
    expect(after.map((image) => image.id)).toEqual(before.map((image) => image.id));
  });

  it('shows thumbnails from the cache offline, and the placeholder for a picture it never saw', async () => {
    for (const seed of [30, 230]) {
      expect((await uploadFromPage(await photo(seed), { bytesPerSecond: -1 })).outcome.ok).toBe(true);
    }
    const [seenBefore, neverSeen] = (await readyImages()).slice(-2);

    const show = (image: ProductImage | undefined, id: string) =>
      page.evaluate(
        async ({ image, id, serverUrl }) => {
          const element = document.createElement('img');
          element.id = id;
          element.width = 160;
          document.querySelector('#shelf')?.append(element);
          const thumbnail = window.allureMedia.thumbnailOf(image ? [image] : [], 160, serverUrl);
          if (!thumbnail) throw new Error('no thumbnail');
          // The rendition's load, or after an error the placeholder's that replaces it.
          const loaded = new Promise((resolve) => element.addEventListener('load', resolve));
          window.allureMedia.showThumbnail(element, thumbnail);
          await loaded;
          if (element.dataset.fallback && !element.complete) await element.decode();
          return {
            width: element.naturalWidth,
            fallback: element.dataset.fallback ?? null,
            src: element.currentSrc,
          };
        },
        { image, id, serverUrl: server.baseUrl },
      );

    const online = await show(seenBefore, 'online');
    // 160 CSS pixels: the 320-wide AVIF, shown at density 2 by `sizes`.
    expect(online).toMatchObject({ fallback: null, width: 160 });
    expect(online.src).toMatch(/\/320-[0-9a-f]+\.avif$/);

    await context.setOffline(true);
    try {
      const fromCache = await show(seenBefore, 'cached');
      expect(fromCache).toEqual({ fallback: null, width: 160, src: online.src });
      const placeholder = await show(neverSeen, 'never-seen');
      expect(placeholder.fallback).toBe('placeholder');
      expect(placeholder.src).toMatch(/^data:image\/webp;base64,/);
      expect(placeholder.width).toBeGreaterThan(0);
    } finally {
      await context.setOffline(false);
    }
  });
});
