import type { Currency } from '@allure/shared/currency';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagerSession } from '../manager-session.js';
import { useOffice } from '../office-context.js';
import { Tabs } from '../Tabs.js';
import { StockDocumentForm } from './StockDocumentForm.js';
import { StockDocuments } from './StockDocuments.js';
import { StockLevels } from './StockLevels.js';
import { VariantMovements } from './VariantMovements.js';

type Api = ManagerSession['api'];
export type StockPlace = Awaited<ReturnType<Api['inventory']['locations']['list']['query']>>[number];

/** What every inventory view needs: the locations the manager works on, the currency of costs. */
export interface InventoryBasics {
  currency: Currency;
  locations: StockPlace[];
}

/** A variant whose ledger is shown. */
export interface VariantRef {
  variantId: string;
  label: string;
}

const views = ['levels', 'post', 'documents'] as const;
type View = (typeof views)[number];

/** Stock: levels by location, posting adjustments, transfers and receipts, their history, a variant's ledger. */
export function InventoryScreen() {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [basics, setBasics] = useState<InventoryBasics | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [view, setView] = useState<View>('levels');
  const [variant, setVariant] = useState<VariantRef | null>(null);
  /** Bumped when a document is posted: levels and history read again. */
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void Promise.all([
      session.api.catalog.admin.currency.query(),
      session.api.inventory.locations.list.query(),
    ])
      .then(([{ currency }, locations]) => {
        if (current) setBasics({ currency, locations });
      })
      .catch((error: Error) => current && setProblem(error.message));
    return () => {
      current = false;
    };
  }, [session]);

  if (problem) return <p className="error">{t('office.loadFailed', { reason: problem })}</p>;
  if (!basics) return <p className="muted">{t('inventory.loading')}</p>;
  return (
    <div className="inventory">
      <Tabs
        tabs={views}
        selected={view}
        label={(candidate) => t(`inventory.views.${candidate}`)}
        onSelect={(candidate) => {
          setView(candidate);
          setVariant(null);
        }}
      />
      {variant && <VariantMovements basics={basics} variant={variant} onClose={() => setVariant(null)} />}
      <div hidden={variant !== null}>
        {view === 'levels' && <StockLevels basics={basics} version={version} onShowMovements={setVariant} />}
        {view === 'post' && (
          <StockDocumentForm basics={basics} onPosted={() => setVersion((current) => current + 1)} />
        )}
        {view === 'documents' && <StockDocuments basics={basics} version={version} />}
      </div>
    </div>
  );
}
