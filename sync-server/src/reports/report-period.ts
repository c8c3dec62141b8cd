import type { Channel } from '@allure/shared/enums';
import {
  addRowsByKey,
  type NumericField,
  type PeriodWindow,
  periodWindows,
  saleStatuses,
  takenPaymentStatuses,
} from '@allure/shared/report';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';

// What every sales report shares: the store it is about, the SQL that picks its sales and refunds in one
// window of the period, and running the windows one by one with progress (shared/src/report.ts has the
// rules). Each window is one short statement per figure, so no statement nears the statement timeout
// however long the period, and a job runner hears how far a report has got.

/** A report's progress, from 0 to 1; a job runner passes it on, an inline call leaves it out. */
export type Progress = (fraction: number) => void;

export interface ReportStore {
  id: string;
  currency: string;
  timezone: string;
}

export interface ReportPeriod {
  storeId?: string | undefined;
  from: string;
  to: string;
  channel?: Channel | undefined;
}

/** The store a report is about: the manager's own, or the one an admin names. */
export async function reportStore(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  storeId: string | undefined,
): Promise<ReportStore> {
  const scope = storeScope(principal).storeId;
  const id = storeId ?? scope;
  if (id === undefined)
    throw new InvalidInputError('name the store: each has its own currency and time zone');
  // Another store is "not found" to a manager, as if it did not exist.
  if (scope !== undefined && id !== scope) throw new NotFoundError('store', id);
  const store = await ctx.db.prisma.store.findUnique({
    where: { id },
    select: { id: true, currency: true, timezone: true },
  });
  if (!store) throw new NotFoundError('store', id);
  return store;
}

/**
 * Parameters of the window statements: $1 store, $2 first day, $3 day after the last, $4 time zone,
 * $5 sale statuses, $6 taken payment statuses, $7 channel or null.
 */
export function windowParameters(store: ReportStore, window: PeriodWindow, channel: Channel | undefined) {
  return [
    store.id,
    window.from,
    window.until,
    store.timezone,
    saleStatuses,
    takenPaymentStatuses,
    channel ?? null,
  ];
}

/** Orders `o` that count as sales of the store (and channel). */
export const IS_SALE = `o.store_id = $1 AND o.status = ANY($5::order_status[])
  AND o.payment_status = ANY($6::payment_status[])
  AND ($7::order_channel IS NULL OR o.channel = $7::order_channel)`;

/** Local midnight of a day, as an instant: DST-proof, the database knows the zone's rules. */
const localStart = (day: string) => `(${day}::date::timestamp AT TIME ZONE $4)`;

/** Orders `o` placed in the window (the store index serves it as one range). */
export const PLACED_IN_WINDOW = `o.placed_at >= ${localStart('$2')} AND o.placed_at < ${localStart('$3')}`;

/** Refunds `r` given in the window. */
export const REFUNDED_IN_WINDOW = `r.created_at >= ${localStart('$2')} AND r.created_at < ${localStart('$3')}`;

/** Runs `work` on each window of the period in turn, reporting progress after each. */
export async function overPeriod<T>(
  period: ReportPeriod,
  work: (window: PeriodWindow) => Promise<T>,
  onProgress?: Progress,
): Promise<T[]> {
  const windows = periodWindows(period.from, period.to);
  const results: T[] = [];
  for (const [index, window] of windows.entries()) {
    results.push(await work(window));
    onProgress?.((index + 1) / windows.length);
  }
  return results;
}

/** SUMs come back from PostgreSQL as bigint text; amounts stay far below 2^53 (money.ts). */
export const toNumber = (value: string | number | null): number => (value === null ? 0 : Number(value));

/** Sums by key: the key (null is '') and one number per summed figure. */
export type Summed<F extends string> = { key: string } & Record<F, number>;

/**
 * Runs a window statement (parameters: windowParameters) over each window of the period and adds up its
 * figures by key. `columns` names, for each figure, the column the statement returns it in.
 */
export async function sumOverPeriod<F extends string>(
  ctx: Pick<Context, 'db'>,
  store: ReportStore,
  input: ReportPeriod,
  statement: string,
  columns: Record<F, string>,
  onProgress: Progress | undefined,
): Promise<Map<string, Summed<F>>> {
  const figures = Object.keys(columns) as F[];
  const windows = await overPeriod(
    input,
    async (window) => {
      const { rows } = await ctx.db.pool.query<Record<string, string | number | null>>(
        statement,
        windowParameters(store, window, input.channel),
      );
      return rows.map((row) => {
        const sums = { key: row.key === null || row.key === undefined ? '' : String(row.key) } as Summed<F>;
        for (const figure of figures)
          (sums as Record<F, number>)[figure] = toNumber(row[columns[figure]] ?? null);
        return sums;
      });
    },
    onProgress,
  );
  const merged = new Map<string, Summed<F>>();
  for (const rows of windows) {
    addRowsByKey(merged, rows, (row) => row.key, figures as NumericField<Summed<F>>[]);
  }
  return merged;
}
