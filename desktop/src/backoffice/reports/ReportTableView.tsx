import type { Currency } from '@allure/shared/currency';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../app/money.js';
import type { ReportTable } from './report-kinds.js';
import type { CellKind, Words } from './report-tables.js';

/** A report's table on screen: amounts in the store's currency, counts and rates in the UI's language. */
export function ReportTableView(props: {
  table: ReportTable;
  currency: Currency;
  timezone: string;
  testId: string;
  /** Makes each row's first cell a button that picks the row. */
  onPick?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const { money, locale } = useMoney(props.currency);
  const words: Words = (key) => t(`reports.${key}`);
  const numbers = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const time = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: props.timezone,
  });
  const cell = (kind: CellKind, value: string | number | null) => {
    if (value === null) return '—';
    if (kind === 'instant') return time.format(new Date(value));
    if (typeof value === 'string') return value;
    if (kind === 'money') return money(value);
    if (kind === 'bps') return percent.format(value / 10_000);
    return numbers.format(value);
  };
  const last = props.table.rows.length - 1;
  return (
    <table className="data-table report-table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.table.columns.map((column) => (
            <th key={column.id} className={column.kind === 'text' ? undefined : 'number'}>
              {t(`reports.columns.${column.id}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.table.rows.map((row, index) => (
          <tr key={index} className={index === last && props.table.totalsLast ? 'totals-row' : undefined}>
            {props.table.columns.map((column, position) => {
              const value = column.value(row, words);
              const shown = cell(column.kind, value);
              const negative = typeof value === 'number' && value < 0 && column.kind !== 'text';
              return (
                <td
                  key={column.id}
                  className={
                    [column.kind === 'text' ? '' : 'number', negative ? 'negative' : ''].join(' ').trim() ||
                    undefined
                  }
                >
                  {position === 0 && props.onPick ? (
                    <button type="button" className="link" onClick={() => props.onPick?.(index)}>
                      {shown}
                    </button>
                  ) : (
                    shown
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
