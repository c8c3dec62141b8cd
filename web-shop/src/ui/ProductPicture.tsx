import type { ProductImage } from '@allure/shared/product-image';
import { mediaUrl, pictureSources } from './product-images.js';

/**
 * A product photo that never moves the page: the blurred placeholder (inline, a few hundred bytes) holds
 * the box at the photo's own proportions from the first paint, and the photo, AVIF or WebP at the width
 * the layout needs, covers it when it arrives. The page's main photo loads first; the others when near.
 */
export function ProductPicture({
  apiUrl,
  image,
  alt,
  sizes,
  priority = false,
}: {
  apiUrl: string;
  image: ProductImage;
  alt: string;
  sizes: string;
  priority?: boolean;
}) {
  const sources = pictureSources(apiUrl, image);
  const fallback = image.renditions.find((item) => item.format === 'webp') ?? image.renditions[0];
  return (
    <span className="picture">
      <img
        className="picture-placeholder"
        src={image.placeholder}
        width={image.width}
        height={image.height}
        alt=""
      />
      <picture>
        {sources.avif && <source type="image/avif" srcSet={sources.avif} sizes={sizes} />}
        {sources.webp && <source type="image/webp" srcSet={sources.webp} sizes={sizes} />}
        <img
          src={fallback ? mediaUrl(apiUrl, fallback.src) : image.placeholder}
          width={image.width}
          height={image.height}
          alt={alt}
          loading={priority ? 'eager' : 'lazy'}
          fetchPriority={priority ? 'high' : 'auto'}
          decoding="async"
        />
      </picture>
    </span>
  );
}
