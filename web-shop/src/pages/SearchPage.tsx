import { useCallback } from 'react';
import type { ProductPage } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';
import { MoreProducts } from '../catalog/MoreProducts.js';
import { LISTING_PAGE_SIZE } from '../page-data.js';

export function SearchPage({ q, products }: { q: string; products: ProductPage | null }) {
  const { t, api } = useShop();
  const loadAfter = useCallback(
    (cursor: string) => {
      if (!api) return Promise.reject(new Error('offline'));
      return api.catalog.products.search.query({ q, cursor, limit: LISTING_PAGE_SIZE });
    },
    [api, q],
  );
  if (!products) return <p className="empty">{t('search.empty')}</p>;
  return (
    <div className="listing">
      <h1>{t('search.title', { q })}</h1>
      {products.items.length === 0 ? (
        <p className="empty">{t('search.none', { q })}</p>
      ) : (
        <MoreProducts first={products} loadAfter={loadAfter} />
      )}
    </div>
  );
}
