import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type ImageType, SNIFF_BYTES, sniffImageType } from './image-type.js';

// Only the first SNIFF_BYTES of a file are read, as the upload does.
const headOf = (bytes: Uint8Array) => bytes.subarray(0, SNIFF_BYTES);

const picture = sharp({ create: { width: 16, height: 16, channels: 3, background: '#b45a28' } });

/** An ISO media file's first box (`ftyp`): its size, major brand, version, then compatible brands. */
function ftyp(major: string, compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + compatible.length * 4);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'ascii');
  box.write([major, '\0\0\0\0', ...compatible].join(''), 8, 'latin1');
  return box;
}

describe('sniffImageType', () => {
  it.each<[ImageType, () => Promise<Buffer>]>([
    ['jpeg', () => picture.clone().jpeg().toBuffer()],
    ['png', () => picture.clone().png().toBuffer()],
    ['webp', () => picture.clone().webp().toBuffer()],
    ['avif', () => picture.clone().avif({ effort: 0 }).toBuffer()],
    ['gif', () => picture.clone().gif().toBuffer()],
    ['tiff', () => picture.clone().tiff().toBuffer()],
  ])('knows %s from the head of a file sharp wrote', async (type, make) => {
    expect(sniffImageType(headOf(await make()))).toBe(type);
  });

  it('knows the other spellings of the formats it takes', () => {
    expect(sniffImageType(Buffer.from('GIF87a\x10\x00\x10\x00', 'latin1'))).toBe('gif');
    // Big-endian TIFF, as some scanners write.
    expect(sniffImageType(Buffer.from('MM\0*\0\0\0\x08', 'latin1'))).toBe('tiff');
    // An AVIF image sequence, and an AVIF whose major brand is another (avif among the compatible ones).
    expect(sniffImageType(ftyp('avis', ['avis', 'msf1']))).toBe('avif');
    expect(sniffImageType(ftyp('mif1', ['mif1', 'avif']))).toBe('avif');
  });

  it('refuses SVG, whatever it declares', () => {
    const svg =
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(sniffImageType(headOf(Buffer.from(svg)))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('refuses HEIC, which renditions cannot be made from', () => {
    expect(sniffImageType(ftyp('heic', ['mif1', 'heic']))).toBeNull();
  });

  it('reads brands only inside the ftyp box', () => {
    // A 16-byte box (no compatible brands) followed by bytes that happen to spell avif.
    const box = Buffer.concat([ftyp('heic', []), Buffer.from('avif')]);
    expect(sniffImageType(box)).toBeNull();
  });

  it('refuses what is no image: nothing, random bytes, look-alikes', () => {
    expect(sniffImageType(new Uint8Array(0))).toBeNull();
    for (const seed of ['one', 'two', 'three', 'four']) {
      expect(sniffImageType(createHash('sha256').update(seed).digest())).toBeNull();
    }
    // A WAV file is RIFF too, and a JPEG's first two bytes are not enough.
    expect(sniffImageType(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(Buffer.from('%PDF-1.7\n'))).toBeNull();
  });
});
