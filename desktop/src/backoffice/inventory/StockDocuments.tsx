import { type StockDocumentKind, stockDocumentKinds } from '@allure/shared/inventory.schema';
import { Fragment, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { LoadMore } from '../LoadMore.js';
import type { ManagerSession } from '../manager-session.js';
import { useOffice } from '../office-context.js';
import { usePages } from '../use-pages.js';
import type { InventoryBasics } from './InventoryScreen.js';
import { variantLabel } from './StockLevels.js';

type Api = ManagerSession['api'];
type DocumentView = Awaited<ReturnType<Api['inventory']['documents']['get']['query']>>;

const PAGE = 30;

/** The stock documents recorded, newest first; one opens on its lines. */
export function StockDocuments(props: { basics: InventoryBasics; version: number }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { money, locale } = useMoney(props.basics.currency);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const [kind, setKind] = useState<StockDocumentKind | ''>('');
  const [locationId, setLocationId] = useState('');
  const [open, setOpen] = useState<DocumentView | null>(null);

  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      session.api.inventory.documents.list.query({
        limit: PAGE,
        cursor,
        kind: kind || undefined,
        locationId: locationId || undefined,
      }),
    [session, kind, locationId, props.version],
  );
  const pages = usePages(fetchPage);
  const { items, problem } = pages;

  const toggle = async (id: string) => {
    if (open?.id === id) return setOpen(null);
    setOpen(await session.api.inventory.documents.get.query({ id }));
  };

  return (
    <div className="stock-documents">
      <div className="office-toolbar">
        <select
          name="document-kind"
          aria-label={t('inventory.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as StockDocumentKind | '')}
        >
          <option value="">{t('inventory.allKinds')}</option>
          {stockDocumentKinds.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`inventory.kinds.${candidate}`)}
            </option>
          ))}
        </select>
        <select
          name="document-location"
          aria-label={t('inventory.location')}
          value={locationId}
          onChange={(e) => setLocationId(e.target.value)}
        >
          <option value="">{t('inventory.allLocations')}</option>
          {props.basics.locations.map((location) => (
            <option key={location.id} value={location.id}>
              {location.name}
            </option>
          ))}
        </select>
      </div>
      {problem && <p className="error">{t('office.loadFailed', { reason: problem })}</p>}
      {items && items.length === 0 && <p className="muted empty-list">{t('inventory.noDocuments')}</p>}
      {items && items.length > 0 && (
        <table className="data-table" data-testid="stock-documents">
          <thead>
            <tr>
              <th>{t('inventory.when')}</th>
              <th>{t('inventory.kind')}</th>
              <th>{t('inventory.location')}</th>
              <th>{t('inventory.details')}</th>
              <th className="number">{t('inventory.lines')}</th>
              <th>{t('inventory.by')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((document) => (
              <Fragment key={document.id}>
                <tr data-kind={document.kind} className={open?.id === document.id ? 'selected' : undefined}>
                  <td>
                    <button type="button" className="link" onClick={() => void toggle(document.id)}>
                      {when.format(new Date(document.createdAt))}
                    </button>
                  </td>
                  <td>
                    <span className={`badge ${document.kind}`}>{t(`inventory.kinds.${document.kind}`)}</span>
                  </td>
                  <td>
                    {document.location.name}
                    {document.toLocation && ` → ${document.toLocation.name}`}
                  </td>
                  <td className="muted">
                    {[
                      document.reason ? t(`inventory.reasons.${document.reason}`) : null,
                      document.supplierReference,
                      document.note,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td className="number">{document.lineCount}</td>
                  <td>{document.createdBy?.name ?? '—'}</td>
                </tr>
                {open?.id === document.id && (
                  <tr className="document-lines">
                    <td colSpan={6}>
                      <ul className="ranking">
                        {open.lines.map((line) => (
                          <li key={line.variantId}>
                            <span>
                              <span className="mono">{line.sku}</span>{' '}
                              {variantLabel(line.productName, line.size, line.colour)}
                            </span>
                            <span className="muted">
                              {line.unitCost !== null && line.currency === props.basics.currency
                                ? t('inventory.atCost', { cost: money(line.unitCost) })
                                : ''}
                            </span>
                            <strong>
                              {line.quantity > 0 && document.kind === 'adjustment'
                                ? `+${line.quantity}`
                                : line.quantity}
                            </strong>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pages={pages} more={t('inventory.loadMore')} loading={t('inventory.loading')} />
    </div>
  );
}
