import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkedKey, imageIdOf, imagePrefix, originalKey, renditionKey } from './media-store.js';

const imageId = randomUUID();
const hash = '0123456789abcdef';

describe('media keys', () => {
  it('names originals and renditions after their image and content', () => {
    expect(originalKey(imageId, hash, 'jpg')).toBe(`originals/${imageId}-${hash}.jpg`);
    expect(imagePrefix(imageId)).toBe(`images/${imageId}/`);
    expect(renditionKey(imageId, '640', hash, 'avif')).toBe(`images/${imageId}/640-${hash}.avif`);
    expect(renditionKey(imageId, '1920', hash, 'webp').startsWith(imagePrefix(imageId))).toBe(true);
  });

  it('accepts every key it makes', () => {
    for (const key of [
      originalKey(imageId, hash, 'tiff'),
      renditionKey(imageId, '1920', hash, 'webp'),
      renditionKey(imageId, 'placeholder', hash, 'webp'),
    ]) {
      expect(checkedKey(key)).toBe(key);
    }
    // The longest a key may be: 200 characters after its first.
    expect(checkedKey(`images/a${'b'.repeat(200)}`)).toHaveLength(208);
  });

  it.each([
    ['a parent folder', `images/${imageId}/../../etc/passwd`],
    ['a parent folder at its start', 'originals/..'],
    ['an empty segment', `images/${imageId}//640.webp`],
    ['an absolute path', `/images/${imageId}/640.webp`],
    ['another top folder', `secrets/${imageId}.txt`],
    ['no name after the folder', 'images/'],
    ['a name starting with a dot', 'images/.hidden'],
    ['capitals', `images/${imageId}/640-ABC.webp`],
    ['a backslash', 'images/a\\b'],
    ['a space', 'images/a b'],
    ['an encoded character', 'images/a%2e%2e'],
    ['a line break', 'images/a\nb'],
    ['more than 200 characters after the first', `images/a${'b'.repeat(201)}`],
    ['nothing', ''],
  ])('refuses %s', (_, key) => {
    expect(() => checkedKey(key)).toThrow(/bad media key/);
  });
});

describe('imageIdOf', () => {
  it('reads the image from a rendition or an original', () => {
    expect(imageIdOf(renditionKey(imageId, '320', hash, 'avif'))).toBe(imageId);
    expect(imageIdOf(originalKey(imageId, hash, 'png'))).toBe(imageId);
    expect(imageIdOf(imagePrefix(imageId))).toBe(imageId);
  });

  it('is null for a key of no image', () => {
    expect(imageIdOf('images/not-an-image/320-abc.webp')).toBeNull();
    expect(imageIdOf(`images/${imageId.slice(0, 30)}/320-abc.webp`)).toBeNull();
    expect(imageIdOf(`images/${imageId.toUpperCase()}/320-abc.webp`)).toBeNull();
    expect(imageIdOf(`other/${imageId}/320-abc.webp`)).toBeNull();
    expect(imageIdOf(`x/images/${imageId}/320-abc.webp`)).toBeNull();
    expect(imageIdOf('')).toBeNull();
  });
});
