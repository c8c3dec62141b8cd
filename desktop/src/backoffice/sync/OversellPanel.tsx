import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../app/use-submit.js';
import { useOffice } from '../office-context.js';
import { useDateTime } from '../team/date-time.js';
import type { SyncIssues } from './SyncScreen.js';
import { useSyncProblem } from './use-sync-problem.js';

type Alert = SyncIssues['oversell'][number];

/** Stock that offline sales took below zero, resolved with a note of what was done. */
export function OversellPanel(props: { items: SyncIssues['oversell']; onResolved: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card issue-panel" aria-labelledby="oversell-title" data-testid="oversell">
      <h2 id="oversell-title">
        {t('syncIssues.oversell.title')} <span className="count">{props.items.length}</span>
      </h2>
      <p className="muted">{t('syncIssues.oversell.intro')}</p>
      {props.items.length === 0 && <p className="all-clear">{t('syncIssues.allClear')}</p>}
      <ul className="issues">
        {props.items.map((alert) => (
          <OversellItem key={alert.id} alert={alert} onResolved={props.onResolved} />
        ))}
      </ul>
    </section>
  );
}

function OversellItem({ alert, onResolved }: { alert: Alert; onResolved: () => void }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { dateTime } = useDateTime();
  const [note, setNote] = useState('');
  const { working, problem, submitWith } = useSubmit(useSyncProblem());
  const submit = submitWith(async () => {
    await session.api.inventory.oversellAlerts.resolve.mutate({ id: alert.id, note });
    onResolved();
  });
  const variant = [alert.variant.size, alert.variant.colour].filter(Boolean).join(' · ');
  return (
    <li>
      <div className="issue-what">
        <strong>
          {alert.variant.product.name} <span className="muted">{variant}</span>{' '}
          <span className="mono muted">{alert.variant.sku}</span>
        </strong>
        <span className="muted">
          {alert.location.name} · {dateTime(alert.createdAt)}
        </span>
      </div>
      <p className="issue-why">
        <strong className="error">{t('syncIssues.oversell.short', { count: alert.quantityShort })}</strong>{' '}
        <span className="muted">{t('syncIssues.oversell.orders', { count: alert.orderIds.length })}</span>
      </p>
      <form className="inline-form" onSubmit={submit}>
        <input
          name="note"
          aria-label={t('syncIssues.oversell.note')}
          placeholder={t('syncIssues.oversell.notePlaceholder')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          required
          maxLength={500}
        />
        <button type="submit" disabled={working}>
          {working ? t('syncIssues.resolving') : t('syncIssues.resolve')}
        </button>
        {problem && <span className="error">{problem}</span>}
      </form>
    </li>
  );
}
