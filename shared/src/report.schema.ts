/**
 * Inputs of the sales reports (report.ts says what they count). A period is a range of calendar days in
 * the store's time zone, `from` and `to` both included, at most MAX_REPORT_DAYS days. A manager reports on
 * their own store (`storeId` may be left out); an admin names the store, each store having its own
 * currency and time zone.
 */
import { z } from 'zod';
import { uuid } from './common.schema.js';
import { channel } from './enums.js';
import { daysInPeriod } from './report.js';

export const MAX_REPORT_DAYS = 366;
export const MAX_TOP_PRODUCTS = 100;

/** A calendar day, YYYY-MM-DD. */
export const localDate = z.iso.date();

const periodFields = {
  storeId: uuid.optional(),
  from: localDate,
  to: localDate,
  /** Only the till's sales, or only the web shop's. */
  channel: channel.optional(),
};

function checkPeriod(input: { from: string; to: string }, ctx: z.RefinementCtx): void {
  // zod runs this even when a date was refused above; that date has its own issue already.
  let days: number;
  try {
    days = daysInPeriod(input.from, input.to);
  } catch {
    return;
  }
  if (days < 1) ctx.addIssue({ code: 'custom', message: 'to must not be before from', path: ['to'] });
  if (days > MAX_REPORT_DAYS) {
    ctx.addIssue({
      code: 'custom',
      message: `a report covers at most ${MAX_REPORT_DAYS} days`,
      path: ['to'],
    });
  }
}

export const reportInput = z.object(periodFields).superRefine(checkPeriod);
export type ReportInput = z.infer<typeof reportInput>;

export const topProductsInput = z
  .object({
    ...periodFields,
    limit: z.number().int().min(1).max(MAX_TOP_PRODUCTS).default(20),
    /** Net sales before tax, or units net of refunds. */
    rankBy: z.enum(['sales', 'units']).default('sales'),
  })
  .superRefine(checkPeriod);
export type TopProductsInput = z.infer<typeof topProductsInput>;

export const zReportInput = z.object({ shiftId: uuid });
export type ZReportInput = z.infer<typeof zReportInput>;

/** The period reports, by procedure name; any of them can also run as a job (`reports.start`). */
export const periodReports = [
  'salesByDay',
  'salesByHour',
  'byCategory',
  'byCashier',
  'byPaymentMethod',
  'margins',
] as const;

/**
 * A report to run in the background, with progress: long periods over a busy store take a while. `input`
 * is the period (plus, for topProducts, its limit and ranking, which the other reports ignore).
 */
export const reportJobInput = z.object({
  report: z.enum([...periodReports, 'topProducts']),
  input: topProductsInput,
});
export type ReportJobInput = z.infer<typeof reportJobInput>;

/** A report job id, as `reports.start` gives it. */
export const reportJobId = z.object({
  jobId: z.string().regex(/^report-[0-9a-f]{64}$/, 'not a report job id'),
});
