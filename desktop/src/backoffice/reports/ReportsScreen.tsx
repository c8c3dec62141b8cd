import type { Currency } from '@allure/shared/currency';
import { type Channel, channels } from '@allure/shared/enums';
import { MAX_REPORT_DAYS } from '@allure/shared/report.schema';
import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import { BarChart } from '../BarChart.js';
import { localDate } from '../dashboard-period.js';
import { useOffice } from '../office-context.js';
import { CSV_TYPE, downloadFile } from './download.js';
import { ReportTableView } from './ReportTableView.js';
import { type LoadedReport, loadReport, type ReportKind, reportKinds } from './report-kinds.js';
import {
  type Period,
  type PeriodPreset,
  type PeriodProblem,
  periodPresets,
  periodProblem,
  presetPeriod,
} from './report-period.js';
import { tableCsv } from './report-tables.js';
import { useOfficeStore } from './use-office-store.js';
import { ZReportCard } from './ZReportCard.js';

/** Sales reports of the store over a period of its days, each table on screen and as a CSV file. */
export function ReportsScreen() {
  const { t } = useTranslation();
  const { session, storeId } = useOffice();
  const store = useOfficeStore();
  const today = localDate(new Date(), store?.timezone);
  const [preset, setPreset] = useState<PeriodPreset>('thisWeek');
  const [dates, setDates] = useState<Period>(() => presetPeriod('thisWeek', today));
  const [period, setPeriod] = useState<Period>(dates);
  const [problem, setProblem] = useState<PeriodProblem | null>(null);
  const [channel, setChannel] = useState<Channel | ''>('');
  const [kind, setKind] = useState<ReportKind>('salesByDay');
  const [report, setReport] = useState<LoadedReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const generation = useRef(0);

  // The store's "today" is known once the store is: the preset follows it.
  useEffect(() => {
    if (preset === 'custom') return;
    const next = presetPeriod(preset, today);
    setDates(next);
    setPeriod(next);
  }, [today]);

  useEffect(() => {
    if (storeId === null) return;
    const mine = ++generation.current;
    setFailure(null);
    loadReport(session.api, kind, { ...period, storeId, ...(channel === '' ? {} : { channel }) })
      .then((loaded) => mine === generation.current && setReport(loaded))
      .catch((error: Error) => mine === generation.current && setFailure(error.message));
  }, [session, storeId, kind, period, channel]);

  const choose = (next: PeriodPreset) => {
    setPreset(next);
    setProblem(null);
    if (next === 'custom') return;
    const chosen = presetPeriod(next, today);
    setDates(chosen);
    setPeriod(chosen);
  };
  const show = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = periodProblem(dates);
    setProblem(found);
    if (found === null) setPeriod(dates);
  };
  const editDate = (bound: keyof Period, value: string) => {
    setPreset('custom');
    setDates({ ...dates, [bound]: value });
  };

  if (storeId === null) return <p className="muted empty-list">{t('reports.pickStore')}</p>;
  const current = report?.kind === kind ? report : null;
  return (
    <div className="reports">
      <form className="card report-period" onSubmit={show} aria-label={t('reports.period.label')}>
        <div className="chips">
          {periodPresets.map((candidate) => (
            <button
              key={candidate}
              type="button"
              aria-pressed={preset === candidate}
              className={`chip ${preset === candidate ? 'active' : ''}`}
              data-preset={candidate}
              onClick={() => choose(candidate)}
            >
              {t(`reports.period.${candidate}`)}
            </button>
          ))}
        </div>
        <div className="report-period-fields">
          <label>
            {t('reports.period.from')}
            <input
              type="date"
              name="report-from"
              value={dates.from}
              aria-invalid={problem !== null ? true : undefined}
              onChange={(event) => editDate('from', event.target.value)}
            />
          </label>
          <label>
            {t('reports.period.to')}
            <input
              type="date"
              name="report-to"
              value={dates.to}
              aria-invalid={problem !== null ? true : undefined}
              onChange={(event) => editDate('to', event.target.value)}
            />
          </label>
          <label>
            {t('reports.channel.label')}
            <select
              name="report-channel"
              value={channel}
              onChange={(event) => setChannel(event.target.value as Channel | '')}
            >
              <option value="">{t('reports.channel.all')}</option>
              {channels.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {t(`reports.channel.${candidate}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            {t('reports.period.show')}
          </button>
          {store && (
            <span className="muted">{t('reports.period.timezone', { timezone: store.timezone })}</span>
          )}
        </div>
        {problem && (
          <p className="error" role="alert">
            {t(`reports.period.${problem}`, { max: MAX_REPORT_DAYS })}
          </p>
        )}
      </form>

      <nav className="report-kinds" aria-label={t('reports.title')}>
        {reportKinds.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className={candidate === kind ? 'active' : 'ghost'}
            aria-current={candidate === kind ? 'page' : undefined}
            data-report={candidate}
            onClick={() => setKind(candidate)}
          >
            {t(`reports.kinds.${candidate}`)}
          </button>
        ))}
      </nav>

      {failure && (
        <p className="error" role="alert">
          {t('reports.loadFailed', { reason: failure })}
        </p>
      )}
      {!current && !failure && <p className="muted">{t('reports.loading')}</p>}
      {current && <ReportView key={`${kind}:${period.from}:${period.to}`} report={current} period={period} />}
    </div>
  );
}

function ReportView(props: { report: LoadedReport; period: Period }) {
  const { t } = useTranslation();
  const { report, period } = props;
  const [shiftId, setShiftId] = useState<string | null>(null);
  const currency = report.currency as Currency;
  const { money, locale } = useMoney(currency);
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });

  const exportCsv = () => {
    const csv = tableCsv(report.table.columns, report.table.rows, currency, (key) => t(`reports.${key}`));
    downloadFile(new Blob([csv], { type: CSV_TYPE }), `${report.kind}-${period.from}-${period.to}.csv`);
  };

  return (
    <section className="card report" data-testid="report" data-kind={report.kind}>
      <div className="office-toolbar heading">
        <h2>{t(`reports.kinds.${report.kind}`)}</h2>
        <span className="muted">
          {day.format(new Date(`${period.from}T12:00:00Z`))} –{' '}
          {day.format(new Date(`${period.to}T12:00:00Z`))}
        </span>
        <button
          type="button"
          className="primary"
          onClick={exportCsv}
          disabled={report.table.rows.length === 0}
        >
          {t('reports.export')}
        </button>
      </div>
      {report.chart && report.chart.length > 1 && (
        <BarChart
          title={t('reports.chart')}
          testId="report-chart"
          points={report.chart.map((row) => ({
            label: day.format(new Date(`${row.day}T12:00:00Z`)),
            value: row.total,
          }))}
          format={money}
        />
      )}
      {report.table.rows.length === 0 ? (
        <p className="muted empty-list">{t('reports.empty')}</p>
      ) : (
        <ReportTableView
          table={report.table}
          currency={currency}
          timezone={report.timezone}
          testId="report-table"
          {...(report.shifts
            ? { onPick: (index: number) => setShiftId(report.shifts?.[index]?.id ?? null) }
            : {})}
        />
      )}
      {report.shifts && shiftId !== null && <ZReportCard shiftId={shiftId} timezone={report.timezone} />}
    </section>
  );
}
