import { useTranslation } from 'react-i18next';
import { useOffice } from '../office-context.js';
import { useReloadable } from '../team/use-reloadable.js';
import { DiscrepanciesPanel } from './DiscrepanciesPanel.js';
import { OversellPanel } from './OversellPanel.js';
import { QuarantinePanel } from './QuarantinePanel.js';
import { useSyncProblem } from './use-sync-problem.js';

const LIMIT = 100;

/** Everything a manager must look at after the tills synced, in one round of parallel requests. */
async function loadIssues(api: ReturnType<typeof useOffice>['session']['api']) {
  const [quarantine, discrepancies, oversell, stores] = await Promise.all([
    api.sync.quarantine.list.query({ limit: LIMIT }),
    api.sync.discrepancies.list.query({ limit: LIMIT }),
    api.inventory.oversellAlerts.list.query({ limit: LIMIT }),
    api.stores.list.query(),
  ]);
  return {
    quarantine: quarantine.items,
    discrepancies: discrepancies.items,
    oversell: oversell.items,
    stores,
  };
}
export type SyncIssues = Awaited<ReturnType<typeof loadIssues>>;

/** Quarantined documents, sales to check and stock sold beyond what was there, each with its way out. */
export function SyncScreen() {
  const { t } = useTranslation();
  const { session, storeId } = useOffice();
  const explain = useSyncProblem();
  const { data, failure, reload } = useReloadable(() => loadIssues(session.api), [session]);
  const inView = (rowStore: string) => storeId === null || rowStore === storeId;

  return (
    <div className="sync-issues">
      <div className="panel-head">
        <p className="muted">{t('syncIssues.intro')}</p>
        <button type="button" onClick={reload}>
          {t('syncIssues.refresh')}
        </button>
      </div>
      {failure !== null && <p className="error">{explain(failure)}</p>}
      {data && (
        <>
          <QuarantinePanel
            items={data.quarantine.filter((item) => inView(item.terminal.storeId))}
            onResolved={reload}
          />
          <DiscrepanciesPanel
            items={data.discrepancies.filter((item) => inView(item.order.storeId))}
            stores={data.stores}
            onResolved={reload}
          />
          <OversellPanel items={data.oversell} onResolved={reload} />
        </>
      )}
    </div>
  );
}
