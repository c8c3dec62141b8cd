import { useEffect, useState } from 'react';
import type { OrderProgress } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';
import { dateTime, useOrderMoney } from './OrderView.js';

/**
 * Where an order stands after checkout, live: the server pushes each change (payment approved on the
 * phone, 3-D Secure passed, declined), so the shopper never reloads. The stream reconnects by itself.
 */
export function OrderPage({ token }: { token: string }) {
  const { t, locale, api } = useShop();
  const amount = useOrderMoney();
  const [order, setOrder] = useState<OrderProgress | null>(null);
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    if (!api) return;
    setOrder(null);
    setInvalid(false);
    const subscription = api.checkout.watch.subscribe(
      { trackingToken: token },
      {
        onData: (progress) => setOrder(progress),
        onError: () => setInvalid(true),
      },
    );
    return () => subscription.unsubscribe();
  }, [api, token]);

  if (invalid) return <p className="problem narrow">{t('order.invalid')}</p>;
  if (!order) return <p className="narrow">{t('order.loading')}</p>;
  return (
    <section className="narrow order">
      <h1>{t('order.title', { number: order.number })}</h1>
      <dl className="order-facts">
        <dt>{t('order.status')}</dt>
        <dd data-status={order.status}>{t(`order.status.${order.status}`)}</dd>
        <dt>{t('order.payment')}</dt>
        <dd data-payment={order.paymentStatus}>{t(`order.payment.${order.paymentStatus}`)}</dd>
        <dt>{t('order.total')}</dt>
        <dd>{amount(order.total, order.currency)}</dd>
      </dl>
      <p className="hint">{t('order.live')}</p>
      <h2>{t('order.history')}</h2>
      <ol className="history">
        {order.history.map((entry) => (
          <li key={`${entry.status}-${String(entry.at)}`}>
            {dateTime(entry.at, locale)} — {t(`order.status.${entry.status}`)}
          </li>
        ))}
      </ol>
    </section>
  );
}
