import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Camera-sized JPEGs for the image bench, written to disk so that neither the bench nor the server needs
// them in memory. sharp is the sync server's dependency, not the bench's: it is loaded from there.

interface SharpImage {
  resize(width: number, height: number, options: { kernel: 'linear' }): SharpImage;
  composite(layers: { input: { create: object }; blend: 'overlay' }[]): SharpImage;
  jpeg(options: { quality: number }): SharpImage;
  toFile(path: string): Promise<{ size: number }>;
}
type Sharp = (input: Buffer, options: { raw: { width: number; height: number; channels: 3 } }) => SharpImage;

const sharp = createRequire(new URL('../../sync-server/package.json', import.meta.url))('sharp') as Sharp;

export interface SamplePhoto {
  path: string;
  name: string;
  bytes: number;
}

/** Corner colours the gradients are drawn from: sky, sand, foliage, brick. */
const palette = [
  [200, 120, 60],
  [90, 140, 200],
  [40, 60, 30],
  [230, 210, 180],
  [150, 40, 50],
  [20, 30, 70],
];

/**
 * `count` distinct photo-like JPEGs (a smooth four-colour gradient under gaussian grain, quality 85: about
 * 7.5 MB at 24 megapixels, as a camera's) in a new temporary folder, two at a time.
 */
export async function samplePhotos(
  count: number,
  width: number,
  height: number,
): Promise<{ folder: string; photos: SamplePhoto[] }> {
  const folder = await mkdtemp(join(tmpdir(), 'allure-bench-photos-'));
  const photos: SamplePhoto[] = [];
  const make = async (index: number) => {
    // Each photo its own corners, lightened a little more each time: no two alike whatever the count.
    const corners = [0, 1, 2, 3].map((corner) =>
      (palette[(index + corner) % palette.length] as number[]).map((value) =>
        Math.min(255, value + index * 4),
      ),
    );
    const name = `photo-${index + 1}.jpg`;
    const path = join(folder, name);
    const { size } = await sharp(Buffer.from(corners.flat()), { raw: { width: 2, height: 2, channels: 3 } })
      .resize(width, height, { kernel: 'linear' })
      .composite([
        {
          input: {
            create: {
              width,
              height,
              channels: 3,
              background: { r: 128, g: 128, b: 128 },
              noise: { type: 'gaussian', mean: 128, sigma: 24 },
            },
          },
          blend: 'overlay',
        },
      ])
      .jpeg({ quality: 85 })
      .toFile(path);
    photos[index] = { path, name, bytes: size };
  };
  for (let index = 0; index < count; index += 2) {
    await Promise.all([make(index), ...(index + 1 < count ? [make(index + 1)] : [])]);
  }
  return { folder, photos };
}
