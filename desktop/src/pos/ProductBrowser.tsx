import { type RefObject, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveRxQuery } from 'rxdb/plugins/react';
// biome-ignore lint/suspicious/noDeprecatedImports: only map's thisArg overload is deprecated (biomejs/biome#7636).
import { map } from 'rxjs';
import { useMoney } from '../app/money.js';
import { useObservable } from '../app/use-observable.js';
import type { IndexedProduct, SellableVariant } from '../till/catalog-index.js';
import { ProductThumbnail } from './ProductThumbnail.js';
import { useTill } from './till-context.js';
import { useStock } from './use-stock.js';

export const variantLabel = (variant: { size: string; colour: string }) =>
  [variant.size, variant.colour].filter(Boolean).join(' · ');

/**
 * Finding what to sell without a scanner: search as you type (arrows and Enter), or departments, then a
 * product, then its size and colour.
 */
export function ProductBrowser(props: {
  query: string;
  onQuery: (query: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  onPick: (found: SellableVariant) => void;
  notice: string | null;
  onCloseShift: () => void;
  onReturn: () => void;
}) {
  const { t } = useTranslation();
  const { till } = useTill();
  // Re-search when the catalog changes under the cashier (a price or a new barcode arrives).
  const catalogVersion = useObservable(
    useMemo(() => till.feed.changed$.pipe(map(() => till.catalog.version)), [till]),
    0,
  );
  const results = useMemo(
    () => (props.query.trim() ? till.catalog.search(props.query, 40) : []),
    [till, props.query, catalogVersion],
  );
  const [highlight, setHighlight] = useState(0);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [product, setProduct] = useState<IndexedProduct | null>(null);

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') setHighlight((index) => Math.min(results.length - 1, index + 1));
    else if (event.key === 'ArrowUp') setHighlight((index) => Math.max(0, index - 1));
    else if (event.key === 'Enter') {
      const found = results[highlight] ?? results[0];
      if (found) props.onPick(found);
    } else return;
    event.preventDefault();
  }

  return (
    <section className="browser" data-query={props.query} data-catalog-size={till.catalog.size}>
      <div className="toolbar">
        <button type="button" className="ghost" onClick={props.onReturn}>
          {t('returns.open')}
        </button>
        <button type="button" className="ghost" onClick={props.onCloseShift}>
          {t('shift.close')}
        </button>
      </div>
      <input
        ref={props.searchRef}
        className="search"
        type="search"
        name="search"
        placeholder={t('sell.searchPlaceholder')}
        value={props.query}
        onChange={(event) => {
          props.onQuery(event.target.value);
          setHighlight(0);
        }}
        onKeyDown={onKeyDown}
        autoComplete="off"
        autoFocus
      />
      {props.notice && (
        <p className="error" role="alert">
          {props.notice}
        </p>
      )}
      {props.query.trim() ? (
        results.length === 0 ? (
          <p className="muted">{t('sell.noResults', { query: props.query })}</p>
        ) : (
          <VariantList items={results} highlight={highlight} onPick={props.onPick} />
        )
      ) : product ? (
        <VariantPicker product={product} onBack={() => setProduct(null)} onPick={props.onPick} />
      ) : (
        <Departments categoryId={categoryId} onCategory={setCategoryId} onProduct={setProduct} />
      )}
    </section>
  );
}

function VariantList(props: {
  items: SellableVariant[];
  highlight: number;
  onPick: (found: SellableVariant) => void;
}) {
  const { t } = useTranslation();
  const { profile } = useTill();
  const { money } = useMoney(profile.profile.store.currency);
  const stock = useStock(props.items.map((item) => item.variant.id));
  return (
    <ul className="results" data-testid="search-results">
      {props.items.map((item, index) => {
        const units = stock.get(item.variant.id);
        return (
          <li key={item.variant.id}>
            <button
              type="button"
              className={index === props.highlight ? 'result highlighted' : 'result'}
              onClick={() => props.onPick(item)}
            >
              <span className="result-name">
                <strong>{item.product.name}</strong>
                <span className="muted">
                  {variantLabel(item.variant)} · {item.variant.sku}
                </span>
              </span>
              <span className={units !== undefined && units <= 0 ? 'stock out' : 'stock'}>
                {units === undefined
                  ? ''
                  : units > 0
                    ? t('sell.inStock', { count: units })
                    : t('sell.outOfStock')}
              </span>
              <span className="price">{money(item.variant.price)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

const topCategories = { selector: { parentId: null }, sort: [{ position: 'asc' as const }] };

function Departments(props: {
  categoryId: string | null;
  onCategory: (id: string | null) => void;
  onProduct: (product: IndexedProduct) => void;
}) {
  const { t } = useTranslation();
  const { till } = useTill();
  const { results: categories } = useLiveRxQuery({ collection: till.db.categories, query: topCategories });
  const products = props.categoryId ? till.catalog.productsIn(props.categoryId) : [];
  return (
    <div className="departments">
      <h2 className="muted">{t('sell.categories')}</h2>
      <div className="chips">
        {categories.map((category) => (
          <button
            key={category.id}
            type="button"
            className={category.id === props.categoryId ? 'chip active' : 'chip'}
            onClick={() => props.onCategory(category.id === props.categoryId ? null : category.id)}
          >
            {category.name}
          </button>
        ))}
      </div>
      <div className="tiles">
        {products.map((product) => (
          <button key={product.id} type="button" className="tile" onClick={() => props.onProduct(product)}>
            <ProductThumbnail images={product.images} name={product.name} size={96} />
            <span>{product.name}</span>
          </button>
        ))}
      </div>
    </div>
  );
}

function VariantPicker(props: {
  product: IndexedProduct;
  onBack: () => void;
  onPick: (found: SellableVariant) => void;
}) {
  const { t } = useTranslation();
  const { till } = useTill();
  const variants = till.catalog.variantsOf(props.product.id);
  return (
    <div className="picker">
      <button type="button" className="ghost" onClick={props.onBack}>
        ← {t('sell.allCategories')}
      </button>
      <h2>
        {props.product.name} <span className="muted">{t('sell.pickVariant')}</span>
      </h2>
      <VariantList items={variants} highlight={-1} onPick={props.onPick} />
    </div>
  );
}
