/**
 * What an upload is, read from its first bytes: the name and the Content-Type a client sends are its own
 * claims and are never trusted. Only raster formats the renditions can be made from are accepted; SVG (a
 * document that can carry script) and anything unrecognised are refused.
 */
export const acceptedImageTypes = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  webp: { contentType: 'image/webp', extension: 'webp' },
  avif: { contentType: 'image/avif', extension: 'avif' },
  gif: { contentType: 'image/gif', extension: 'gif' },
  tiff: { contentType: 'image/tiff', extension: 'tiff' },
} as const;
export type ImageType = keyof typeof acceptedImageTypes;

/** Bytes of the file's start that `sniffImageType` needs. */
export const SNIFF_BYTES = 32;

const ascii = (bytes: Uint8Array, start: number, text: string) =>
  [...text].every((char, index) => bytes[start + index] === char.charCodeAt(0));

/** AVIF is an ISO media file (`ftyp` box) whose brands include avif or avis. */
function isAvif(head: Uint8Array): boolean {
  if (!ascii(head, 4, 'ftyp')) return false;
  const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
  const end = Math.min(boxSize, head.length);
  for (let offset = 8; offset + 4 <= end; offset += 4) {
    if (ascii(head, offset, 'avif') || ascii(head, offset, 'avis')) return true;
  }
  return false;
}

export function sniffImageType(head: Uint8Array): ImageType | null {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(head, 0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'webp';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'gif';
  if (ascii(head, 0, 'II*\0') || ascii(head, 0, 'MM\0*')) return 'tiff';
  if (isAvif(head)) return 'avif';
  return null;
}
