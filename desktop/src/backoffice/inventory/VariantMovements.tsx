import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { LoadMore } from '../LoadMore.js';
import { useOffice } from '../office-context.js';
import { usePages } from '../use-pages.js';
import type { InventoryBasics, VariantRef } from './InventoryScreen.js';

const PAGE = 50;

/** A variant's ledger, newest first: every movement, where, why and by whom. */
export function VariantMovements(props: {
  basics: InventoryBasics;
  variant: VariantRef;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { locale } = useMoney(props.basics.currency);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      session.api.inventory.movements.list.query({ variantId: props.variant.variantId, limit: PAGE, cursor }),
    [session, props.variant.variantId],
  );
  const pages = usePages(fetchPage);
  const { items, problem } = pages;

  return (
    <section className="card movements" data-testid="variant-movements">
      <div className="office-toolbar heading">
        <button type="button" className="ghost" onClick={props.onClose}>
          ← {t('inventory.back')}
        </button>
        <h2>
          {t('inventory.movementsOf')} <span className="muted">{props.variant.label}</span>
        </h2>
      </div>
      {problem && <p className="error">{t('office.loadFailed', { reason: problem })}</p>}
      {items && items.length === 0 && <p className="muted">{t('inventory.noMovements')}</p>}
      {items && items.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('inventory.when')}</th>
              <th>{t('inventory.kind')}</th>
              <th>{t('inventory.location')}</th>
              <th className="number">{t('inventory.quantity')}</th>
              <th>{t('inventory.by')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((movement) => (
              <tr key={movement.id} data-kind={movement.kind}>
                <td>{when.format(new Date(movement.createdAt))}</td>
                <td>
                  {t(`inventory.movementKinds.${movement.kind}`)}
                  {movement.reason && (
                    <span className="muted"> · {t(`inventory.reasons.${movement.reason}`)}</span>
                  )}
                </td>
                <td>{movement.location.name}</td>
                <td className={`number ${movement.quantity < 0 ? 'negative' : 'positive'}`}>
                  {movement.quantity > 0 ? `+${movement.quantity}` : movement.quantity}
                </td>
                <td>{movement.user?.name ?? (movement.terminalId ? t('inventory.till') : '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pages={pages} more={t('inventory.loadMore')} loading={t('inventory.loading')} />
    </section>
  );
}
