import type { OrderStatus, PaymentStatus } from '@allure/shared/enums';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';

/** Formats an instant as the store's wall clock, in the UI's language. */
export function useZonedTime(timeZone: string) {
  const { locale } = useMoney('XOF');
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return (at: string | Date) => format.format(new Date(at));
}

const settled = new Set<string>(['paid', 'completed', 'fulfilled']);
const undone = new Set<string>(['cancelled', 'voided', 'payment_failed', 'failed', 'refunded']);

function tone(status: string): string {
  if (settled.has(status)) return 'active';
  if (undone.has(status)) return 'low';
  if (status === 'partially_refunded') return 'partial';
  return '';
}

/** The order's status, and its payment's when it says something more. */
export function OrderStatusBadges(props: { status: OrderStatus; paymentStatus: PaymentStatus }) {
  const { t } = useTranslation();
  return (
    <span className="status-badges">
      <span className={`badge ${tone(props.status)}`} data-status={props.status}>
        {t(`orders.statuses.${props.status}`)}
      </span>
      {props.paymentStatus !== props.status && (
        <span className={`badge ${tone(props.paymentStatus)}`} data-payment-status={props.paymentStatus}>
          {t(`orders.paymentStatuses.${props.paymentStatus}`)}
        </span>
      )}
    </span>
  );
}
