import type { Currency } from '@allure/shared/currency';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { useOffice } from '../office-context.js';
import { OrderStatusBadges, useZonedTime } from './OrderParts.js';
import type { OrderDetail } from './order-types.js';
import { RefundForm } from './RefundForm.js';
import { canRefund, unitsLeft } from './refund-preview.js';

/** One order in full: what was sold, how it was paid, what was given back, and who did what when. */
export function OrderDetailView(props: { orderId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setOrder(await session.api.orders.admin.get.query({ id: props.orderId }));
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [session, props.orderId]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="order-detail" data-testid="order-detail">
      <button type="button" className="link" onClick={props.onBack}>
        {t('orders.detail.back')}
      </button>
      {problem && (
        <p className="error" role="alert">
          {t('orders.loadFailed', { reason: problem })}
        </p>
      )}
      {order ? (
        <OrderView order={order} onRefunded={load} />
      ) : (
        !problem && <p className="muted">{t('orders.loading')}</p>
      )}
    </div>
  );
}

function OrderView(props: { order: OrderDetail; onRefunded: () => Promise<void> }) {
  const { t } = useTranslation();
  const { order } = props;
  const { money } = useMoney(order.currency as Currency);
  const time = useZonedTime(order.store.timezone);
  const [refunding, setRefunding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refunded = order.refunds.reduce((sum, refund) => sum + refund.amount, 0);
  const nothingLeft = unitsLeft(order).length === 0;
  const names = new Map(
    order.lines.map((line) => [line.id, [line.productName, line.variantLabel].filter(Boolean).join(' · ')]),
  );

  return (
    <>
      <header className="order-head">
        <div>
          <h2 className="mono">{order.number}</h2>
          <p className="muted">
            {t('orders.detail.placedAt', { date: time(order.placedAt) })} ·{' '}
            {t(`orders.channels.${order.channel}`)} · {order.store.code} {order.store.name}
          </p>
        </div>
        <OrderStatusBadges status={order.status} paymentStatus={order.paymentStatus} />
      </header>
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}

      <div className="order-grid">
        <section className="card order-people">
          <dl>
            <dt>{t('orders.detail.customer')}</dt>
            <dd data-testid="order-customer">
              {order.customer ? (
                <>
                  {order.customer.name}
                  <span className="muted">
                    {[order.customer.email, order.customer.phone].filter(Boolean).join(' · ')}
                  </span>
                </>
              ) : (
                <span className="muted">{t('orders.walkIn')}</span>
              )}
            </dd>
            {order.cashier && (
              <>
                <dt>{t('orders.detail.cashier')}</dt>
                <dd>{order.cashier.name}</dd>
              </>
            )}
            {order.terminal && (
              <>
                <dt>{t('orders.detail.terminal')}</dt>
                <dd>
                  {order.terminal.code} · {order.terminal.name}
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="card order-totals">
          <dl className="totals">
            <dt>{t('orders.detail.subtotal')}</dt>
            <dd>{money(order.subtotal)}</dd>
            {order.discountTotal !== 0 && (
              <>
                <dt>{t('orders.detail.discounts')}</dt>
                <dd>−{money(order.discountTotal)}</dd>
              </>
            )}
            <dt className="grand">{t('orders.detail.total')}</dt>
            <dd className="grand" data-testid="order-total">
              {money(order.total)}
            </dd>
            <dt className="muted">{t('orders.detail.taxes')}</dt>
            <dd className="muted">{money(order.taxTotal)}</dd>
            {refunded > 0 && (
              <>
                <dt>{t('orders.detail.totalRefunded')}</dt>
                <dd className="error" data-testid="order-refunded">
                  −{money(refunded)}
                </dd>
              </>
            )}
          </dl>
          <p className="muted">
            {order.pricesIncludeTax
              ? t('orders.detail.pricesIncludeTax')
              : t('orders.detail.pricesExcludeTax')}
          </p>
        </section>
      </div>

      <section className="card">
        <div className="office-toolbar heading">
          <h2>{t('orders.detail.lines')}</h2>
          {!refunding && canRefund(order) && !nothingLeft && (
            <button type="button" className="primary" onClick={() => setRefunding(true)}>
              {t('orders.detail.refund')}
            </button>
          )}
          {nothingLeft && <span className="muted">{t('orders.detail.nothingToRefund')}</span>}
        </div>
        {refunding ? (
          <RefundForm
            order={order}
            onCancel={() => setRefunding(false)}
            onDone={async (amount) => {
              setRefunding(false);
              setDone(t('orders.refund.done', { amount: money(amount) }));
              await props.onRefunded();
            }}
          />
        ) : (
          <table className="data-table" data-testid="order-lines">
            <thead>
              <tr>
                <th>{t('orders.detail.product')}</th>
                <th className="number">{t('orders.detail.quantity')}</th>
                <th className="number">{t('orders.detail.unitPrice')}</th>
                <th className="number">{t('orders.detail.discount')}</th>
                <th className="number">{t('orders.detail.tax')}</th>
                <th className="number">{t('orders.detail.lineTotal')}</th>
                <th className="number">{t('orders.detail.refunded')}</th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr key={line.id} data-line={line.sku}>
                  <td>
                    {line.productName}
                    {line.variantLabel && <span className="muted"> · {line.variantLabel}</span>}
                    <div className="muted mono">{line.sku}</div>
                  </td>
                  <td className="number">{line.quantity}</td>
                  <td className="number">{money(line.unitPrice)}</td>
                  <td className="number">{line.discount === 0 ? '—' : `−${money(line.discount)}`}</td>
                  <td className="number">
                    {money(line.tax)} <span className="muted">({line.vatRate / 100} %)</span>
                  </td>
                  <td className="number">{money(line.total)}</td>
                  <td className="number" data-refunded={line.refundedQuantity}>
                    {line.refundedQuantity === 0 ? '—' : line.refundedQuantity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="order-grid">
        <section className="card">
          <h2>{t('orders.detail.payments')}</h2>
          {order.payments.length === 0 ? (
            <p className="muted">{t('orders.detail.noPayments')}</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('orders.detail.method')}</th>
                  <th>{t('orders.detail.status')}</th>
                  <th className="number">{t('orders.detail.amount')}</th>
                  <th className="number">{t('orders.detail.tendered')}</th>
                  <th className="number">{t('orders.detail.change')}</th>
                </tr>
              </thead>
              <tbody>
                {order.payments.map((payment) => (
                  <tr key={payment.id}>
                    <td>
                      {t(`orders.methods.${payment.method}`)}
                      {payment.reference && <div className="muted mono">{payment.reference}</div>}
                    </td>
                    <td>{t(`orders.paymentStatuses.${payment.status}`)}</td>
                    <td className="number">{money(payment.amount)}</td>
                    <td className="number">{payment.tendered === null ? '—' : money(payment.tendered)}</td>
                    <td className="number">{payment.change === null ? '—' : money(payment.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" data-testid="order-refunds">
          <h2>{t('orders.detail.refunds')}</h2>
          {order.refunds.length === 0 && <p className="muted">{t('orders.detail.noRefunds')}</p>}
          <ul className="timeline">
            {order.refunds.map((refund) => (
              <li key={refund.id} data-refund={refund.id}>
                <span className="muted">{time(refund.createdAt)}</span>
                <strong>
                  {t('orders.detail.refundBy', {
                    amount: money(refund.amount),
                    name: refund.createdBy?.name ?? '—',
                    method: t(`orders.methods.${refund.method}`),
                  })}
                </strong>
                <span>
                  {refund.lines
                    .map((line) =>
                      t('orders.detail.refundLine', {
                        quantity: line.quantity,
                        name: names.get(line.orderLineId) ?? '',
                      }),
                    )
                    .join(', ')}
                  {refund.restock && <span className="badge">{t('orders.detail.restocked')}</span>}
                </span>
                {refund.reference && <span className="muted mono">{refund.reference}</span>}
                {refund.reason && <em className="muted">{refund.reason}</em>}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section className="card">
        <h2>{t('orders.detail.history')}</h2>
        <ul className="timeline" data-testid="order-history">
          <li>
            <span className="muted">{time(order.createdAt)}</span>
            <strong>{t('orders.detail.created')}</strong>
          </li>
          {order.statusHistory.map((entry) => (
            <li key={entry.id}>
              <span className="muted">{time(entry.createdAt)}</span>
              <strong>
                {t('orders.detail.transition', {
                  from: entry.fromStatus ? t(`orders.statuses.${entry.fromStatus}`) : '—',
                  to: t(`orders.statuses.${entry.toStatus}`),
                })}
              </strong>
              {entry.actor && (
                <span className="muted">{t('orders.detail.by', { name: entry.actor.name })}</span>
              )}
              {entry.note && <em className="muted">{entry.note}</em>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
