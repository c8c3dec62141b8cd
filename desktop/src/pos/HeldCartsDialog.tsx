import { type SubmitEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../app/money.js';
import { type CartAction, type CartState, cartTotals, itemCount } from '../till/cart.js';
import {
  type HeldCart,
  holdCart,
  loadHeldCarts,
  MAX_HELD_CARTS,
  MAX_HELD_LABEL,
  saveHeldCarts,
  takeHeldCart,
} from '../till/held-carts.js';
import { useTill } from './till-context.js';

/**
 * Sales on hold on this till: the current cart put aside under a name (Enter), a held one resumed (keys 1
 * to 9, or its button). Only one sale is in progress at a time: hold or pay the current one first.
 */
export function HeldCartsDialog(props: {
  cart: CartState;
  held: readonly HeldCart[];
  dispatch: (action: CartAction) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { till, profile, cashier } = useTill();
  const { currency, pricesIncludeTax } = profile.profile.store;
  const { locale, money } = useMoney(currency);
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: profile.profile.store.timezone }).format(
      new Date(iso),
    );

  async function hold(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = holdCart(await loadHeldCarts(till.db), {
      id: crypto.randomUUID(),
      label,
      heldAt: new Date(),
      heldById: cashier.id,
      cart: props.cart,
    });
    if (!outcome.ok) {
      return setProblem(
        outcome.reason === 'full'
          ? t('tillTools.held.full', { count: MAX_HELD_CARTS })
          : outcome.reason === 'label_too_long'
            ? t('tillTools.held.labelTooLong', { max: MAX_HELD_LABEL })
            : t('tillTools.held.emptyCart'),
      );
    }
    await saveHeldCarts(till.db, outcome.held);
    props.dispatch({ type: 'clear' });
    props.onClose();
  }

  async function resume(id: string) {
    if (props.cart.items.length > 0) return setProblem(t('tillTools.held.finishFirst'));
    const taken = takeHeldCart(await loadHeldCarts(till.db), id);
    if (!taken.cart) return setProblem(t('tillTools.held.gone'));
    await saveHeldCarts(till.db, taken.held);
    props.dispatch({ type: 'restore', cart: taken.cart });
    props.onClose();
  }

  // Digits resume a held cart, except while typing its name.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || !/^[1-9]$/.test(event.key)) return;
      const entry = props.held[Number(event.key) - 1];
      if (!entry) return;
      event.preventDefault();
      void resume(entry.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="card tool" aria-labelledby="held-title">
      <h2 id="held-title">{t('tillTools.held.title')}</h2>
      {props.cart.items.length > 0 && (
        <form onSubmit={(event) => void hold(event)}>
          <label>
            {t('tillTools.held.label')}
            <input
              name="held-label"
              autoComplete="off"
              maxLength={MAX_HELD_LABEL}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              autoFocus
            />
          </label>
          <button type="submit" className="primary">
            {t('tillTools.held.hold')}
          </button>
        </form>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {props.held.length === 0 ? (
        <p className="muted">{t('tillTools.held.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('tillTools.held.hint')}</p>
          <ol className="held-carts" data-testid="held-carts">
            {props.held.map((entry, index) => (
              <li key={entry.id}>
                <span className="held-key">{index + 1}</span>
                <span className="held-name">
                  <strong>{entry.label || t('tillTools.held.untitled', { time: time(entry.heldAt) })}</strong>
                  <span className="muted">
                    {t('tillTools.held.summary', {
                      items: t('sell.items', { count: itemCount(entry.cart) }),
                      total: money(cartTotals(entry.cart, currency, pricesIncludeTax).total),
                      time: time(entry.heldAt),
                    })}
                  </span>
                </span>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => void resume(entry.id)}
                  autoFocus={index === 0 && props.cart.items.length === 0}
                >
                  {t('tillTools.held.resume')}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="row">
        <button type="button" className="ghost" onClick={props.onClose}>
          {t('tillTools.close')}
        </button>
      </div>
    </section>
  );
}
