/**
 * Uploading product images from the back office, with the progress a manager watches on a progress bar.
 * XMLHttpRequest rather than fetch: only it reports how much of a request body has been sent.
 *
 * The server decides what a file is and whether it is acceptable (image-upload.route.ts on the server);
 * this module only sends, reports progress, and hands back the server's answer or refusal as it was given.
 */

export interface UploadProgress {
  /** Bytes of the request sent so far, of `total`. */
  loaded: number;
  total: number;
  /** 0 to 1. */
  fraction: number;
}

export interface UploadImagesRequest {
  /** The server's origin, e.g. https://api.allure.example. */
  serverUrl: string;
  accessToken: string;
  productId: string;
  files: readonly Blob[];
  /** The variant (colour) the images show, when they show one. */
  variantId?: string;
  onProgress?: (progress: UploadProgress) => void;
  /** Aborting cancels the upload; the server keeps nothing of it. */
  signal?: AbortSignal;
}

/** An uploaded image, pending until the server has made its renditions. */
export interface UploadedImage {
  id: string;
  productId: string;
  variantId: string | null;
  position: number;
  status: 'pending';
  contentType: string;
  byteSize: number;
}

export type UploadOutcome =
  | { ok: true; images: UploadedImage[] }
  /** `status` 0: the network failed or the upload was cancelled (`cancelled`). */
  | { ok: false; status: number; message: string; cancelled: boolean };

function messageOf(body: string, status: number): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return `the server answered ${status}`;
}

export function uploadProductImages(request: UploadImagesRequest): Promise<UploadOutcome> {
  const url = new URL(`/media/products/${encodeURIComponent(request.productId)}/images`, request.serverUrl);
  if (request.variantId) url.searchParams.set('variantId', request.variantId);
  const form = new FormData();
  for (const file of request.files) form.append('image', file);

  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const failed = (message: string, cancelled = false) =>
      resolve({ ok: false, status: 0, message, cancelled });
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${request.accessToken}`);
    xhr.upload.addEventListener('progress', (event) => {
      if (!event.lengthComputable || event.total === 0) return;
      request.onProgress?.({
        loaded: event.loaded,
        total: event.total,
        fraction: event.loaded / event.total,
      });
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) {
        const body = JSON.parse(xhr.responseText) as { images: UploadedImage[] };
        resolve({ ok: true, images: body.images });
        return;
      }
      resolve({
        ok: false,
        status: xhr.status,
        message: messageOf(xhr.responseText, xhr.status),
        cancelled: false,
      });
    });
    xhr.addEventListener('error', () => failed('the server could not be reached'));
    xhr.addEventListener('timeout', () => failed('the upload took too long'));
    xhr.addEventListener('abort', () => failed('cancelled', true));
    if (request.signal?.aborted) {
      failed('cancelled', true);
      return;
    }
    request.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
