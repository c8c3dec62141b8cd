import type { Approval, RequiredApproval } from '@allure/shared/approval';
import type { Discount } from '@allure/shared/discount';
import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../app/money.js';
import { approvalsToGive } from '../till/approvals.js';
import { type CartAction, type CartState, cartReducer } from '../till/cart.js';
import { discountText, parseDiscountInput } from '../till/discount-input.js';
import { ApprovalForm } from './ApprovalForm.js';
import { useTill } from './till-context.js';
import { usePercent } from './use-percent.js';

export type DiscountTarget = { kind: 'line'; lineId: string } | { kind: 'cart' };

/**
 * A discount on the selected line or on the cart, as "10 %" or an amount. Within the cashier's limit it
 * applies at once; beyond it a manager approves here, before it reaches the cart.
 */
export function DiscountDialog(props: {
  target: DiscountTarget;
  cart: CartState;
  dispatch: (action: CartAction) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { profile, cashier } = useTill();
  const { currency } = profile.profile.store;
  const { locale } = useMoney(currency);
  const percent = usePercent();
  const lineId = props.target.kind === 'line' ? props.target.lineId : null;
  const line = props.cart.items.find((item) => item.lineId === lineId);
  const current = lineId === null ? props.cart.cartDiscount : line?.lineDiscount;
  const [text, setText] = useState(() => discountText(current, currency, locale));
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState<{
    discount: Discount | undefined;
    required: RequiredApproval[];
  } | null>(null);

  const change = (discount: Discount | undefined): CartAction =>
    props.target.kind === 'line'
      ? { type: 'setLineDiscount', lineId: props.target.lineId, discount }
      : { type: 'setCartDiscount', discount };

  function apply(discount: Discount | undefined, approvals: Approval[]) {
    props.dispatch(change(discount));
    if (approvals.length > 0) props.dispatch({ type: 'approve', approvals });
    props.onClose();
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseDiscountInput(text, currency, locale);
    if (!parsed.ok) return setProblem(t(`tillTools.discount.problems.${parsed.reason}`));
    const required = approvalsToGive(
      cartReducer(props.cart, change(parsed.discount)),
      cashier,
      profile.staff,
    );
    if (required.length === 0) return apply(parsed.discount, []);
    setAsking({ discount: parsed.discount, required });
  }

  return (
    <section className="card tool" aria-labelledby="discount-title">
      <h2 id="discount-title">
        {line
          ? t('tillTools.discount.lineTitle', { name: `${line.productName} ${line.variantLabel}` })
          : t('tillTools.discount.cartTitle')}
      </h2>
      {asking ? (
        <ApprovalForm
          required={asking.required}
          onApproved={(approvals) => apply(asking.discount, approvals)}
          onCancel={() => setAsking(null)}
        />
      ) : (
        <form onSubmit={submit}>
          <label>
            {t('tillTools.discount.amount')}
            <input
              name="discount"
              autoComplete="off"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setProblem(null);
              }}
              autoFocus
            />
          </label>
          <p className="muted">
            {t('tillTools.discount.hint')}{' '}
            {cashier.role === 'cashier' &&
              t('tillTools.discount.limit', { limit: percent(cashier.discountLimitBps) })}
          </p>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <div className="row">
            <button type="button" className="ghost" onClick={props.onClose}>
              {t('tillTools.close')}
            </button>
            <button type="submit" className="primary">
              {t('tillTools.discount.apply')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
