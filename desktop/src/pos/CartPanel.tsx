import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../app/money.js';
import { type CartAction, type CartState, cartTotals, itemCount } from '../till/cart.js';
import { useTill } from './till-context.js';

/** The cart: lines with their quantity, totals, and the way to payment. */
export function CartPanel(props: {
  cart: CartState;
  dispatch: (action: CartAction) => void;
  selectedLineId: string | null;
  onSelect: (lineId: string) => void;
  onPay: () => void;
  /** The selling tools' keys and the sale's customer (use-till-tools.tsx). */
  tools?: ReactNode;
}) {
  const { t } = useTranslation();
  const { profile } = useTill();
  const { currency, pricesIncludeTax } = profile.profile.store;
  const { money } = useMoney(currency);
  const totals = cartTotals(props.cart, currency, pricesIncludeTax);
  const count = itemCount(props.cart);

  return (
    <aside className="cart" aria-label={t('sell.cart')}>
      <h2>
        {t('sell.cart')} <span className="muted">{t('sell.items', { count })}</span>
      </h2>
      {props.cart.items.length === 0 ? (
        <p className="muted empty">{t('sell.emptyCart')}</p>
      ) : (
        <ol className="cart-lines" data-testid="cart-lines">
          {props.cart.items.map((item, index) => (
            <li
              key={item.lineId}
              className={item.lineId === props.selectedLineId ? 'selected' : ''}
              onClick={() => props.onSelect(item.lineId)}
              onKeyDown={(event) => event.key === 'Enter' && props.onSelect(item.lineId)}
            >
              <div className="line-name">
                <strong>{item.productName}</strong>
                <span className="muted">
                  {item.variantLabel} · {item.sku}
                </span>
                {item.lineDiscount && (
                  <span className="line-discount">
                    {t('tillTools.discount.lineAmount', {
                      amount: money(totals.lines[index]?.lineDiscount ?? 0),
                    })}
                  </span>
                )}
              </div>
              <div className="line-quantity">
                <button
                  type="button"
                  aria-label="-"
                  onClick={() =>
                    props.dispatch({ type: 'setQuantity', lineId: item.lineId, quantity: item.quantity - 1 })
                  }
                >
                  −
                </button>
                <input
                  aria-label={t('sell.quantity')}
                  inputMode="numeric"
                  value={item.quantity}
                  onChange={(event) => {
                    const quantity = Number(event.target.value.replace(/\D/g, ''));
                    if (quantity > 0) props.dispatch({ type: 'setQuantity', lineId: item.lineId, quantity });
                  }}
                />
                <button
                  type="button"
                  aria-label="+"
                  onClick={() =>
                    props.dispatch({ type: 'setQuantity', lineId: item.lineId, quantity: item.quantity + 1 })
                  }
                >
                  +
                </button>
              </div>
              <div className="line-total">{money(totals.lines[index]?.total ?? 0)}</div>
              <button
                type="button"
                className="ghost remove"
                aria-label={t('sell.remove')}
                onClick={() => props.dispatch({ type: 'remove', lineId: item.lineId })}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      {props.tools}
      <dl className="totals">
        <dt>{t('sell.subtotal')}</dt>
        <dd>{money(totals.subtotal)}</dd>
        {totals.discountTotal > 0 && (
          <>
            <dt>{t('sell.discount')}</dt>
            <dd>−{money(totals.discountTotal)}</dd>
          </>
        )}
        <dt className="grand">{t('sell.total')}</dt>
        <dd className="grand" data-testid="cart-total">
          {money(totals.total)}
        </dd>
        <dt className="muted">{t('sell.tax')}</dt>
        <dd className="muted">{money(totals.taxTotal)}</dd>
      </dl>
      <div className="row">
        <button
          type="button"
          className="ghost"
          disabled={count === 0}
          onClick={() => props.dispatch({ type: 'clear' })}
        >
          {t('sell.clear')}
        </button>
        <button type="button" className="primary big" disabled={count === 0} onClick={props.onPay}>
          {t('sell.pay')}
        </button>
      </div>
    </aside>
  );
}
