import type { ProductImage } from '@allure/shared/product-image';
import { useState } from 'react';
import { thumbnailOf } from '../media/product-thumbnail.js';
import { useTill } from './till-context.js';

/** A product's picture from the HTTP cache, the blurred placeholder until (or unless) it loads. */
export function ProductThumbnail({
  images,
  name,
  size,
}: {
  images: readonly ProductImage[];
  name: string;
  size: number;
}) {
  const { settings } = useTill();
  const [failed, setFailed] = useState(false);
  const thumbnail = thumbnailOf(images, size, settings.serverUrl, {
    devicePixelRatio: window.devicePixelRatio,
  });
  if (!thumbnail) {
    return (
      <span className="tile-initial" style={{ width: size, height: size }} aria-hidden>
        {name.slice(0, 1)}
      </span>
    );
  }
  return (
    <img
      src={failed ? thumbnail.placeholder : thumbnail.src}
      srcSet={failed ? undefined : thumbnail.srcSet}
      sizes={`${size}px`}
      width={size}
      height={Math.round(size / thumbnail.aspectRatio)}
      style={{ backgroundImage: `url(${thumbnail.placeholder})`, backgroundSize: 'cover' }}
      onError={() => setFailed(true)}
      alt=""
      loading="lazy"
    />
  );
}
