import type { StaffMember } from '@allure/shared/approval';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { useMoney } from '../app/money.js';
import type { LocalOrder } from '../data/sales.js';
import { receiptLines } from '../till/receipt.js';
import { variantLabel } from './ProductBrowser.js';
import { useTill } from './till-context.js';
import { useCustomer } from './use-customer.js';
import { useReceiptKeys } from './use-receipt-keys.js';

/**
 * The sale just recorded, over the payment screen: its receipt, printed on demand (F9), and whether it reached
 * the server.
 */
export function ReceiptPanel({
  order,
  change,
  onNewSale,
}: {
  order: LocalOrder;
  change: number;
  onNewSale: () => void;
}) {
  const { t } = useTranslation();
  const { till, profile, cashier } = useTill();
  const { locale, money } = useMoney(order.currency);
  // The hook re-subscribes when its query changes identity: keep one per order.
  const query = useMemo(() => ({ selector: { id: order.id } }), [order.id]);
  const { results } = useLiveRxQuery({ collection: till.db.orders, query });
  const syncState = results[0]?.syncState ?? order.syncState;
  const customer = useCustomer(order.customerId);
  const lines = useMemo(
    () =>
      receiptLines({
        sale: order,
        store: profile.profile.store,
        cashierName: nameOf(profile.staff, order.cashierId) ?? cashier.name,
        customer: customer && { label: t('tillTools.customer.label'), name: customer.name },
        describe: (variantId) => {
          const found = till.catalog.lookUpById(variantId);
          return found ? `${found.product.name} — ${variantLabel(found.variant)}` : variantId;
        },
        locale,
        labels: {
          order: t('receipt.order'),
          date: t('receipt.date'),
          cashier: t('receipt.cashier'),
          subtotal: t('sell.subtotal'),
          discount: t('sell.discount'),
          total: t('sell.total'),
          vat: (rate) => t('receipt.vat', { rate }),
          paid: t('receipt.paid'),
          tendered: t('receipt.tendered'),
          change: t('receipt.change'),
          methods: { cash: t('tender.cash'), card: t('tender.card'), mobile_money: t('tender.mobile_money') },
          thanks: t('receipt.thanks'),
        },
      }),
    [order, profile, cashier, customer, till, locale, t],
  );

  const { print, printMessage } = useReceiptKeys({ orderNumber: order.number, lines }, onNewSale);
  // Focused once shown, not while showing it (as autoFocus does): focusing lays the page out first.
  const newSaleRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => newSaleRef.current?.focus(), []);

  return (
    <section className="receipt-screen over" role="dialog" aria-modal="true" aria-labelledby="receipt-title">
      <div className="card">
        <h2 id="receipt-title">{t('receipt.title')}</h2>
        {change > 0 && (
          <p className="change" data-testid="change-due">
            {t('tender.change')} <strong>{money(change)}</strong>
          </p>
        )}
        <p
          className={syncState === 'synced' ? 'ok' : 'muted'}
          data-testid="order-sync"
          data-state={syncState}
        >
          {syncState === 'synced' ? t('receipt.synced') : t('receipt.pendingSync')}
        </p>
        {printMessage && <p className="muted">{printMessage}</p>}
        <div className="row">
          <button type="button" className="ghost" onClick={() => void print()}>
            {t('receipt.print')}
          </button>
          <button type="button" className="primary big" onClick={onNewSale} ref={newSaleRef}>
            {t('receipt.newSale')}
          </button>
        </div>
      </div>
      <pre className="receipt" data-testid="receipt">
        {lines.join('\n')}
      </pre>
    </section>
  );
}

function nameOf(staff: readonly StaffMember[], id: string): string | undefined {
  return staff.find((member) => member.id === id)?.name;
}
