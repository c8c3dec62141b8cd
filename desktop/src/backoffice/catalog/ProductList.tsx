import { adminSearchQuery } from '@allure/shared/catalog.schema';
import { type ProductStatus, productStatuses } from '@allure/shared/enums';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { LoadMore } from '../LoadMore.js';
import { useOffice } from '../office-context.js';
import { usePages } from '../use-pages.js';
import { type CatalogBasics, categoryLabel } from './catalog-basics.js';

const PAGE = 30;
/** Typing pauses this long before the list asks the server again. */
const TYPING_PAUSE_MS = 250;

interface Filters {
  search: string;
  categoryId: string;
  status: ProductStatus | '';
}

/** Every product of the catalog, any status, by name: searched, filtered, a page at a time. */
export function ProductList(props: {
  basics: CatalogBasics;
  /** Bumped when a product was saved elsewhere: the list reads its first page again. */
  version: number;
  onOpen: (productId: string) => void;
  onNew: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { money } = useMoney(props.basics.currency);
  const [typed, setTyped] = useState('');
  const [filters, setFilters] = useState<Filters>({ search: '', categoryId: '', status: '' });
  useEffect(() => {
    const timer = setTimeout(
      () => setFilters((current) => (current.search === typed ? current : { ...current, search: typed })),
      TYPING_PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [typed]);

  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      session.api.catalog.admin.products.list.query({
        limit: PAGE,
        cursor,
        // Text without a letter or a digit finds nothing: the list stays unfiltered meanwhile.
        search: adminSearchQuery.safeParse(filters.search).success ? filters.search : undefined,
        categoryId: filters.categoryId || undefined,
        status: filters.status || undefined,
      }),
    // `version` asks for the first page again.
    [session, filters, props.version],
  );
  const pages = usePages(fetchPage);
  const { items: rows, problem } = pages;

  return (
    <div className="catalog">
      <div className="office-toolbar">
        <input
          type="search"
          name="product-search"
          aria-label={t('catalog.search')}
          placeholder={t('catalog.search')}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          maxLength={120}
        />
        <select
          name="category-filter"
          aria-label={t('catalog.category')}
          value={filters.categoryId}
          onChange={(event) => setFilters({ ...filters, categoryId: event.target.value })}
        >
          <option value="">{t('catalog.allCategories')}</option>
          {props.basics.categories.map((category) => (
            <option key={category.id} value={category.id}>
              {categoryLabel(category)}
            </option>
          ))}
        </select>
        <select
          name="status-filter"
          aria-label={t('catalog.status')}
          value={filters.status}
          onChange={(event) => setFilters({ ...filters, status: event.target.value as ProductStatus | '' })}
        >
          <option value="">{t('catalog.allStatuses')}</option>
          {productStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`catalog.statuses.${status}`)}
            </option>
          ))}
        </select>
        <button type="button" className="primary" onClick={props.onNew}>
          {t('catalog.newProduct')}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {t('office.loadFailed', { reason: problem })}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted empty-list">{t('catalog.noProducts')}</p>}
      {rows && rows.length > 0 && (
        <table className="data-table" data-testid="product-list">
          <thead>
            <tr>
              <th>{t('catalog.name')}</th>
              <th>{t('catalog.category')}</th>
              <th>{t('catalog.status')}</th>
              <th className="number">{t('catalog.variants')}</th>
              <th className="number">{t('catalog.price')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <button type="button" className="link" onClick={() => props.onOpen(row.id)}>
                    {row.name}
                  </button>
                  {row.brand && <span className="muted"> · {row.brand}</span>}
                </td>
                <td>{row.category.name}</td>
                <td>
                  <span className={`badge ${row.status}`}>{t(`catalog.statuses.${row.status}`)}</span>
                </td>
                <td className="number">
                  {row.variants.active === row.variants.total
                    ? row.variants.total
                    : t('catalog.activeOf', { active: row.variants.active, total: row.variants.total })}
                </td>
                <td className="number">
                  {row.priceRange === null
                    ? '—'
                    : row.priceRange.min === row.priceRange.max
                      ? money(row.priceRange.min)
                      : `${money(row.priceRange.min)} – ${money(row.priceRange.max)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pages={pages} more={t('catalog.loadMore')} loading={t('catalog.loading')} />
    </div>
  );
}
