import type { ProductImage } from '@allure/shared/product-image';
import { describe, expect, it } from 'vitest';
import { thumbnailOf } from './product-thumbnail.js';

function anImage(
  id: string,
  variantId: string | null,
  src: (width: number, format: string) => string,
): ProductImage {
  return {
    id,
    variantId,
    position: 0,
    width: 1600,
    height: 2400,
    placeholder: `data:image/webp;base64,${id}`,
    renditions: [320, 640, 1280].flatMap((width) =>
      (['avif', 'webp'] as const).map((format) => ({
        format,
        width,
        height: width * 1.5,
        src: src(width, format),
      })),
    ),
  };
}

const server = 'https://api.allure.example';
const onDisk = anImage('a', null, (width, format) => `/media/images/a/${width}-h.${format}`);
const inS3 = anImage(
  'b',
  'v-red',
  (width, format) => `https://cdn.allure.example/images/b/${width}-h.${format}`,
);

describe('thumbnailOf', () => {
  it('picks the AVIF rendition that covers the box, and resolves paths against the server', () => {
    const thumbnail = thumbnailOf([onDisk], 200, server);
    expect(thumbnail?.src).toBe('https://api.allure.example/media/images/a/320-h.avif');
    expect(thumbnail?.srcSet).toBe(
      'https://api.allure.example/media/images/a/320-h.avif 320w, ' +
        'https://api.allure.example/media/images/a/640-h.avif 640w, ' +
        'https://api.allure.example/media/images/a/1280-h.avif 1280w',
    );
    expect(thumbnail?.aspectRatio).toBeCloseTo(2 / 3);
    expect(thumbnail?.placeholder).toBe('data:image/webp;base64,a');
  });

  it('takes the screen density into account', () => {
    expect(thumbnailOf([onDisk], 200, server, { devicePixelRatio: 2 })?.src).toMatch(/640-h\.avif$/);
  });

  it("keeps object storage's absolute URLs as they are", () => {
    expect(thumbnailOf([inS3], 200, server)?.src).toBe('https://cdn.allure.example/images/b/320-h.avif');
  });

  it("shows the selected colour's image when there is one, else the product's first", () => {
    expect(thumbnailOf([onDisk, inS3], 200, server, { variantId: 'v-red' })?.placeholder).toMatch(/,b$/);
    expect(thumbnailOf([onDisk, inS3], 200, server, { variantId: 'v-blue' })?.placeholder).toMatch(/,a$/);
  });

  it('has nothing to show for a product without images', () => {
    expect(thumbnailOf([], 200, server)).toBeNull();
  });
});
