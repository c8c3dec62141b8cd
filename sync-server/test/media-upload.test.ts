import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { buildApp } from '../src/app.js';
import type { ProductDetail } from '../src/catalog/product-summaries.js';
import { sweepMedia } from '../src/media/media-sweep.js';
import { call, dataOf, listen, tokenFor } from './auth-helper.js';
import { type Catalog, catalogFixtures } from './catalog-helper.js';
import { testConfig } from './helper.js';
import {
  avif,
  garbageJpeg,
  gif,
  phoneJpeg,
  pixelBombPng,
  tiff,
  transparentPng,
  truncatedJpeg,
  webp,
} from './image-files.js';
import { filesUnder, imagesOf, settled, upload } from './media-helper.js';
import { demoStore, pullAllUntil, type Till } from './sync-helper.js';

// Product images end to end: a manager uploads, the bytes decide what a file is, limits refuse what must
// not be processed, a job makes the renditions, and the shop and the tills see them. Nothing is left behind
// by a refused or interrupted upload.

const MAX_BYTES = 3 * 1024 * 1024;
let app: App;
let base: string;
let catalog: Catalog;
let token: string;
let till: Till;
let mediaDir: string;
let uploadDir: string;
let categoryId: string;

beforeAll(async () => {
  const config = testConfig({
    RATE_LIMIT_PER_MINUTE: '100000',
    IMAGE_MAX_BYTES: String(MAX_BYTES),
    IMAGE_MAX_PIXELS: '30000000',
    IMAGE_MAX_FILES: '6',
    IMAGE_MAX_CONCURRENT_UPLOADS: '1',
  });
  mediaDir = config.media.dir;
  uploadDir = config.media.tmpDir;
  app = await buildApp(config);
  base = await listen(app);
  catalog = await catalogFixtures(app);
  token = catalog.token;
  const store = await demoStore(app);
  till = store.tills[0] as Till;
  categoryId = (await catalog.category('robes')).id;
});
afterAll(async () => {
  await catalog?.remove();
  await app?.close();
});

const file = (name: string, type: string, bytes: Buffer) => ({ name, type, bytes });

describe('uploading images', () => {
  it('takes photos of every format it knows, makes their renditions, and shows them to the shop and the tills', async () => {
    const product = await catalog.product({ categoryId });
    const answer = await upload(base, token, product.id, [
      file('phone.jpg', 'image/jpeg', await phoneJpeg(2400, 1600)),
      file('cut-out.png', 'image/png', await transparentPng(700, 500)),
      file('a.webp', 'image/webp', await webp(300, 200)),
      file('b.avif', 'image/avif', await avif(1400, 1000)),
      file('c.gif', 'image/gif', await gif(400, 400)),
      file('d.tiff', 'image/tiff', await tiff(640, 480)),
    ]);
    expect(answer.status).toBe(201);
    expect(answer.body.images?.map((image) => [image.position, image.status, image.contentType])).toEqual([
      [0, 'pending', 'image/jpeg'],
      [1, 'pending', 'image/png'],
      [2, 'pending', 'image/webp'],
      [3, 'pending', 'image/avif'],
      [4, 'pending', 'image/gif'],
      [5, 'pending', 'image/tiff'],
    ]);

    const images = await settled(app, token, product.id);
    expect(images.map((image) => image.status)).toEqual(Array(6).fill('ready'));
    const [phone, png, small] = images;
    // The phone's photo is turned upright: 1600 wide, 2400 high.
    expect([phone?.width, phone?.height]).toEqual([1600, 2400]);
    const widthsOf = (image: typeof phone, format: string) =>
      image?.renditions.filter((item) => item.format === format).map((item) => item.width);
    expect(widthsOf(phone, 'avif')).toEqual([320, 640, 1280]);
    expect(widthsOf(phone, 'webp')).toEqual([320, 640, 1280]);
    expect(widthsOf(png, 'webp')).toEqual([320, 640]);
    // Narrower than the narrowest width: one rendition at its own size, never enlarged.
    expect(widthsOf(small, 'avif')).toEqual([300]);
    expect(phone?.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(phone?.placeholder?.length).toBeLessThan(1_000);

    // Served by this server, cacheable for ever, with no metadata left and the right shape.
    const rendition = phone?.renditions.find((item) => item.format === 'avif' && item.width === 640);
    const served = await fetch(`${base}${rendition?.src}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/avif');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['heif', 640, 960]);
    expect(metadata.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('Secret Photographer'))).toBe(false);
    const transparent = await sharp(
      Buffer.from(await (await fetch(`${base}${png?.renditions[0]?.src}`)).arrayBuffer()),
    ).metadata();
    expect(transparent.hasAlpha).toBe(true);

    // The shop's page shows them in order, the tills get them with their product.
    const page = dataOf<ProductDetail>(await call(app, 'catalog.products.bySlug', { slug: product.slug }));
    expect(page.images.map((image) => image.id)).toEqual(images.map((image) => image.id));
    await pullAllUntil(app, till, 'products', null, ({ documents }) => {
      const replicated = documents.get(product.id);
      expect(replicated?.images.map((image) => image.id)).toEqual(images.map((image) => image.id));
      expect(replicated?.images[0]?.renditions).toEqual(phone?.renditions);
    });
    // Nothing was left in the upload folder.
    expect(await filesUnder(uploadDir)).toEqual([]);
  });

  it('refuses what must not be processed, each with its own answer, and keeps nothing of it', async () => {
    const product = await catalog.product({ categoryId });
    const before = await filesUnder(mediaDir);
    const refused = async (files: Parameters<typeof upload>[3]) => {
      const answer = await upload(base, token, product.id, files);
      return [answer.status, answer.body.message];
    };
    expect(
      await refused([file('notes.jpg', 'image/jpeg', Buffer.from('these are my notes, not a photo'))]),
    ).toEqual([415, expect.stringContaining('not an image we take')]);
    expect(
      await refused([
        file('drawing.svg.png', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      ]),
    ).toEqual([415, expect.stringContaining('not an image we take')]);
    expect(await refused([file('broken.jpg', 'image/jpeg', garbageJpeg())])).toEqual([
      422,
      expect.stringContaining('cannot be read'),
    ]);
    const bomb = pixelBombPng(20_000);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await refused([file('bomb.png', 'image/png', bomb)])).toEqual([
      422,
      expect.stringContaining('20000×20000 (400.0 megapixels)'),
    ]);
    const huge = Buffer.concat([await phoneJpeg(200, 200), Buffer.alloc(MAX_BYTES)]);
    expect(await refused([file('huge.jpg', 'image/jpeg', huge)])).toEqual([
      413,
      expect.stringContaining('larger than'),
    ]);
    const seven = await Promise.all(Array.from({ length: 7 }, () => webp(50, 50)));
    expect((await refused(seven.map((bytes, index) => file(`${index}.webp`, 'image/webp', bytes))))[0]).toBe(
      413,
    );
    // One bad file refuses the whole request: the good one before it is not kept either.
    expect(
      await refused([
        file('good.webp', 'image/webp', await webp(100, 100)),
        file('bad.jpg', 'image/jpeg', Buffer.from('nope')),
      ]),
    ).toEqual([415, expect.stringContaining('file 2')]);
    expect(await refused([])).toEqual([400, expect.stringContaining('at least one image')]);

    expect(await imagesOf(app, token, product.id)).toEqual([]);
    expect(await filesUnder(mediaDir)).toEqual(before);
    expect(await filesUnder(uploadDir)).toEqual([]);
  });

  it('takes a file that turns out undecodable, then tells the manager why it failed', async () => {
    const product = await catalog.product({ categoryId });
    const answer = await upload(base, token, product.id, [
      file('cut.jpg', 'image/jpeg', await truncatedJpeg(800, 600)),
    ]);
    expect(answer.status).toBe(201);
    const [image] = await settled(app, token, product.id);
    expect(image?.status).toBe('failed');
    expect(image?.error).toMatch(/could not be decoded/);
    const failed = dataOf<{ id: string; product: { id: string } }[]>(
      await call(app, 'media.images.failed', { limit: 100 }, { token }),
    );
    expect(failed.find((item) => item.id === image?.id)?.product.id).toBe(product.id);
    // The shop and the tills never see it.
    await pullAllUntil(app, till, 'products', null, ({ documents }) => {
      expect(documents.get(product.id)?.images).toEqual([]);
    });
  });

  it('is for managers: no token is 401, a cashier is 403, an unknown product 404', async () => {
    const product = await catalog.product({ categoryId });
    const photo = [file('a.webp', 'image/webp', await webp(100, 100))];
    expect((await upload(base, undefined, product.id, photo)).status).toBe(401);
    expect((await upload(base, await tokenFor(app, 'cashier'), product.id, photo)).status).toBe(403);
    expect((await upload(base, await tokenFor(app, 'terminal'), product.id, photo)).status).toBe(403);
    expect((await upload(base, token, '00000000-0000-4000-8000-000000000000', photo)).status).toBe(404);
    expect((await upload(base, token, 'not-a-uuid', photo)).status).toBe(400);
    const other = await catalog.product({ categoryId });
    const variantId = other.variants[0]?.id ?? '';
    expect((await upload(base, token, product.id, photo, `?variantId=${variantId}`)).status).toBe(400);
    const json = await fetch(`${base}/media/products/${product.id}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
  });

  it('leaves nothing behind when the upload is cut off halfway', async () => {
    const product = await catalog.product({ categoryId });
    const before = await filesUnder(mediaDir);
    const halfway = await halfAnUpload(product.id);
    halfway.destroy();
    // The server notices the cut, removes its temporary file, and stores nothing.
    const deadline = Date.now() + 5_000;
    while ((await filesUnder(uploadDir)).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await filesUnder(uploadDir)).toEqual([]);
    expect(await filesUnder(mediaDir)).toEqual(before);
    expect(await imagesOf(app, token, product.id)).toEqual([]);
  });

  it('refuses an upload beyond the instance limit with 503 and Retry-After, and takes it once one ends', async () => {
    const product = await catalog.product({ categoryId });
    const halfway = await halfAnUpload(product.id);
    const photo = file('a.jpg', 'image/jpeg', await phoneJpeg(400, 300));
    const refused = await upload(base, token, product.id, [photo]);
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/too many uploads/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    halfway.destroy();
    const deadline = Date.now() + 5_000;
    let answer = await upload(base, token, product.id, [photo]);
    while (answer.status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await upload(base, token, product.id, [photo]);
    }
    expect(answer.status).toBe(201);
  });
});

/** An upload that sends half a photo and waits there, holding its slot, until destroyed. */
async function halfAnUpload(productId: string) {
  const photo = await phoneJpeg(1200, 800);
  const boundary = 'allure-test-boundary';
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="image"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`;
  const outgoing = httpRequest(`${base}/media/products/${productId}/images`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + photo.length + 100),
    },
  });
  outgoing.on('error', () => {});
  outgoing.write(head);
  await new Promise<void>((resolve) => outgoing.write(photo.subarray(0, photo.length / 2), () => resolve()));
  // Time for the server to take the request and start writing the file.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { destroy: () => outgoing.destroy() };
}

describe('managing images', () => {
  it('reorders, ties an image to a colour, tries a failed one again, and deletes with its files', async () => {
    const product = await catalog.product({ categoryId });
    const uploaded = await upload(base, token, product.id, [
      file('1.webp', 'image/webp', await webp(400, 300)),
      file('2.webp', 'image/webp', await webp(400, 300)),
      file('3.webp', 'image/webp', await webp(400, 300)),
    ]);
    const ids = uploaded.body.images?.map((image) => image.id) ?? [];
    await settled(app, token, product.id);
    const moved = dataOf<{ id: string; position: number }[]>(
      await call(app, 'media.images.update', { id: ids[2], position: 0 }, { token, type: 'mutation' }),
    );
    expect(moved.map((image) => [image.id, image.position])).toEqual([
      [ids[2], 0],
      [ids[0], 1],
      [ids[1], 2],
    ]);
    const variantId = product.variants[0]?.id;
    const tied = dataOf<{ id: string; variantId: string | null }[]>(
      await call(app, 'media.images.update', { id: ids[0], variantId }, { token, type: 'mutation' }),
    );
    expect(tied.find((image) => image.id === ids[0])?.variantId).toBe(variantId);

    // A ready image cannot be "tried again"; a failed one goes back to pending, then fails again (same file).
    expect((await call(app, 'media.images.retry', { id: ids[0] }, { token, type: 'mutation' })).status).toBe(
      409,
    );

    const files = (await filesUnder(mediaDir)).filter((path) => path.includes(ids[1] as string));
    expect(files.length).toBe(3); // original + 1 width × 2 formats
    expect(
      dataOf(await call(app, 'media.images.delete', { id: ids[1] }, { token, type: 'mutation' })),
    ).toEqual({
      id: ids[1],
    });
    expect((await filesUnder(mediaDir)).filter((path) => path.includes(ids[1] as string))).toEqual([]);
    expect((await imagesOf(app, token, product.id)).map((image) => image.id)).toEqual([ids[2], ids[0]]);
    expect((await call(app, 'media.images.delete', { id: ids[1] }, { token, type: 'mutation' })).status).toBe(
      404,
    );
  });

  it('tries a failed image again when asked', async () => {
    const product = await catalog.product({ categoryId });
    const answer = await upload(base, token, product.id, [
      file('cut.jpg', 'image/jpeg', await truncatedJpeg(640, 480)),
    ]);
    const id = answer.body.images?.[0]?.id;
    const [failed] = await settled(app, token, product.id);
    expect(failed?.status).toBe('failed');
    const retried = dataOf<{ status: string }>(
      await call(app, 'media.images.retry', { id }, { token, type: 'mutation' }),
    );
    expect(retried.status).toBe('pending');
    const [again] = await settled(app, token, product.id);
    expect(again?.status).toBe('failed');
  });

  it('sweeps files no image uses once they are an hour old, and requeues images whose job was lost', async () => {
    const product = await catalog.product({ categoryId });
    const orphanId = '11111111-2222-4333-8444-555555555555';
    const orphan = join(mediaDir, 'images', orphanId, '320-abc.webp');
    const fresh = join(mediaDir, 'originals', `${orphanId}-abc.jpg`);
    await mkdir(join(mediaDir, 'images', orphanId), { recursive: true });
    await mkdir(join(mediaDir, 'originals'), { recursive: true });
    await writeFile(orphan, 'orphan');
    await writeFile(fresh, 'an upload on its way');
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    await utimes(orphan, twoHoursAgo, twoHoursAgo);
    // A pending image whose job never made it to the queue (Redis was down).
    const uploaded = await upload(base, token, product.id, [
      file('a.webp', 'image/webp', await webp(200, 200)),
    ]);
    const kept = await settled(app, token, product.id);
    await app.db.pool.query(
      `UPDATE product_image SET status = 'pending', renditions = NULL, created_at = now() - interval '1 hour' WHERE id = $1`,
      [uploaded.body.images?.[0]?.id],
    );
    const counts = await sweepMedia({
      db: app.db,
      store: app.media,
      jobs: app.jobs,
      tmpDir: uploadDir,
      log: app.log,
    });
    expect(counts.orphans).toBeGreaterThanOrEqual(1);
    expect(counts.requeued).toBeGreaterThanOrEqual(1);
    const left = await filesUnder(mediaDir);
    expect(left.some((path) => path.includes(`${orphanId}/320`))).toBe(false);
    expect(left.some((path) => path.includes(`${orphanId}-abc.jpg`))).toBe(true);
    // The image's own files were kept, and its job ran again.
    const again = await settled(app, token, product.id);
    expect(again[0]?.status).toBe('ready');
    expect(again[0]?.renditions).toEqual(kept[0]?.renditions);
  });
});
