import { parseMoney } from '@allure/shared/money-format';
import { type SubmitEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { useMoney } from '../app/money.js';
import { openShift, openShiftQuery } from '../data/sales.js';
import { SellScreen } from './SellScreen.js';
import { useTill } from './till-context.js';

/** Selling happens inside an open shift: the drawer's float is counted first. */
export function ShiftGate() {
  const { till } = useTill();
  const query = useMemo(() => openShiftQuery(till.db, till.enrollment.terminalId), [till]);
  const { results, loading } = useLiveRxQuery({ collection: till.db.shifts, query: query.mangoQuery });
  if (loading) return null;
  const shift = results[0];
  return shift ? <SellScreen shiftId={shift.id} /> : <OpenShiftScreen />;
}

function OpenShiftScreen() {
  const { t } = useTranslation();
  const { till, profile, cashier } = useTill();
  const currency = profile.profile.store.currency;
  const { locale, money } = useMoney(currency);
  const [floatText, setFloatText] = useState('');
  const [problem, setProblem] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseMoney(floatText || '0', currency, locale);
    if (!parsed.ok) return setProblem(true);
    await openShift(till.db, {
      id: crypto.randomUUID(),
      storeId: till.enrollment.storeId,
      terminalId: till.enrollment.terminalId,
      openedById: cashier.id,
      openingFloat: parsed.money.amount,
    });
  }

  const preview = parseMoney(floatText || '0', currency, locale);
  return (
    <main className="centered">
      <form className="card narrow" onSubmit={submit} aria-labelledby="shift-title">
        <h1 id="shift-title">{t('shift.openTitle')}</h1>
        <label>
          {t('shift.openingFloat')}
          <input
            name="opening-float"
            inputMode="decimal"
            value={floatText}
            onChange={(event) => {
              setFloatText(event.target.value);
              setProblem(false);
            }}
            autoFocus
          />
        </label>
        <p className="muted">{preview.ok ? money(preview.money.amount) : ' '}</p>
        {problem && (
          <p className="error" role="alert">
            {t('shift.invalidAmount')}
          </p>
        )}
        <button type="submit" className="primary">
          {t('shift.open')}
        </button>
      </form>
    </main>
  );
}
