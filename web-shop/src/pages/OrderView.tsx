import { isCurrency } from '@allure/shared/currency';
import { formatMoney } from '@allure/shared/money-format';
import type { OrderView as Order } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';
import { variantText } from '../catalog/variant-choice.js';

/** An amount in an order's currency (the API sends it as a code). */
export function useOrderMoney() {
  const { locale } = useShop();
  return (amount: number, currency: string) =>
    isCurrency(currency) ? formatMoney(amount, currency, locale) : `${amount} ${currency}`;
}

export function dateTime(value: string | Date, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** An order's lines and total, as the tracking page and the account's history show it. */
export function OrderLines({ order }: { order: Order }) {
  const { t, locale } = useShop();
  const amount = useOrderMoney();
  const status = t(`order.status.${order.status}`);
  const payment = t(`order.payment.${order.paymentStatus}`);
  return (
    <div className="order-view">
      <p>
        <strong>{order.number}</strong> · {dateTime(order.placedAt, locale)} · {status}
        {/* A paid order's payment is paid: said once. */}
        {payment !== status && ` · ${payment}`}
      </p>
      <ul className="cart-lines">
        {order.lines.map((line) => (
          <li key={line.id} className="cart-line">
            <span className="cart-line-name">
              {line.productName}
              <small>{variantText(line.variant) || line.variantLabel}</small>
            </span>
            <span>× {line.quantity}</span>
            <span className="cart-line-total">{amount(line.total, order.currency)}</span>
          </li>
        ))}
      </ul>
      <p className="cart-subtotal">
        {t('order.total')} <strong>{amount(order.total, order.currency)}</strong>
      </p>
    </div>
  );
}
