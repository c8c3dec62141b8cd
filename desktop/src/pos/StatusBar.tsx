import type { StaffMember } from '@allure/shared/approval';
import { useTranslation } from 'react-i18next';
import { useObservable } from '../app/use-observable.js';
import type { Locale } from '../platform/platform-api.js';
import type { TillProfile } from '../till/till-profile.js';
import type { TillRuntime } from '../till/till-runtime.js';

/** Always on screen: which till, who sells, whether the server is reachable and what waits to be sent. */
export function StatusBar(props: {
  till: TillRuntime;
  profile: TillProfile | null;
  cashier: StaffMember | null;
  onLock: () => void;
  /** Someone picked the other language. */
  onLanguage: (language: Locale) => void;
  onEnrollAgain: () => void;
  onBackOffice: () => void;
}) {
  const { t, i18n } = useTranslation();
  const status = useObservable(props.till.replication.syncStatus$, null);
  const tokenProblem = useObservable(props.till.token.problem$, null);
  const online = status?.online ?? false;
  const store = props.profile?.profile.store;

  return (
    <header className="status-bar">
      <div className="brand">
        <strong>{t('app.name')}</strong>
        <span className="muted">
          {store ? `${store.name} · ` : ''}
          {props.till.enrollment.terminalCode}
        </span>
      </div>
      {tokenProblem === 'revoked' && (
        <button type="button" className="danger" onClick={props.onEnrollAgain}>
          {t('status.revoked')}
        </button>
      )}
      <div
        className="sync"
        data-testid="sync-status"
        data-online={online}
        data-pending={status?.pendingOrders ?? 0}
        data-syncing={status?.syncing ?? true}
      >
        <span className={`dot ${online ? 'on' : 'off'}`} aria-hidden />
        <span>{online ? t('status.online') : t('status.offline')}</span>
        <span className="muted">
          {status && status.pendingOrders + status.pendingRefunds > 0
            ? [
                status.pendingOrders > 0 && t('status.pending', { count: status.pendingOrders }),
                status.pendingRefunds > 0 && t('status.pendingRefunds', { count: status.pendingRefunds }),
              ]
                .filter(Boolean)
                .join(' · ')
            : status?.syncing
              ? t('status.syncing')
              : t('status.allSynced')}
        </span>
        {status && status.quarantinedOrders > 0 && (
          <span className="error">{t('status.quarantined', { count: status.quarantinedOrders })}</span>
        )}
        {status && status.quarantinedRefunds > 0 && (
          <span className="error">
            {t('status.quarantinedRefunds', { count: status.quarantinedRefunds })}
          </span>
        )}
      </div>
      <div className="who">
        <button type="button" className="ghost" onClick={props.onBackOffice}>
          {t('office.open')}
        </button>
        <button
          type="button"
          className="ghost"
          onClick={() => props.onLanguage(i18n.language === 'fr' ? 'en' : 'fr')}
          aria-label="Language"
        >
          {i18n.language === 'fr' ? 'EN' : 'FR'}
        </button>
        {props.cashier && (
          <>
            <span data-testid="cashier">{props.cashier.name}</span>
            <button type="button" className="ghost" onClick={props.onLock}>
              {t('sell.lock')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
