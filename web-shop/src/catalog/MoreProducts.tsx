import type { ProductPage } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';
import { ProductGrid } from './ProductCard.js';
import { useMoreProducts } from './use-more-products.js';

/** A grid that grows as the shopper scrolls. The first row's photos load at once (one is the LCP). */
export function MoreProducts({
  first,
  loadAfter,
}: {
  first: ProductPage;
  loadAfter: (cursor: string) => Promise<ProductPage>;
}) {
  const { t } = useShop();
  const { items, hasMore, state, more, sentinel } = useMoreProducts(first, loadAfter);
  return (
    <>
      <ProductGrid products={items} eager={4} />
      {hasMore && (
        <div ref={sentinel} className="more">
          {state === 'failed' && <p role="alert">{t('listing.loadFailed')}</p>}
          <button type="button" onClick={more} disabled={state === 'loading'}>
            {state === 'loading' ? t('listing.loading') : t('listing.more')}
          </button>
        </div>
      )}
    </>
  );
}
