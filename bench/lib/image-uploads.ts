import { openAsBlob } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiClient, DEMO_MANAGER } from './api.js';
import { type MemorySamples, memoryOf, resetPeak, sampleMemory } from './process-memory.js';
import type { SamplePhoto } from './sample-photos.js';

// Photos uploaded to a running server at once, one request each, as the back office sends them, then
// followed as the back office does (media.images.list) until every image is ready.

const POLL_MS = 200;
const SAMPLE_MS = 50;
const TIMEOUT_MS = 600_000;
/** A refused upload (503, too many at once) is sent again after Retry-After, as the back office does. */
const MAX_REFUSALS = 30;

export interface Upload {
  imageId: string;
  /** From the first upload starting to this one's 201. */
  acceptedMs: number;
  /** Times it was refused with 503 before. */
  refusals: number;
}

export interface UploadRun {
  uploads: Upload[];
  /** From the first upload starting to the poll that saw the last image ready. */
  readyMs: number;
  /** Of each image, in upload order. */
  renditions: number[];
  /** The server's resident bytes just before the uploads, and while they ran. */
  memory: MemorySamples & { before: number; settled: number };
}

/**
 * Uploads `photos` (one request each, all at once) to a product of the server whose process is
 * `serverPid`, and waits until all of them are ready, sampling that process's memory. Throws if an image
 * fails, an upload is refused for good, or it takes more than 10 minutes.
 */
export async function uploadAndWait(
  baseUrl: string,
  serverPid: number,
  productId: string,
  photos: SamplePhoto[],
): Promise<UploadRun> {
  // Signed in and the list read once before the memory reference, so neither counts as growth.
  const { accessToken } = await apiClient(baseUrl).auth.login.mutate(DEMO_MANAGER);
  const manager = apiClient(baseUrl, accessToken);
  await manager.media.images.list.query({ productId });
  await sleep(1_000);
  resetPeak(serverPid);
  const before = memoryOf(serverPid).rss;
  const memory = sampleMemory(serverPid, SAMPLE_MS);
  const cutOff = new AbortController();
  const started = performance.now();
  try {
    let uploads: Upload[] | undefined;
    let uploadError: unknown;
    const url = `${baseUrl}/media/products/${productId}/images`;
    void Promise.all(
      photos.map((photo) => uploadPhoto(url, accessToken, photo, started, cutOff.signal)),
    ).then(
      (done) => {
        uploads = done;
      },
      (error: unknown) => {
        uploadError = error;
      },
    );
    for (;;) {
      if (uploadError) throw uploadError;
      const images = await manager.media.images.list.query({ productId });
      const failed = images.find((image) => image.status === 'failed');
      if (failed) throw new Error(`image ${failed.id} failed: ${failed.error}`);
      const ready = new Map(
        images.filter((image) => image.status === 'ready').map((image) => [image.id, image]),
      );
      if (uploads?.every((upload) => ready.has(upload.imageId))) {
        const readyMs = performance.now() - started;
        const samples = memory.stop();
        const renditions = uploads.map((upload) => ready.get(upload.imageId)?.renditions.length ?? 0);
        // What the process keeps once the work is done: freed, or held by the allocator.
        await sleep(2_000);
        return {
          uploads,
          readyMs,
          renditions,
          memory: { before, ...samples, settled: memoryOf(serverPid).rss },
        };
      }
      if (performance.now() - started > TIMEOUT_MS) {
        const pending = images.filter((image) => image.status === 'pending').length;
        throw new Error(`not every image ready after ${TIMEOUT_MS / 1000} s (${pending} pending)`);
      }
      await sleep(POLL_MS);
    }
  } finally {
    cutOff.abort();
    memory.cancel();
  }
}

/** One photo in a request of its own, streamed from its file; a refused (503) one is sent again. */
async function uploadPhoto(
  url: string,
  accessToken: string,
  photo: SamplePhoto,
  started: number,
  signal: AbortSignal,
): Promise<Upload> {
  for (let refusals = 0; ; refusals += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: await photoForm(photo),
      signal,
    });
    const body = await response.text();
    if (response.status === 201) {
      const { images } = JSON.parse(body) as { images: { id: string }[] };
      const image = images[0];
      if (!image) throw new Error(`upload of ${photo.name} answered no image`);
      return { imageId: image.id, acceptedMs: performance.now() - started, refusals };
    }
    if (response.status !== 503 || refusals >= MAX_REFUSALS)
      throw new Error(`upload of ${photo.name}: ${response.status} ${body}`);
    await sleep(Number(response.headers.get('retry-after') ?? 10) * 1000, undefined, { signal });
  }
}

/** A multipart body of the one file, read from disk as it is sent (fetch streams a file-backed Blob). */
export async function photoForm(photo: SamplePhoto): Promise<FormData> {
  const form = new FormData();
  form.append('image', await openAsBlob(photo.path, { type: 'image/jpeg' }), photo.name);
  return form;
}
