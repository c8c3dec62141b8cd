import type { Currency } from '@allure/shared/currency';
import { formatMoney } from '@allure/shared/money-format';
import { useTranslation } from 'react-i18next';
import { intlLocales } from '../../app/i18n.js';
import type { Locale } from '../../platform/platform-api.js';
import { useOffice } from '../office-context.js';
import { useDateTime } from '../team/date-time.js';
import { ResolveButton } from './ResolveButton.js';
import type { SyncIssues } from './SyncScreen.js';

/** Sales recorded with something to check: a price, a total, a missing approval. */
export function DiscrepanciesPanel(props: {
  items: SyncIssues['discrepancies'];
  stores: SyncIssues['stores'];
  onResolved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { session } = useOffice();
  const { dateTime } = useDateTime();
  const locale = intlLocales[i18n.language as Locale] ?? intlLocales.fr;
  // Each order in its own store's currency: an admin may be looking at every store at once.
  const currencies = new Map(props.stores.map((store) => [store.id, store.currency as Currency]));
  return (
    <section className="card issue-panel" aria-labelledby="discrepancies-title" data-testid="discrepancies">
      <h2 id="discrepancies-title">
        {t('syncIssues.discrepancies.title')} <span className="count">{props.items.length}</span>
      </h2>
      <p className="muted">{t('syncIssues.discrepancies.intro')}</p>
      {props.items.length === 0 && <p className="all-clear">{t('syncIssues.allClear')}</p>}
      <ul className="issues">
        {props.items.map((item) => {
          const currency = currencies.get(item.order.storeId);
          const money = (amount: number) =>
            currency ? formatMoney(amount, currency, locale) : String(amount);
          return (
            <li key={item.id}>
              <div className="issue-what">
                <strong>
                  {t('syncIssues.discrepancies.order')} <span className="mono">{item.order.number}</span>
                </strong>
                <span className="muted">{dateTime(item.order.placedAt)}</span>
              </div>
              <p className="issue-why">
                {t(`syncIssues.discrepancyKinds.${item.kind}`)}
                {item.expected !== null && item.actual !== null && (
                  <span className="muted">
                    {' '}
                    {t('syncIssues.discrepancies.expected', { amount: money(item.expected) })},{' '}
                    {t('syncIssues.discrepancies.actual', { amount: money(item.actual) })}
                  </span>
                )}
              </p>
              <ResolveButton
                resolve={() => session.api.sync.discrepancies.resolve.mutate({ id: item.id })}
                onResolved={props.onResolved}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
