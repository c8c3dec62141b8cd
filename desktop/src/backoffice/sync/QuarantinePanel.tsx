import { useTranslation } from 'react-i18next';
import { useOffice } from '../office-context.js';
import { useDateTime } from '../team/date-time.js';
import { documentNumber, quarantineKind } from './quarantine-reason.js';
import { ResolveButton } from './ResolveButton.js';
import type { SyncIssues } from './SyncScreen.js';

const collections = new Set(['orders', 'shifts', 'refunds']);

/** Documents the server set aside: what, from which till, why and what to do, when. */
export function QuarantinePanel(props: { items: SyncIssues['quarantine']; onResolved: () => void }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { dateTime } = useDateTime();
  return (
    <section className="card issue-panel" aria-labelledby="quarantine-title" data-testid="quarantine">
      <h2 id="quarantine-title">
        {t('syncIssues.quarantine.title')} <span className="count">{props.items.length}</span>
      </h2>
      <p className="muted">{t('syncIssues.quarantine.intro')}</p>
      {props.items.length === 0 && <p className="all-clear">{t('syncIssues.allClear')}</p>}
      <ul className="issues">
        {props.items.map((item) => {
          const what = collections.has(item.collection)
            ? t(`syncIssues.collections.${item.collection as 'orders'}`)
            : item.collection;
          const number = documentNumber(item.payload);
          return (
            <li key={item.id} data-quarantined={item.id}>
              <div className="issue-what">
                <strong>
                  {what}
                  {number && <span className="mono"> {number}</span>}
                </strong>
                <span className="muted">
                  {t('syncIssues.till')} {item.terminal.code} · {dateTime(item.createdAt)}
                </span>
              </div>
              <p className="issue-why">{t(`syncIssues.reasons.${quarantineKind(item.reason)}`)}</p>
              <details>
                <summary>{t('syncIssues.quarantine.details')}</summary>
                <code>{item.reason}</code>
              </details>
              <ResolveButton
                resolve={() => session.api.sync.quarantine.resolve.mutate({ id: item.id })}
                onResolved={props.onResolved}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
