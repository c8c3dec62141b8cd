import { describe, expect, it } from 'vitest';
import { type ProductImage, renditionFor, renditionWidths, srcSet } from './product-image.js';
import { listImagesInput, productImage, updateImageInput } from './product-image.schema.js';

const image: Pick<ProductImage, 'renditions'> = {
  renditions: [
    { format: 'webp', width: 640, height: 960, src: '/media/images/a/640-b.webp' },
    { format: 'avif', width: 320, height: 480, src: '/media/images/a/320-c.avif' },
    { format: 'webp', width: 320, height: 480, src: '/media/images/a/320-d.webp' },
    { format: 'avif', width: 640, height: 960, src: '/media/images/a/640-e.avif' },
  ],
};

describe('renditionWidths', () => {
  it('makes every standard width the original reaches, and never enlarges', () => {
    expect(renditionWidths(6000)).toEqual([320, 640, 1280, 1920]);
    expect(renditionWidths(1920)).toEqual([320, 640, 1280, 1920]);
    expect(renditionWidths(1000)).toEqual([320, 640]);
    expect(renditionWidths(320)).toEqual([320]);
  });

  it('keeps a narrower original at its own width', () => {
    expect(renditionWidths(200)).toEqual([200]);
    expect(renditionWidths(1)).toEqual([1]);
  });
});

describe('srcSet', () => {
  it('lists one format narrowest first, as a browser reads it', () => {
    expect(srcSet(image, 'webp')).toBe('/media/images/a/320-d.webp 320w, /media/images/a/640-b.webp 640w');
    expect(srcSet(image, 'avif')).toBe('/media/images/a/320-c.avif 320w, /media/images/a/640-e.avif 640w');
  });
});

describe('renditionFor', () => {
  it('picks the narrowest rendition at least as wide as the box, best format first', () => {
    expect(renditionFor(image, 100)?.src).toBe('/media/images/a/320-c.avif');
    expect(renditionFor(image, 321)?.src).toBe('/media/images/a/640-e.avif');
  });

  it('falls back to the widest when the box is wider than every rendition', () => {
    expect(renditionFor(image, 4000)?.width).toBe(640);
  });

  it('keeps to the formats the client can show', () => {
    expect(renditionFor(image, 100, ['webp'])?.src).toBe('/media/images/a/320-d.webp');
    expect(renditionFor({ renditions: [] }, 100)).toBeUndefined();
  });
});

describe('schemas', () => {
  it('accepts a ready image and refuses one without renditions', () => {
    const ready = {
      id: '0195f3a0-0000-7000-8000-000000000001',
      variantId: null,
      position: 0,
      width: 640,
      height: 960,
      placeholder: 'data:image/webp;base64,AAAA',
      renditions: image.renditions,
    };
    expect(productImage.safeParse(ready).success).toBe(true);
    expect(productImage.safeParse({ ...ready, renditions: [] }).success).toBe(false);
  });

  it('asks an update for something to change, within the limits', () => {
    const id = '0195f3a0-0000-7000-8000-000000000001';
    expect(updateImageInput.safeParse({ id }).success).toBe(false);
    expect(updateImageInput.safeParse({ id, position: 3 }).success).toBe(true);
    expect(updateImageInput.safeParse({ id, position: 20 }).success).toBe(false);
    expect(updateImageInput.safeParse({ id, variantId: null }).success).toBe(true);
    expect(listImagesInput.safeParse({ productId: 'x' }).success).toBe(false);
  });
});
