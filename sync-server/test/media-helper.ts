import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '../src/app.js';
import type { ImageForEditing } from '../src/media/image-admin.service.js';
import type { UploadedImage } from '../src/media/image-upload.service.js';
import { call, dataOf } from './auth-helper.js';

// Uploading images over real HTTP, as the back office does, and waiting for their renditions.

export interface UploadFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export interface UploadAnswer {
  status: number;
  body: { images?: UploadedImage[]; message?: string };
  retryAfter: string | null;
}

export async function upload(
  base: string,
  token: string | undefined,
  productId: string,
  files: readonly UploadFile[],
  query = '',
): Promise<UploadAnswer> {
  const form = new FormData();
  for (const file of files) form.append('image', new Blob([file.bytes], { type: file.type }), file.name);
  const response = await fetch(`${base}/media/products/${productId}/images${query}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return {
    status: response.status,
    body: (await response.json()) as UploadAnswer['body'],
    retryAfter: response.headers.get('retry-after'),
  };
}

export async function imagesOf(app: App, token: string, productId: string): Promise<ImageForEditing[]> {
  return dataOf<ImageForEditing[]>(await call(app, 'media.images.list', { productId }, { token }));
}

/** Waits until none of the product's images is pending any more. */
export async function settled(app: App, token: string, productId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const images = await imagesOf(app, token, productId);
    if (images.every((image) => image.status !== 'pending')) return images;
    if (Date.now() > deadline) throw new Error(`images still pending: ${JSON.stringify(images)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every file under a folder, as paths relative to it (none when it does not exist). */
export async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1));
}
