import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

// Image files built on the spot, as a camera, a phone or an attacker would send them.

/** A photo-like picture (a gradient with noise): compresses like a photo, not like a flat colour. */
function picture(width: number, height: number, channels: 3 | 4 = 3) {
  return sharp({
    create: {
      width,
      height,
      channels,
      background: { r: 180, g: 90, b: 40, alpha: 1 },
      noise: { type: 'gaussian', mean: 120, sigma: 40 },
    },
  });
}

/** A JPEG straight from a phone: turned a quarter (EXIF orientation 6), with identifying EXIF fields. */
export function phoneJpeg(width: number, height: number): Promise<Buffer> {
  return picture(width, height)
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Artist: 'Secret Photographer', Copyright: 'GPS 14.6928 N 17.4467 W' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export const transparentPng = (width: number, height: number) => picture(width, height, 4).png().toBuffer();
export const webp = (width: number, height: number) => picture(width, height).webp().toBuffer();
export const avif = (width: number, height: number) => picture(width, height).avif({ effort: 0 }).toBuffer();
export const gif = (width: number, height: number) => picture(width, height).gif().toBuffer();
export const tiff = (width: number, height: number) => picture(width, height).tiff().toBuffer();

/** A JPEG cut off halfway: its header reads fine, its pixels do not. */
export async function truncatedJpeg(width: number, height: number): Promise<Buffer> {
  const whole = await picture(width, height).jpeg().toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** JPEG's first bytes, then noise: sniffed as JPEG, unreadable as one. */
export function garbageJpeg(): Buffer {
  const noise = Buffer.alloc(4_096);
  for (let index = 0; index < noise.length; index += 1) noise[index] = (index * 7919) % 251;
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

/**
 * A decompression bomb: a valid black-and-white PNG of `side`×`side` pixels that weighs a few tens of KB
 * and decodes to gigabytes of RGBA.
 */
export function pixelBombPng(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil(side / 8);
  const pixels = deflateSync(Buffer.alloc(rowBytes * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
