import { parseMoney } from '@allure/shared/money-format';
import { remainingDue, type Tender } from '@allure/shared/tender';
import { type KeyboardEvent, type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../app/money.js';
import { useTill } from './till-context.js';

type Method = Tender['method'];
const methods: readonly Method[] = ['cash', 'card', 'mobile_money'];

/**
 * Taking payment: one or several tenders (split), change only from cash. Typing the cash received and
 * Enter completes the sale when it covers the total; Escape goes back to the cart.
 */
export function TenderPanel(props: {
  total: number;
  problem: string | null;
  onComplete: (tenders: Tender[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { profile } = useTill();
  const currency = profile.profile.store.currency;
  const { locale, money } = useMoney(currency);
  const [tenders, setTenders] = useState<Tender[]>([]);
  const [method, setMethod] = useState<Method>('cash');
  const [amountText, setAmountText] = useState('');
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const remaining = remainingDue(props.total, tenders);
  const given = tenders.reduce((sum, tender) => sum + tender.amount, 0);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    take();
  }

  function keyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape') props.onCancel();
    // Enter in a field takes the tender on the keydown itself. Left to the browser, it would lay the page out,
    // then click the submit button and submit the form: a few milliseconds before the sale even starts to
    // be written (pnpm bench pos).
    else if (
      event.key === 'Enter' &&
      event.target instanceof HTMLInputElement &&
      !event.nativeEvent.isComposing
    ) {
      event.preventDefault();
      take();
    }
  }

  function take() {
    const amount =
      amountText.trim() === ''
        ? { ok: true as const, money: { amount: remaining } }
        : parseMoney(amountText, currency, locale);
    if (!amount.ok || amount.money.amount <= 0) {
      if (remaining === 0 && amountText.trim() === '') return props.onComplete(tenders);
      return setProblem(t('tender.invalidAmount'));
    }
    if (method === 'mobile_money' && reference.trim() === '')
      return setProblem(t('tender.referenceRequired'));
    const tender: Tender =
      method === 'cash'
        ? { method, amount: amount.money.amount }
        : method === 'card'
          ? {
              method,
              amount: amount.money.amount,
              ...(reference.trim() ? { reference: reference.trim() } : {}),
            }
          : { method, amount: amount.money.amount, reference: reference.trim() };
    const next = [...tenders, tender];
    // The last tender goes straight to the sale: re-rendering this panel first would put a frame between the
    // cashier's Enter and the receipt.
    if (remainingDue(props.total, next) === 0) {
      if (problem) setProblem(null);
      return props.onComplete(next);
    }
    setTenders(next);
    setAmountText('');
    setReference('');
    setProblem(null);
  }

  return (
    <section className="tender card" aria-labelledby="tender-title">
      <h2 id="tender-title">{t('tender.title')}</h2>
      <dl className="totals">
        <dt>{t('tender.due')}</dt>
        <dd className="grand" data-testid="amount-due">
          {money(props.total)}
        </dd>
        {tenders.length > 0 && (
          <>
            <dt>{t('tender.remaining')}</dt>
            <dd>{money(remaining)}</dd>
          </>
        )}
        {given > props.total && (
          <>
            <dt>{t('tender.change')}</dt>
            <dd>{money(given - props.total)}</dd>
          </>
        )}
      </dl>
      {tenders.length > 0 && (
        <ul className="tenders">
          {tenders.map((tender, index) => (
            <li key={`${tender.method}-${index}`}>
              {t(`tender.${tender.method}`)} <span>{money(tender.amount)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="chips">
        {methods.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={method === option}
            className={method === option ? 'chip active' : 'chip'}
            onClick={() => setMethod(option)}
          >
            {t(`tender.${option}`)}
          </button>
        ))}
      </div>
      <form onSubmit={submit} onKeyDown={keyDown}>
        <label>
          {t('tender.amount')}
          <input
            name="tender-amount"
            inputMode="decimal"
            placeholder={money(remaining)}
            value={amountText}
            onChange={(event) => setAmountText(event.target.value)}
            autoFocus
            autoComplete="off"
          />
        </label>
        {method !== 'cash' && (
          <label>
            {t('tender.reference')}
            <input
              name="tender-reference"
              value={reference}
              onChange={(event) => setReference(event.target.value)}
              maxLength={64}
            />
          </label>
        )}
        {(problem ?? props.problem) && (
          <p className="error" role="alert">
            {problem ?? props.problem}
          </p>
        )}
        <div className="row">
          <button type="button" className="ghost" onClick={props.onCancel}>
            {t('tender.cancel')}
          </button>
          <button type="submit" className="primary big">
            {remaining > 0 ? t('tender.add') : t('tender.complete')}
          </button>
        </div>
      </form>
    </section>
  );
}
