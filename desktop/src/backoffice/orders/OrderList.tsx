import type { Currency } from '@allure/shared/currency';
import { channels, orderStatuses, paymentStatuses } from '@allure/shared/enums';
import type { OrderFilterInput } from '@allure/shared/order-admin.schema';
import { type SubmitEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { LoadMore } from '../LoadMore.js';
import { useOffice } from '../office-context.js';
import { usePages } from '../use-pages.js';
import { OrderStatusBadges, useZonedTime } from './OrderParts.js';
import { ExportRefused, exportOrders } from './order-export.js';
import { noOrderFilter, type OrderFilterForm, orderFilterOf } from './order-filters.js';
import type { OrderCount, OrderSummary } from './order-types.js';

const PAGE_SIZE = 50;

/** Both channels' orders, newest first, filtered, a page at a time, with their total and a CSV export. */
export function OrderList(props: { timeZone: string; onOpen: (orderId: string) => void }) {
  const { t } = useTranslation();
  const { session, storeId } = useOffice();
  const [form, setForm] = useState<OrderFilterForm>(noOrderFilter);
  // The form as last applied (always one the server accepts); the store picked above is part of the filter.
  const [applied, setApplied] = useState<OrderFilterForm>(noOrderFilter);
  const [invalid, setInvalid] = useState<string | null>(null);
  const filter = useMemo((): OrderFilterInput => {
    const result = orderFilterOf(applied, props.timeZone, storeId);
    return result.ok ? result.filter : {};
  }, [applied, props.timeZone, storeId]);
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      session.api.orders.admin.list.query({ ...filter, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [session, filter],
  );
  const pages = usePages(fetchPage);
  const { items, problem } = pages;
  const [count, setCount] = useState<OrderCount | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportProblem, setExportProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setCount(null);
    session.api.orders.admin.count.query(filter).then(
      (counted) => current && setCount(counted),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [session, filter]);

  const applyForm = (next: OrderFilterForm) => {
    const result = orderFilterOf(next, props.timeZone, storeId);
    setInvalid(result.ok ? null : result.field);
    if (result.ok) setApplied(next);
  };

  const download = async () => {
    setExporting(true);
    setExportProblem(null);
    try {
      await exportOrders(session, filter);
    } catch (error) {
      setExportProblem(
        error instanceof ExportRefused && error.status === 503
          ? t('orders.exportBusy')
          : t('orders.exportFailed', { reason: (error as Error).message }),
      );
    } finally {
      setExporting(false);
    }
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    applyForm(form);
  };
  const field = (name: keyof OrderFilterForm) => ({
    name: `filter-${name}`,
    value: form[name],
    'aria-invalid': invalid === name ? true : undefined,
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });

  return (
    <div className="orders" data-testid="order-list">
      <form className="card order-filters" onSubmit={submit}>
        <label>
          {t('orders.filters.number')}
          <input
            type="search"
            placeholder={t('orders.filters.numberPlaceholder')}
            maxLength={32}
            {...field('number')}
          />
          {invalid === 'number' && (
            <span className="error field-problem">{t('orders.filters.badNumber')}</span>
          )}
        </label>
        <label>
          {t('orders.filters.channel')}
          <select {...field('channel')}>
            <option value="">{t('orders.filters.any')}</option>
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {t(`orders.channels.${channel}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('orders.filters.status')}
          <select {...field('status')}>
            <option value="">{t('orders.filters.any')}</option>
            {orderStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`orders.statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('orders.filters.paymentStatus')}
          <select {...field('paymentStatus')}>
            <option value="">{t('orders.filters.any')}</option>
            {paymentStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`orders.paymentStatuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('orders.filters.from')}
          <input type="date" {...field('from')} />
          {invalid === 'from' && <span className="error field-problem">{t('orders.filters.badFrom')}</span>}
        </label>
        <label>
          {t('orders.filters.to')}
          <input type="date" {...field('to')} />
          {invalid === 'to' && <span className="error field-problem">{t('orders.filters.badTo')}</span>}
        </label>
        <div className="order-filter-actions">
          <button type="submit" className="primary">
            {t('orders.filters.apply')}
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() => {
              setForm(noOrderFilter);
              applyForm(noOrderFilter);
            }}
          >
            {t('orders.filters.reset')}
          </button>
        </div>
      </form>

      <div className="office-toolbar">
        <strong data-testid="order-count">
          {count === null
            ? '…'
            : count.exact
              ? t('orders.count', { count: count.value })
              : t('orders.countAbout', { count: count.value })}
        </strong>
        <button type="button" className="primary" onClick={() => void download()} disabled={exporting}>
          {exporting ? t('orders.exporting') : t('orders.export')}
        </button>
      </div>
      {exportProblem && (
        <p className="error" role="alert">
          {exportProblem}
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {t('orders.loadFailed', { reason: problem })}
        </p>
      )}
      {items !== null && items.length === 0 && <p className="muted empty-list">{t('orders.none')}</p>}
      {items !== null && items.length > 0 && (
        <OrderTable items={items} timeZone={props.timeZone} onOpen={props.onOpen} />
      )}
      <LoadMore pages={pages} more={t('orders.loadMore')} loading={t('orders.loading')} />
    </div>
  );
}

function OrderTable(props: { items: OrderSummary[]; timeZone: string; onOpen: (orderId: string) => void }) {
  const { t } = useTranslation();
  const time = useZonedTime(props.timeZone);
  return (
    <table className="data-table order-table">
      <thead>
        <tr>
          <th>{t('orders.columns.number')}</th>
          <th>{t('orders.columns.placedAt')}</th>
          <th>{t('orders.columns.channel')}</th>
          <th>{t('orders.columns.customer')}</th>
          <th>{t('orders.columns.seller')}</th>
          <th>{t('orders.columns.status')}</th>
          <th className="number">{t('orders.columns.total')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((order) => (
          <OrderRow key={order.id} order={order} placedAt={time(order.placedAt)} onOpen={props.onOpen} />
        ))}
      </tbody>
    </table>
  );
}

function OrderRow(props: { order: OrderSummary; placedAt: string; onOpen: (orderId: string) => void }) {
  const { t } = useTranslation();
  const { order } = props;
  const { money } = useMoney(order.currency as Currency);
  const seller = [order.cashier?.name, order.terminal?.code].filter(Boolean).join(' · ');
  return (
    <tr data-order={order.number}>
      <td>
        <button type="button" className="link mono" onClick={() => props.onOpen(order.id)}>
          {order.number}
        </button>
      </td>
      <td>{props.placedAt}</td>
      <td>
        <span className={`badge channel-${order.channel}`}>{t(`orders.channels.${order.channel}`)}</span>
      </td>
      <td>{order.customer?.name ?? <span className="muted">{t('orders.walkIn')}</span>}</td>
      <td>{seller || <span className="muted">—</span>}</td>
      <td>
        <OrderStatusBadges status={order.status} paymentStatus={order.paymentStatus} />
      </td>
      <td className="number">{money(order.total)}</td>
    </tr>
  );
}
