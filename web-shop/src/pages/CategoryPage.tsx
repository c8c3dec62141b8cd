import { useCallback, useMemo } from 'react';
import type { Category, ProductPage } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';
import { MoreProducts } from '../catalog/MoreProducts.js';
import { compareSizes } from '../catalog/variant-choice.js';
import { listingInput } from '../page-data.js';
import { type ListingFilters, NO_FILTERS, productSorts } from '../routes.js';

/** The values to offer: those of the products shown, and any already ticked, in `order`. */
function choices(
  products: ProductPage,
  pick: (variant: ProductPage['items'][number]['variants'][number]) => string | null,
  ticked: string[],
  order: (a: string, b: string) => number,
) {
  const found = new Set(ticked);
  for (const product of products.items) {
    for (const variant of product.variants) {
      const value = pick(variant);
      if (value) found.add(value);
    }
  }
  return [...found].sort(order);
}

const alphabetical = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

export function CategoryPage({
  category,
  products,
  filters,
}: {
  category: Category;
  products: ProductPage;
  filters: ListingFilters;
}) {
  const { t, api, href, navigate } = useShop();
  const sizes = useMemo(
    () => choices(products, (variant) => variant.size, filters.sizes, compareSizes),
    [products, filters.sizes],
  );
  const colours = useMemo(
    () => choices(products, (variant) => variant.colour, filters.colours, alphabetical),
    [products, filters.colours],
  );
  const go = (next: ListingFilters) =>
    navigate(href({ page: 'category', slug: category.slug, filters: next }), { replace: true });
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
  const loadAfter = useCallback(
    (cursor: string) => {
      if (!api) return Promise.reject(new Error('offline'));
      return api.catalog.products.list.query(listingInput(category, filters, cursor));
    },
    [api, category, filters],
  );
  const filtered = filters.sizes.length > 0 || filters.colours.length > 0 || filters.inStock;

  return (
    <div className="listing">
      <h1>{category.name}</h1>
      <form
        className="filters"
        aria-label={t('listing.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        {(['sizes', 'colours'] as const).map((axis) => (
          <fieldset key={axis}>
            <legend>{t(axis === 'sizes' ? 'listing.size' : 'listing.colour')}</legend>
            {(axis === 'sizes' ? sizes : colours).map((value) => (
              <label key={value} className="chip">
                <input
                  type="checkbox"
                  checked={filters[axis].includes(value)}
                  onChange={() => go({ ...filters, [axis]: toggle(filters[axis], value) })}
                />
                {value}
              </label>
            ))}
          </fieldset>
        ))}
        <label className="chip">
          <input
            type="checkbox"
            checked={filters.inStock}
            onChange={() => go({ ...filters, inStock: !filters.inStock })}
          />
          {t('listing.inStock')}
        </label>
        <label className="sort">
          {t('listing.sort')}
          <select
            value={filters.sort}
            onChange={(event) => go({ ...filters, sort: event.target.value as ListingFilters['sort'] })}
          >
            {productSorts.map((sort) => (
              <option key={sort} value={sort}>
                {t(`listing.sort.${sort}`)}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => go({ ...NO_FILTERS, sort: filters.sort })}
          >
            {t('listing.clear')}
          </button>
        )}
      </form>
      {products.items.length === 0 ? (
        <p className="empty">{t('listing.none')}</p>
      ) : (
        <MoreProducts first={products} loadAfter={loadAfter} />
      )}
    </div>
  );
}
