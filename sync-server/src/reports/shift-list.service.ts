import type { ReportInput } from '@allure/shared/report.schema';
import type { StaffPrincipal } from '../auth/store-scope.js';
import type { Context } from '../trpc/context.js';
import { type ReportStore, reportStore } from './report-period.js';

/**
 * The closed shifts of a store opened during a period of its days, newest first: the shifts whose
 * Z-report (`reports.zReport`) a manager looks up. One index range (shift_store_id_opened_at_idx).
 */

/** Enough for a year of a large store's daily shifts; a longer list is cut, newest kept. */
export const MAX_LISTED_SHIFTS = 1000;

export interface ClosedShift {
  id: string;
  terminal: { id: string; code: string };
  openedAt: Date;
  closedAt: Date | null;
  openedBy: { id: string; name: string };
  closedBy: { id: string; name: string } | null;
  openingFloat: number;
  countedCash: number | null;
}

interface ShiftRow {
  id: string;
  terminal_id: string;
  terminal_code: string;
  opened_at: Date;
  closed_at: Date | null;
  opened_by_id: string;
  opened_by_name: string;
  closed_by_id: string | null;
  closed_by_name: string | null;
  opening_float: number;
  counted_cash: number | null;
}

export async function closedShifts(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ReportInput,
): Promise<{ store: ReportStore; from: string; to: string; rows: ClosedShift[] }> {
  const store = await reportStore(ctx, principal, input.storeId);
  const { rows } = await ctx.db.pool.query<ShiftRow>(
    `SELECT s.id, t.id AS terminal_id, t.code AS terminal_code, s.opened_at, s.closed_at,
            ob.id AS opened_by_id, ob.name AS opened_by_name, cb.id AS closed_by_id, cb.name AS closed_by_name,
            s.opening_float, s.counted_cash
       FROM shift s
       JOIN terminal t ON t.id = s.terminal_id
       JOIN "user" ob ON ob.id = s.opened_by_id
       LEFT JOIN "user" cb ON cb.id = s.closed_by_id
      WHERE s.store_id = $1 AND s.status = 'closed'
        AND s.opened_at >= ($2::date)::timestamp AT TIME ZONE $4
        AND s.opened_at < ($3::date + 1)::timestamp AT TIME ZONE $4
      ORDER BY s.opened_at DESC, s.id DESC
      LIMIT $5`,
    [store.id, input.from, input.to, store.timezone, MAX_LISTED_SHIFTS],
  );
  return {
    store,
    from: input.from,
    to: input.to,
    rows: rows.map((row) => ({
      id: row.id,
      terminal: { id: row.terminal_id, code: row.terminal_code },
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      openedBy: { id: row.opened_by_id, name: row.opened_by_name },
      closedBy: row.closed_by_id === null ? null : { id: row.closed_by_id, name: row.closed_by_name ?? '' },
      openingFloat: row.opening_float,
      countedCash: row.counted_cash,
    })),
  };
}
