import { parseMoney } from '@allure/shared/money-format';
import { type SubmitEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../app/money.js';
import { type LocalRefund, refundsOfShift } from '../data/refunds.js';
import { closeShift, type LocalOrder, type LocalShift } from '../data/sales.js';
import { type ShiftReport, shiftReport, shiftReportLines } from '../till/shift-report.js';
import { useTill } from './till-context.js';

/** Mid-shift figures (X report), and closing: cash counted against cash expected, then the Z report. */
export function CloseShiftPanel({ shiftId, onBack }: { shiftId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { till, profile, cashier, platform } = useTill();
  const store = profile.profile.store;
  const { locale, money } = useMoney(store.currency);
  const [shift, setShift] = useState<LocalShift | null>(null);
  const [orders, setOrders] = useState<LocalOrder[]>([]);
  const [refunds, setRefunds] = useState<LocalRefund[]>([]);
  const [countedText, setCountedText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [now] = useState(() => new Date().toISOString());

  useEffect(() => {
    void (async () => {
      const found = await till.db.shifts.findOne(shiftId).exec();
      if (!found) return;
      const placed = await till.db.orders
        .find({ selector: { terminalId: found.terminalId, placedAt: { $gte: found.openedAt } } })
        .exec();
      setShift(found.toMutableJSON());
      setOrders(placed.map((order) => order.toMutableJSON()));
      setRefunds(await refundsOfShift(till.db, shiftId));
    })();
  }, [till, shiftId]);

  const counted = parseMoney(countedText, store.currency, locale);
  const countedCash = counted.ok ? counted.money.amount : null;
  const report = useMemo(
    () =>
      shift &&
      shiftReport({
        shift,
        orders,
        refunds,
        currency: store.currency,
        to: now,
        ...(countedCash === null ? {} : { countedCash }),
      }),
    [shift, orders, refunds, store.currency, now, countedCash],
  );

  const print = (figures: ShiftReport, title: string) =>
    platform.printReceipt({
      orderNumber: `${title}-${till.enrollment.terminalCode}`,
      lines: shiftReportLines(figures, {
        storeName: store.name,
        terminalCode: till.enrollment.terminalCode,
        timezone: store.timezone,
        locale,
        labels: {
          title,
          from: t('shift.from'),
          to: t('shift.to'),
          orders: t('shift.orders'),
          items: t('shift.items'),
          gross: t('shift.gross'),
          discounts: t('shift.discounts'),
          total: t('shift.total'),
          vat: (rate) => t('shift.vat', { rate }),
          methods: { cash: t('tender.cash'), card: t('tender.card'), mobile_money: t('tender.mobile_money') },
          refunds: (count) => t('returns.reportRefunds', { count }),
          openingFloat: t('shift.openingFloat'),
          expectedCash: t('shift.expectedCash'),
          countedCash: t('shift.countedCash'),
          difference: t('shift.difference'),
        },
      }),
    });

  async function close(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!report || countedCash === null) return setProblem(t('shift.invalidAmount'));
    const closed = await closeShift(till.db, {
      shiftId,
      closedById: cashier.id,
      countedCash,
      expectedCash: report.expectedCash,
    });
    if (closed.ok) await print(report, t('shift.zReport'));
    // The shift gate sees the shift closed and asks for the next opening float.
  }

  if (!report) return null;
  const rows: [string, string][] = [
    [t('shift.orders'), String(report.orders)],
    [t('shift.items'), String(report.items)],
    [t('shift.gross'), money(report.gross)],
    [t('shift.discounts'), `−${money(report.discounts)}`],
    [t('shift.total'), money(report.total)],
    [t('tender.cash'), money(report.payments.cash)],
    [t('tender.card'), money(report.payments.card)],
    [t('tender.mobile_money'), money(report.payments.mobile_money)],
    ...(report.refunds === 0
      ? []
      : ([
          [t('returns.reportRefunds', { count: report.refunds }), `−${money(refundedTotal(report))}`],
          [t('returns.reportCashRefunds'), `−${money(report.refunded.cash)}`],
        ] as [string, string][])),
    [t('shift.openingFloat'), money(report.openingFloat)],
    [t('shift.expectedCash'), money(report.expectedCash)],
  ];
  return (
    <section className="card close-shift" aria-labelledby="close-title">
      <h2 id="close-title">{t('shift.xReport')}</h2>
      <dl className="totals" data-testid="x-report">
        {rows.map(([label, value]) => (
          <div key={label} className="pair">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <form onSubmit={close} onKeyDown={(event) => event.key === 'Escape' && onBack()}>
        <label>
          {t('shift.countedCash')}
          <input
            name="counted-cash"
            inputMode="decimal"
            value={countedText}
            onChange={(event) => {
              setCountedText(event.target.value);
              setProblem(null);
            }}
            autoFocus
          />
        </label>
        {report.difference !== null && (
          <p className={report.difference === 0 ? 'ok' : 'error'} data-testid="cash-difference">
            {t('shift.difference')} : {money(report.difference)}
          </p>
        )}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="row">
          <button type="button" className="ghost" onClick={onBack}>
            {t('shift.back')}
          </button>
          <button type="button" onClick={() => void print(report, t('shift.xReport'))}>
            {t('shift.printX')}
          </button>
          <button type="submit" className="primary" disabled={countedCash === null}>
            {t('shift.confirmClose')}
          </button>
        </div>
      </form>
    </section>
  );
}

function refundedTotal(report: ShiftReport): number {
  return report.refunded.cash + report.refunded.card + report.refunded.mobile_money;
}
