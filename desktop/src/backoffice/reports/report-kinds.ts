/**
 * The reports the Reports screen shows, and how each is asked of the server and laid out as a table.
 */
import type { Channel } from '@allure/shared/enums';
import type { ManagerSession } from '../manager-session.js';
import type { Period } from './report-period.js';
import {
  byCashierColumns,
  byCategoryColumns,
  byPaymentMethodColumns,
  type Column,
  marginColumns,
  salesByDayColumns,
  shiftColumns,
  topProductsColumns,
} from './report-tables.js';

export const reportKinds = [
  'salesByDay',
  'byCategory',
  'byCashier',
  'byPaymentMethod',
  'topProducts',
  'margins',
  'zReports',
] as const;
export type ReportKind = (typeof reportKinds)[number];

/** Rows and the columns that read them, paired once here so the screen need not know each row's type. */
export interface ReportTable {
  columns: readonly Column<unknown>[];
  rows: readonly unknown[];
  /** The last row sums the others (margins' store totals). */
  totalsLast: boolean;
}

function tableOf<R>(columns: readonly Column<R>[], rows: readonly R[], totalsLast = false): ReportTable {
  return { columns: columns as unknown as readonly Column<unknown>[], rows, totalsLast };
}

export interface LoadedReport {
  kind: ReportKind;
  currency: string;
  timezone: string;
  table: ReportTable;
  /** Sales by day also draws its totals. */
  chart: { day: string; total: number }[] | null;
  /** The Z-reports' shifts, whose report opens from their row. */
  shifts: { id: string }[] | null;
}

export interface ReportQuery extends Period {
  storeId?: string;
  channel?: Channel;
}

const TOP_PRODUCTS = 50;

export async function loadReport(
  api: ManagerSession['api'],
  kind: ReportKind,
  input: ReportQuery,
): Promise<LoadedReport> {
  const loaded = (
    report: { store: { currency: string; timezone: string } },
    table: ReportTable,
    chart: LoadedReport['chart'] = null,
    shifts: LoadedReport['shifts'] = null,
  ): LoadedReport => ({
    kind,
    currency: report.store.currency,
    timezone: report.store.timezone,
    table,
    chart,
    shifts,
  });
  switch (kind) {
    case 'salesByDay': {
      const report = await api.reports.salesByDay.query(input);
      return loaded(report, tableOf(salesByDayColumns, report.rows), report.rows);
    }
    case 'byCategory': {
      const report = await api.reports.byCategory.query(input);
      return loaded(report, tableOf(byCategoryColumns, report.rows));
    }
    case 'byCashier': {
      const report = await api.reports.byCashier.query(input);
      return loaded(report, tableOf(byCashierColumns, report.rows));
    }
    case 'byPaymentMethod': {
      const report = await api.reports.byPaymentMethod.query(input);
      return loaded(report, tableOf(byPaymentMethodColumns, report.rows));
    }
    case 'topProducts': {
      const report = await api.reports.topProducts.query({ ...input, limit: TOP_PRODUCTS });
      return loaded(report, tableOf(topProductsColumns, report.rows));
    }
    case 'margins': {
      const report = await api.reports.margins.query(input);
      const rows = report.rows.length === 0 ? [] : [...report.rows, { ...report.totals, category: null }];
      return loaded(report, tableOf(marginColumns, rows, true));
    }
    case 'zReports': {
      const report = await api.reports.shifts.query(input);
      return loaded(report, tableOf(shiftColumns, report.rows), null, report.rows);
    }
  }
}
