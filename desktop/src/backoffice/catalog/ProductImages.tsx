import type { ProductImage } from '@allure/shared/product-image';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { thumbnailOf, type UploadProgress, uploadProductImages } from '../../media/index.js';
import { FormProblem } from '../FormParts.js';
import { FORM, type Problem, problemsOfServer } from '../form-problems.js';
import type { ManagerSession } from '../manager-session.js';
import { useOffice } from '../office-context.js';

type Api = ManagerSession['api'];
type ImageRow = Awaited<ReturnType<Api['media']['images']['list']['query']>>[number];

/** While an image is being processed, its state is asked for this often. */
const PROCESSING_POLL_MS = 1_000;
const TILE_WIDTH = 140;

/** A ready image as the shared helpers take it; null while it has no renditions. */
function readyImage(image: ImageRow): ProductImage | null {
  if (image.status !== 'ready' || !image.width || !image.height || !image.placeholder) return null;
  return { ...image, width: image.width, height: image.height, placeholder: image.placeholder };
}

/** A product's pictures: upload with progress (and cancel), processing, ready or failed (retry), delete. */
export function ProductImages({
  productId,
  variants,
}: {
  productId: string;
  /** What an image can show: one variant (a colour) rather than the product as a whole. */
  variants: readonly { id: string; label: string }[];
}) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [images, setImages] = useState<ImageRow[] | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const uploading = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(
    () =>
      session.api.media.images.list
        .query({ productId })
        .then(setImages)
        .catch((error: unknown) => setProblem(problemsOfServer(error)[0] ?? null)),
    [session, productId],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const processing = images?.some((image) => image.status === 'pending') ?? false;
  useEffect(() => {
    if (!processing) return;
    const timer = setInterval(() => void refresh(), PROCESSING_POLL_MS);
    return () => clearInterval(timer);
  }, [processing, refresh]);

  useEffect(() => () => uploading.current?.abort(), []);

  async function upload(files: File[]) {
    if (files.length === 0 || uploading.current) return;
    setProblem(null);
    setNotice(null);
    const accessToken = await session.accessToken();
    if (!accessToken) return setProblem({ field: FORM, code: 'unreachable' });
    const cancel = new AbortController();
    uploading.current = cancel;
    setProgress({ loaded: 0, total: files.reduce((sum, file) => sum + file.size, 0), fraction: 0 });
    const outcome = await uploadProductImages({
      serverUrl: session.serverUrl,
      accessToken,
      productId,
      files,
      signal: cancel.signal,
      onProgress: setProgress,
    });
    uploading.current = null;
    setProgress(null);
    if (fileInput.current) fileInput.current.value = '';
    if (outcome.ok) await refresh();
    else if (outcome.cancelled) setNotice(t('catalog.uploadCancelled'));
    else if (outcome.status === 0) setProblem({ field: FORM, code: 'unreachable' });
    else setProblem({ field: FORM, code: 'invalid', detail: outcome.message });
  }

  async function act(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(problemsOfServer(error)[0] ?? null);
    }
    await refresh();
  }

  return (
    <section className="card images-card" data-testid="product-images">
      <div className="office-toolbar heading">
        <h2>{t('catalog.images')}</h2>
        <label className="file-button">
          <input
            ref={fileInput}
            type="file"
            name="images"
            accept="image/jpeg,image/png,image/webp,image/avif"
            multiple
            disabled={progress !== null}
            onChange={(event) => void upload([...(event.target.files ?? [])])}
          />
          {t('catalog.addImages')}
        </label>
      </div>
      {progress && (
        <div className="upload-progress" data-testid="upload-progress">
          <progress max={1} value={progress.fraction} aria-label={t('catalog.uploading')} />
          <span className="muted">
            {t('catalog.uploadPercent', { percent: Math.floor(progress.fraction * 100) })}
          </span>
          <button type="button" onClick={() => uploading.current?.abort()}>
            {t('catalog.cancelUpload')}
          </button>
        </div>
      )}
      <FormProblem problem={problem} />
      {notice && <p className="muted">{notice}</p>}
      {images && images.length === 0 && !progress && <p className="muted">{t('catalog.noImages')}</p>}
      <ul className="image-tiles">
        {images?.map((image, index) => {
          const ready = readyImage(image);
          const thumbnail = ready ? thumbnailOf([ready], TILE_WIDTH, session.serverUrl) : null;
          return (
            <li key={image.id} data-status={image.status} className={`image-tile ${image.status}`}>
              {thumbnail ? (
                <img
                  src={thumbnail.src}
                  srcSet={thumbnail.srcSet}
                  sizes={`${TILE_WIDTH}px`}
                  alt=""
                  style={{
                    backgroundImage: `url("${thumbnail.placeholder}")`,
                    aspectRatio: thumbnail.aspectRatio,
                  }}
                />
              ) : (
                <div className="image-state">
                  {image.status === 'failed' ? t('catalog.imageFailed') : t('catalog.imageProcessing')}
                </div>
              )}
              {image.status === 'failed' && image.error && <span className="error small">{image.error}</span>}
              <select
                name="image-variant"
                aria-label={t('catalog.imageShows')}
                value={image.variantId ?? ''}
                onChange={(event) =>
                  void act(() =>
                    session.api.media.images.update.mutate({
                      id: image.id,
                      variantId: event.target.value || null,
                    }),
                  )
                }
              >
                <option value="">{t('catalog.wholeProduct')}</option>
                {variants.map((variant) => (
                  <option key={variant.id} value={variant.id}>
                    {variant.label}
                  </option>
                ))}
              </select>
              <div className="image-actions">
                {index > 0 && (
                  <button
                    type="button"
                    className="ghost"
                    aria-label={t('catalog.moveImageFirst')}
                    onClick={() =>
                      void act(() =>
                        session.api.media.images.update.mutate({ id: image.id, position: index - 1 }),
                      )
                    }
                  >
                    ←
                  </button>
                )}
                {image.status === 'failed' && (
                  <button
                    type="button"
                    onClick={() => void act(() => session.api.media.images.retry.mutate({ id: image.id }))}
                  >
                    {t('catalog.retry')}
                  </button>
                )}
                <button
                  type="button"
                  className="ghost"
                  onClick={() => void act(() => session.api.media.images.delete.mutate({ id: image.id }))}
                >
                  {t('catalog.deleteImage')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
