import type { Currency } from '@allure/shared/currency';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import type { ManagerSession } from '../manager-session.js';
import { useOffice } from '../office-context.js';

type ZReport = Awaited<ReturnType<ManagerSession['api']['reports']['zReport']['query']>>;

/** The Z-report of one shift: sales by tender, refunds and voids, and the drawer's cash against its count. */
export function ZReportCard(props: { shiftId: string; timezone: string }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [report, setReport] = useState<ZReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setReport(null);
    session.api.reports.zReport
      .query({ shiftId: props.shiftId })
      .then((loaded) => current && setReport(loaded))
      .catch((error: Error) => current && setFailure(error.message));
    return () => {
      current = false;
    };
  }, [session, props.shiftId]);

  if (failure) return <p className="error">{t('reports.loadFailed', { reason: failure })}</p>;
  if (!report) return <p className="muted">{t('reports.loading')}</p>;
  return <ZReportView report={report} timezone={props.timezone} />;
}

function ZReportView({ report, timezone }: { report: ZReport; timezone: string }) {
  const { t } = useTranslation();
  const { money, locale } = useMoney(report.currency as Currency);
  const time = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: timezone,
  });
  const { shift } = report;
  return (
    <section className="card z-report" data-testid="z-report">
      <h3>
        {t('reports.z.title', { terminal: shift.terminal.code })}{' '}
        <span className="muted">
          {time.format(new Date(shift.openedAt))} →{' '}
          {shift.closedAt ? time.format(new Date(shift.closedAt)) : '…'}
        </span>
      </h3>
      <div className="z-grid">
        <dl className="totals">
          <dt>{t('reports.z.orders')}</dt>
          <dd>{report.orders}</dd>
          <dt>{t('reports.z.discounts')}</dt>
          <dd>{money(report.discounts)}</dd>
          <dt className="grand">{t('reports.z.sales')}</dt>
          <dd className="grand">{money(report.sales)}</dd>
          <dt className="muted">{t('reports.z.tax')}</dt>
          <dd className="muted">{money(report.tax)}</dd>
          <dt>{t('reports.z.refunds', { count: report.refunds.count })}</dt>
          <dd>{money(report.refunds.amount)}</dd>
          <dt>{t('reports.z.voids', { count: report.voids.orders })}</dt>
          <dd>{money(report.voids.amount)}</dd>
        </dl>
        <dl className="totals">
          <dt>{t('reports.z.openingFloat')}</dt>
          <dd>{money(report.openingFloat)}</dd>
          <dt>{t('reports.z.expectedCash')}</dt>
          <dd>{money(report.expectedCash)}</dd>
          <dt>{t('reports.z.countedCash')}</dt>
          <dd>{report.countedCash === null ? '—' : money(report.countedCash)}</dd>
          <dt className="grand">{t('reports.z.difference')}</dt>
          <dd className={`grand ${report.difference !== null && report.difference < 0 ? 'error' : ''}`}>
            {report.difference === null ? '—' : money(report.difference)}
          </dd>
          <dt className="muted">{t('reports.z.closedBy')}</dt>
          <dd className="muted">{shift.closedBy?.name ?? '—'}</dd>
        </dl>
      </div>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('reports.columns.method')}</th>
            <th className="number">{t('reports.columns.payments')}</th>
            <th className="number">{t('reports.columns.taken')}</th>
            <th className="number">{t('reports.z.tendered')}</th>
            <th className="number">{t('reports.z.change')}</th>
          </tr>
        </thead>
        <tbody>
          {report.tenders.map((tender) => (
            <tr key={tender.method}>
              <td>{t(`reports.methods.${tender.method}`)}</td>
              <td className="number">{tender.payments}</td>
              <td className="number">{money(tender.amount)}</td>
              <td className="number">{money(tender.tendered)}</td>
              <td className="number">{money(tender.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
