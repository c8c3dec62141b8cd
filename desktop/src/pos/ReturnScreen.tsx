import { type Approval, actionRequiresApproval } from '@allure/shared/approval';
import type { PaymentMethod } from '@allure/shared/enums';
import type { ComputedRefund } from '@allure/shared/refund';
import { type SubmitEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../app/money.js';
import { findOrderByNumber, type LocalRefund, recordRefund, refundsOfOrder } from '../data/refunds.js';
import type { LocalOrder } from '../data/sales.js';
import { buildRefund, isReturnable, pickedLines, priceReturn, returnableQuantities } from '../till/return.js';
import { variantLabel } from './ProductBrowser.js';
import { RefundApproval } from './RefundApproval.js';
import { RefundReceiptPanel } from './RefundReceiptPanel.js';
import { useTill } from './till-context.js';

type Phase =
  | { kind: 'find'; problem: string | null }
  | { kind: 'pick'; order: LocalOrder; refunds: LocalRefund[]; problem: string | null }
  | { kind: 'approve'; order: LocalOrder; refunds: LocalRefund[] }
  | { kind: 'done'; order: LocalOrder; refund: LocalRefund; priced: ComputedRefund };

const methods: PaymentMethod[] = ['cash', 'card', 'mobile_money'];

/**
 * A return against a receipt, keyboard first: type or scan the receipt number (Enter), type the units to
 * give back per line and the refund method (Enter), a manager's PIN when a cashier refunds, then the refund
 * receipt (F9 prints). The order is found in the local database, so this works offline for every sale the
 * till already had; the refund is recorded locally and pushed when the server can be reached.
 */
export function ReturnScreen({ shiftId, onDone }: { shiftId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { till, cashier, platform } = useTill();
  const [phase, setPhase] = useState<Phase>({ kind: 'find', problem: null });
  const [number, setNumber] = useState('');
  const [quantities, setQuantities] = useState<Map<string, number>>(new Map());
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');

  async function find(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = number.trim();
    if (!typed) return;
    const order = await findOrderByNumber(till.db, typed);
    if (!order) return setPhase({ kind: 'find', problem: t('returns.notLocal', { number: typed }) });
    if (!isReturnable(order)) {
      return setPhase({
        kind: 'find',
        problem: t('returns.notReturnable', { number: order.number, status: order.status }),
      });
    }
    const refunds = await refundsOfOrder(till.db, order.id);
    setQuantities(new Map(order.lines.map((line) => [line.id, 0])));
    setMethod('cash');
    setReference('');
    setNote('');
    setPhase({ kind: 'pick', order, refunds, problem: null });
  }

  async function give(order: LocalOrder, refunds: LocalRefund[], approval: Approval | null) {
    const built = buildRefund({
      id: crypto.randomUUID(),
      order,
      refunds,
      lines: pickedLines(quantities),
      method,
      reference,
      shiftId,
      cashierId: cashier.id,
      approval,
      now: new Date(),
    });
    if (!built.ok) {
      const problem = {
        not_returnable: t('returns.notReturnable', { number: order.number, status: order.status }),
        empty: t('returns.empty'),
        exceeds_remaining: t('returns.exceeds'),
        reference_required: t('returns.referenceRequired'),
      }[built.reason];
      return setPhase({ kind: 'pick', order, refunds, problem });
    }
    const trimmed = note.trim();
    const refund = await recordRefund(till.db, trimmed ? { ...built.refund, note: trimmed } : built.refund);
    if (method === 'cash') void platform.openCashDrawer();
    setPhase({ kind: 'done', order, refund, priced: built.priced });
  }

  function confirm(order: LocalOrder, refunds: LocalRefund[]) {
    const lines = pickedLines(quantities);
    if (lines.length === 0) return setPhase({ kind: 'pick', order, refunds, problem: t('returns.empty') });
    if (method === 'mobile_money' && !reference.trim()) {
      return setPhase({ kind: 'pick', order, refunds, problem: t('returns.referenceRequired') });
    }
    if (actionRequiresApproval('refund', cashier)) setPhase({ kind: 'approve', order, refunds });
    else void give(order, refunds, null);
  }

  if (phase.kind === 'done') {
    return (
      <RefundReceiptPanel refund={phase.refund} order={phase.order} priced={phase.priced} onDone={onDone} />
    );
  }
  if (phase.kind === 'approve') {
    return (
      <section className="card returns" aria-labelledby="approval-title">
        <RefundApproval
          onApproved={(approval) => void give(phase.order, phase.refunds, approval)}
          onCancel={() =>
            setPhase({ kind: 'pick', order: phase.order, refunds: phase.refunds, problem: null })
          }
        />
      </section>
    );
  }
  if (phase.kind === 'pick') {
    return (
      <PickLines
        order={phase.order}
        refunds={phase.refunds}
        problem={phase.problem}
        quantities={quantities}
        onQuantities={setQuantities}
        method={method}
        onMethod={setMethod}
        reference={reference}
        onReference={setReference}
        note={note}
        onNote={setNote}
        onConfirm={() => confirm(phase.order, phase.refunds)}
        onBack={() => setPhase({ kind: 'find', problem: null })}
      />
    );
  }
  return (
    <section className="card returns" aria-labelledby="returns-title">
      <h2 id="returns-title">{t('returns.findTitle')}</h2>
      <form onSubmit={find} onKeyDown={(event) => event.key === 'Escape' && onDone()}>
        <label>
          {t('returns.receiptNumber')}
          <input
            name="receipt-number"
            autoComplete="off"
            maxLength={32}
            value={number}
            onChange={(event) => setNumber(event.target.value)}
            autoFocus
          />
        </label>
        {phase.problem && (
          <p className="error" role="alert">
            {phase.problem}
          </p>
        )}
        <div className="row">
          <button type="button" className="ghost" onClick={onDone}>
            {t('returns.back')}
          </button>
          <button type="submit" className="primary">
            {t('returns.find')}
          </button>
        </div>
      </form>
    </section>
  );
}

function PickLines(props: {
  order: LocalOrder;
  refunds: LocalRefund[];
  problem: string | null;
  quantities: Map<string, number>;
  onQuantities: (quantities: Map<string, number>) => void;
  method: PaymentMethod;
  onMethod: (method: PaymentMethod) => void;
  reference: string;
  onReference: (reference: string) => void;
  note: string;
  onNote: (note: string) => void;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { till, profile } = useTill();
  const { order } = props;
  const { locale, money } = useMoney(order.currency);
  const left = useMemo(() => returnableQuantities(order, props.refunds), [order, props.refunds]);
  const priced = priceReturn(order, props.refunds, pickedLines(props.quantities));
  const soldOn = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: profile.profile.store.timezone,
  }).format(new Date(order.placedAt));
  const nothingLeft = [...left.values()].every((quantity) => quantity === 0);

  return (
    <section className="card returns" aria-labelledby="pick-title">
      <h2 id="pick-title">{t('returns.pickTitle', { number: order.number })}</h2>
      <p className="muted">{t('returns.soldOn', { date: soldOn })}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm();
        }}
        onKeyDown={(event) => event.key === 'Escape' && props.onBack()}
      >
        <table className="return-lines">
          <thead>
            <tr>
              <th />
              <th>{t('returns.sold')}</th>
              <th>{t('returns.left')}</th>
              <th>{t('returns.toReturn')}</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line, index) => {
              const found = till.catalog.lookUpById(line.variantId);
              const name = found ? `${found.product.name} — ${variantLabel(found.variant)}` : line.variantId;
              const max = left.get(line.id) ?? 0;
              return (
                <tr key={line.id} data-testid="return-line">
                  <td>{name}</td>
                  <td>{line.quantity}</td>
                  <td>{max}</td>
                  <td>
                    <input
                      type="number"
                      name={`return-${index}`}
                      aria-label={`${t('returns.toReturn')} ${name}`}
                      min={0}
                      max={max}
                      disabled={max === 0}
                      value={props.quantities.get(line.id) ?? 0}
                      onChange={(event) => {
                        const next = new Map(props.quantities);
                        const typed = Math.trunc(Number(event.target.value));
                        next.set(line.id, Number.isFinite(typed) ? Math.min(Math.max(typed, 0), max) : 0);
                        props.onQuantities(next);
                      }}
                      autoFocus={
                        index === order.lines.findIndex((candidate) => (left.get(candidate.id) ?? 0) > 0)
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {nothingLeft && <p className="muted">{t('returns.nothingLeft')}</p>}
        <label>
          {t('returns.method')}
          <select
            name="refund-method"
            value={props.method}
            onChange={(event) => props.onMethod(event.target.value as PaymentMethod)}
          >
            {methods.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`tender.${candidate}`)}
              </option>
            ))}
          </select>
        </label>
        {props.method !== 'cash' && (
          <label>
            {t('returns.reference')}
            <input
              name="refund-reference"
              autoComplete="off"
              maxLength={64}
              value={props.reference}
              onChange={(event) => props.onReference(event.target.value)}
            />
          </label>
        )}
        <label>
          {t('returns.note')}
          <input
            name="refund-note"
            autoComplete="off"
            maxLength={500}
            value={props.note}
            onChange={(event) => props.onNote(event.target.value)}
          />
        </label>
        <p className="refund-total">
          {t('returns.refundTotal')}{' '}
          <strong data-testid="refund-total">{money(priced.ok ? priced.total : 0)}</strong>
        </p>
        {props.problem && (
          <p className="error" role="alert">
            {props.problem}
          </p>
        )}
        <div className="row">
          <button type="button" className="ghost" onClick={props.onBack}>
            {t('returns.change')}
          </button>
          <button type="submit" className="primary" disabled={nothingLeft}>
            {t('returns.confirm')}
          </button>
        </div>
      </form>
    </section>
  );
}
