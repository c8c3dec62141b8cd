import type { ComputedRefund } from '@allure/shared/refund';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { useMoney } from '../app/money.js';
import type { LocalRefund } from '../data/refunds.js';
import type { LocalOrder } from '../data/sales.js';
import { refundReceiptLines } from '../till/refund-receipt.js';
import { variantLabel } from './ProductBrowser.js';
import { useTill } from './till-context.js';
import { useReceiptKeys } from './use-receipt-keys.js';

/** The refund just recorded: its receipt on screen, printed on demand (F9), and what the server made of it. */
export function RefundReceiptPanel({
  refund,
  order,
  priced,
  onDone,
}: {
  refund: LocalRefund;
  order: LocalOrder;
  priced: ComputedRefund;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { till, profile } = useTill();
  const { locale, money } = useMoney(order.currency);
  const query = useMemo(() => ({ selector: { id: refund.id } }), [refund.id]);
  const { results } = useLiveRxQuery({ collection: till.db.refunds, query });
  const current = results[0] ?? refund;

  const lines = useMemo(() => {
    const nameOf = (id: string | undefined) => profile.staff.find((member) => member.id === id)?.name;
    const variantOf = new Map(order.lines.map((line) => [line.id, line.variantId]));
    return refundReceiptLines({
      refund,
      lines: priced.lines,
      currency: order.currency,
      store: profile.profile.store,
      cashierName: nameOf(refund.cashierId) ?? refund.cashierId,
      approverName: refund.approval ? (nameOf(refund.approval.approvedById) ?? null) : null,
      describe: (orderLineId) => {
        const found = till.catalog.lookUpById(variantOf.get(orderLineId) ?? '');
        return found ? `${found.product.name} — ${variantLabel(found.variant)}` : orderLineId;
      },
      locale,
      labels: {
        title: t('returns.receiptTitle'),
        order: t('returns.receiptOrder'),
        date: t('receipt.date'),
        cashier: t('receipt.cashier'),
        approvedBy: t('returns.approvedBy'),
        total: t('returns.refunded'),
        reference: t('tender.reference'),
        methods: { cash: t('tender.cash'), card: t('tender.card'), mobile_money: t('tender.mobile_money') },
      },
    });
  }, [refund, order, priced, profile, till, locale, t]);

  const { print, printMessage } = useReceiptKeys({ orderNumber: `${refund.orderNumber}-R`, lines }, onDone);

  const state =
    current.syncState === 'synced'
      ? { className: 'ok', text: t('returns.synced') }
      : current.syncState === 'quarantined'
        ? { className: 'error', text: t('returns.quarantined', { reason: current.syncError ?? '' }) }
        : { className: 'muted', text: t('returns.pendingSync') };

  return (
    <section className="receipt-screen" aria-labelledby="refund-title">
      <div className="card">
        <h2 id="refund-title">{t('returns.doneTitle')}</h2>
        <p className="change" data-testid="refund-given">
          {t('returns.given')} <strong>{money(refund.total)}</strong>
        </p>
        <p className={state.className} data-testid="refund-sync" data-state={current.syncState}>
          {state.text}
        </p>
        {printMessage && <p className="muted">{printMessage}</p>}
        <div className="row">
          <button type="button" className="ghost" onClick={() => void print()}>
            {t('receipt.print')}
          </button>
          <button type="button" className="primary big" onClick={onDone} autoFocus>
            {t('returns.newSale')}
          </button>
        </div>
      </div>
      <pre className="receipt" data-testid="refund-receipt">
        {lines.join('\n')}
      </pre>
    </section>
  );
}
