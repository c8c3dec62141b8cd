import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchDatabase } from './lib/bench-database.js';
import { startBenchServer } from './lib/bench-server.js';
import { photoForm, type UploadRun, uploadAndWait } from './lib/image-uploads.js';
import { childPid, megabytes } from './lib/process-memory.js';
import { startProcess } from './lib/processes.js';
import { printFigures, printRows } from './lib/report.js';
import { type SamplePhoto, samplePhotos } from './lib/sample-photos.js';
import { round1 } from './lib/stats.js';

// Product images end to end: ten 24-megapixel photos uploaded at once (one request each) to a product, until
// the renditions of every one are ready, with the server making them itself (inline workers, the default
// IMAGE_CONCURRENCY of 1, libvips and the AVIF encoder using both cores). Measured: the time from the first upload starting to the last image ready (as a
// back office polling media.images.list every 200 ms sees it), and how far the resident memory of the
// server process (uploads and renders both) grows over what it was just before. Beside it, in the same
// run, the same ten files streamed at once to a bare Fastify route that throws them away.

const PORT = 3131;
const BASELINE_PORT = 3132;
const UPLOADS = 10;
const WIDTH = 6000;
const HEIGHT = 4000;

const log = (line: string) => process.stdout.write(`bench: ${line}\n`);
const seconds = (ms: number) => Math.round(ms) / 1000;
const serverEntry = fileURLToPath(new URL('../sync-server/dist/server.js', import.meta.url));
const baselineEntry = fileURLToPath(new URL('./lib/upload-baseline-server.ts', import.meta.url));

export default async function imagesBench(): Promise<void> {
  const { databaseUrl, redisUrl } = await benchDatabase({ name: 'allure_bench_images', fresh: true });
  const productId = await someProduct(databaseUrl);
  log(`writing ${UPLOADS} photos of ${WIDTH}×${HEIGHT} (not timed)`);
  const { folder, photos } = await samplePhotos(UPLOADS, WIDTH, HEIGHT);
  const uploadedBytes = photos.reduce((sum, photo) => sum + photo.bytes, 0);
  log(`${megabytes(uploadedBytes)} MB in all, ${folder}`);
  const mediaDir = await mkdtemp(join(tmpdir(), 'allure-bench-media-'));

  let run: UploadRun;
  try {
    const server = await startBenchServer(
      PORT,
      { databaseUrl, redisUrl },
      { MEDIA_DIR: mediaDir, UPLOAD_TMP_DIR: join(mediaDir, 'uploads') },
    );
    try {
      run = await uploadAndWait(server.url, childPid(serverEntry), productId, photos);
    } finally {
      await server.stop();
    }
    log('baseline: the same files to a bare Fastify route');
    const baselineMs = await measureUploadBaseline(photos);
    report(run, baselineMs, uploadedBytes);
  } finally {
    await rm(folder, { recursive: true, force: true });
    await rm(mediaDir, { recursive: true, force: true });
  }
}

/** A product of the freshly copied seed: it has no images yet, so all ten fit under the cap of 20. */
async function someProduct(databaseUrl: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ id: string }>(
      `SELECT p.id FROM product p WHERE p.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM product_image i WHERE i.product_id = p.id)
        ORDER BY p.id LIMIT 1`,
    );
    const product = rows[0];
    if (!product) throw new Error('no product without images in the bench database');
    return product.id;
  } finally {
    await pool.end();
  }
}

/** The same files, all at once, to a route that reads and discards them: a warm-up, then the timed run. */
async function measureUploadBaseline(photos: SamplePhoto[]): Promise<number> {
  const baseline = await startProcess(
    process.execPath,
    ['--import', 'tsx', baselineEntry, String(BASELINE_PORT)],
    {},
    BASELINE_PORT,
    '/livez',
  );
  const sendAll = async () => {
    const started = performance.now();
    await Promise.all(
      photos.map(async (photo) => {
        const response = await fetch(`${baseline.url}/upload`, {
          method: 'POST',
          body: await photoForm(photo),
        });
        await response.text();
        if (response.status !== 201) throw new Error(`baseline upload: ${response.status}`);
      }),
    );
    return performance.now() - started;
  };
  try {
    await sendAll();
    return await sendAll();
  } finally {
    await baseline.stop();
  }
}

function report(run: UploadRun, baselineMs: number, uploadedBytes: number): void {
  const acceptedMs = Math.max(...run.uploads.map((upload) => upload.acceptedMs));
  const refused = run.uploads.reduce((sum, upload) => sum + upload.refusals, 0);
  const peak = Math.max(run.memory.peak, run.memory.sampledPeak);
  const growthMb = megabytes(peak - run.memory.before);
  const renditions = Math.min(...run.renditions);
  if (Math.max(...run.renditions) !== renditions)
    log(`renditions differ between images: ${run.renditions.join(', ')}`);
  printRows(
    `${run.uploads.length} photos of ${WIDTH}×${HEIGHT} (${megabytes(uploadedBytes)} MB in all), one request each, at once`,
    {
      'bare Fastify route, body discarded': { all_received_s: seconds(baselineMs) },
      'upload → every image ready': {
        all_accepted_s: seconds(acceptedMs),
        all_ready_s: seconds(run.readyMs),
        refused_503: refused,
        renditions_per_image: renditions,
      },
    },
  );
  printRows('server process resident memory (VmRSS; peak also from VmHWM)', {
    MB: {
      before: megabytes(run.memory.before),
      peak_sampled: megabytes(run.memory.sampledPeak),
      peak_hwm: megabytes(run.memory.peak),
      growth: growthMb,
      '2 s after': megabytes(run.memory.settled),
    },
  });
  printFigures({
    bench: 'images',
    uploads: run.uploads.length,
    all_ready_s: seconds(run.readyMs),
    peak_rss_growth_mb: round1(growthMb),
    baseline_upload_s: seconds(baselineMs),
    all_accepted_s: seconds(acceptedMs),
    refused_503: refused,
    renditions_per_image: renditions,
    uploaded_mb: megabytes(uploadedBytes),
  });
}
