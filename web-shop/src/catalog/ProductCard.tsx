import type { ProductSummary } from '../api/shop-types.js';
import { Link, useShop } from '../app/shop-context.js';
import { ProductPicture } from '../ui/ProductPicture.js';

/** Cards are a quarter of a wide page, a third of a tablet's, half a phone's. */
export const CARD_SIZES = '(min-width: 64rem) 16rem, (min-width: 40rem) 33vw, 50vw';

export function lowestPrice(product: Pick<ProductSummary, 'variants'>) {
  return product.variants.reduce<ProductSummary['variants'][number] | undefined>(
    (lowest, variant) => (lowest === undefined || variant.price < lowest.price ? variant : lowest),
    undefined,
  );
}

export function ProductCard({ product, priority = false }: { product: ProductSummary; priority?: boolean }) {
  const { t, price: format, href, apiUrl } = useShop();
  const [image] = product.images;
  const cheapest = lowestPrice(product);
  const samePrice = product.variants.every((variant) => variant.price === cheapest?.price);
  const price = cheapest ? format(cheapest.price) : null;
  return (
    <li className="card">
      <Link to={href({ page: 'product', slug: product.slug, variantId: null })}>
        {image ? (
          <ProductPicture apiUrl={apiUrl} image={image} alt="" sizes={CARD_SIZES} priority={priority} />
        ) : (
          <span className="picture picture-missing">{t('product.noImage')}</span>
        )}
        <span className="card-name">{product.name}</span>
        {product.brand && <span className="card-brand">{product.brand}</span>}
        {price && <span className="card-price">{samePrice ? price : t('product.from', { price })}</span>}
      </Link>
    </li>
  );
}

export function ProductGrid({
  products,
  eager = 0,
}: {
  products: readonly ProductSummary[];
  eager?: number;
}) {
  return (
    <ul className="grid">
      {products.map((product, index) => (
        <ProductCard key={product.id} product={product} priority={index < eager} />
      ))}
    </ul>
  );
}
