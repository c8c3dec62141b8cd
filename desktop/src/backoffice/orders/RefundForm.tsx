import type { Currency } from '@allure/shared/currency';
import { type PaymentMethod, paymentMethods } from '@allure/shared/enums';
import type { RefundQuantity } from '@allure/shared/refund';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { useSubmit } from '../../app/use-submit.js';
import { httpStatusOf } from '../../till/server-api.js';
import { useOffice } from '../office-context.js';
import type { OrderDetail } from './order-types.js';
import { previewRefund, unitsLeft } from './refund-preview.js';

type Mode = 'full' | 'lines';

/**
 * A refund of the whole order or of some units, its amount previewed as the server will compute it.
 * The refund's id is made once for the form: a double click or a retry after a lost answer sends the same
 * refund again, which the server answers without refunding twice.
 */
export function RefundForm(props: {
  order: OrderDetail;
  onCancel: () => void;
  onDone: (amount: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { order } = props;
  const { money } = useMoney(order.currency as Currency);
  const [refundId] = useState(() => crypto.randomUUID());
  const [mode, setMode] = useState<Mode>('lines');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [method, setMethod] = useState<PaymentMethod>(order.payments[0]?.method ?? 'cash');
  const [reference, setReference] = useState('');
  const [restock, setRestock] = useState(true);
  const [reason, setReason] = useState('');
  const { working, problem, setProblem, submitWith } = useSubmit((error) => {
    const status = httpStatusOf(error);
    if (status === undefined || status >= 500) return t('orders.refund.unreachable');
    return t('orders.refund.refused', { reason: (error as Error).message });
  });

  const left = new Map(unitsLeft(order).map((line) => [line.orderLineId, line.quantity]));
  const request: RefundQuantity[] =
    mode === 'full'
      ? unitsLeft(order)
      : Object.entries(quantities)
          .filter(([, quantity]) => quantity > 0)
          .map(([orderLineId, quantity]) => ({ orderLineId, quantity }));
  const preview = previewRefund(order, request);
  const previewProblem = preview.ok
    ? ''
    : preview.reason === 'exceeds_remaining'
      ? t('orders.refund.exceeds', { remaining: preview.remaining })
      : t('orders.refund.empty');
  const needsReference = method === 'mobile_money' && reference.trim() === '';

  const submit = submitWith(async () => {
    if (!preview.ok) return;
    if (needsReference) return setProblem(t('orders.refund.needsReference'));
    const outcome = await session.api.orders.admin.refund.mutate({
      id: refundId,
      orderId: order.id,
      ...(mode === 'lines' ? { lines: request } : {}),
      restock,
      method,
      ...(reference.trim() === '' ? {} : { reference: reference.trim() }),
      ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
    });
    await props.onDone(outcome.refund.amount);
  });

  return (
    <form className="refund-form" onSubmit={submit} data-testid="refund-form">
      <h3>{t('orders.refund.title', { number: order.number })}</h3>
      <div className="row segmented" role="radiogroup">
        {(['lines', 'full'] as const).map((choice) => (
          <label key={choice} className={`check ${mode === choice ? 'chosen' : ''}`}>
            <input
              type="radio"
              name="refund-mode"
              value={choice}
              checked={mode === choice}
              onChange={() => setMode(choice)}
            />
            {choice === 'full' ? t('orders.refund.full') : t('orders.refund.byLines')}
          </label>
        ))}
      </div>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('orders.detail.product')}</th>
            <th className="number">{t('orders.detail.lineTotal')}</th>
            <th className="number">{t('orders.detail.quantity')}</th>
            <th className="number">{t('orders.refund.preview')}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => {
            const remaining = left.get(line.id) ?? 0;
            const refunded = preview.ok
              ? preview.lines.find((entry) => entry.orderLineId === line.id)
              : undefined;
            return (
              <tr key={line.id} data-line={line.sku} className={remaining === 0 ? 'inactive' : undefined}>
                <td>
                  {line.productName}
                  {line.variantLabel && <span className="muted"> · {line.variantLabel}</span>}
                  <div className="muted">{t('orders.refund.left', { count: remaining })}</div>
                </td>
                <td className="number">{money(line.total)}</td>
                <td className="number">
                  {mode === 'full' ? (
                    remaining
                  ) : (
                    <input
                      type="number"
                      className="number quantity"
                      name={`refund-quantity-${line.sku}`}
                      aria-label={t('orders.refund.quantityOf', { name: line.productName })}
                      min={0}
                      max={remaining}
                      step={1}
                      disabled={remaining === 0}
                      value={quantities[line.id] ?? 0}
                      onChange={(event) =>
                        setQuantities({
                          ...quantities,
                          [line.id]: Math.max(0, Math.trunc(Number(event.target.value) || 0)),
                        })
                      }
                    />
                  )}
                </td>
                <td className="number">{refunded ? money(refunded.total) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="field-pair">
        <label>
          {t('orders.refund.method')}
          <select
            name="refund-method"
            value={method}
            onChange={(event) => setMethod(event.target.value as PaymentMethod)}
          >
            {paymentMethods.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`orders.methods.${candidate}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('orders.refund.reference')}
          <input
            name="refund-reference"
            value={reference}
            maxLength={64}
            required={method === 'mobile_money'}
            onChange={(event) => setReference(event.target.value)}
          />
          {method === 'mobile_money' && (
            <span className="muted field-problem">{t('orders.refund.referenceHint')}</span>
          )}
        </label>
      </div>
      <label>
        {t('orders.refund.reason')}
        <textarea
          name="refund-reason"
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="refund-restock"
          checked={restock}
          onChange={(event) => setRestock(event.target.checked)}
        />
        {t('orders.refund.restock')}
      </label>
      <div className="form-footer">
        <div className="refund-preview" data-testid="refund-preview">
          {preview.ok ? (
            <>
              <span className="muted">{t('orders.refund.preview')}</span>
              <strong>{money(preview.total)}</strong>
              <span className="muted">{t('orders.refund.previewTax', { tax: money(preview.tax) })}</span>
            </>
          ) : (
            <span className="muted">{previewProblem}</span>
          )}
        </div>
        <div className="row">
          <button type="button" className="ghost" onClick={props.onCancel} disabled={working}>
            {t('orders.refund.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={working || !preview.ok}
            data-testid="refund-submit"
          >
            {working
              ? t('orders.refund.submitting')
              : t('orders.refund.submit', { amount: preview.ok ? money(preview.total) : '—' })}
          </button>
        </div>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
