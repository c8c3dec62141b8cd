import {
  reportInput,
  reportJobId,
  reportJobInput,
  topProductsInput,
  zReportInput,
} from '@allure/shared/report.schema';
import { allow, router } from '../trpc/trpc.js';
import { margins, salesByCategory, topProducts } from './product-report.service.js';
import { reportJob, startReport } from './report-jobs.js';
import { salesByCashier, salesByDay, salesByHour, salesByPaymentMethod } from './sales-report.service.js';
import { closedShifts } from './shift-list.service.js';
import { zReport } from './z-report.service.js';

/**
 * Sales reports of one store over a period of local days (shared/src/report.ts says what they count).
 * Inline, or as a job with progress (`start`, then `job`) for long periods.
 */
export const reportsRouter = router({
  salesByDay: allow('admin', 'manager')
    .input(reportInput)
    .query(({ ctx, input }) => salesByDay(ctx, ctx.principal, input)),
  salesByHour: allow('admin', 'manager')
    .input(reportInput)
    .query(({ ctx, input }) => salesByHour(ctx, ctx.principal, input)),
  byCategory: allow('admin', 'manager')
    .input(reportInput)
    .query(({ ctx, input }) => salesByCategory(ctx, ctx.principal, input)),
  byCashier: allow('admin', 'manager')
    .input(reportInput)
    .query(({ ctx, input }) => salesByCashier(ctx, ctx.principal, input)),
  byPaymentMethod: allow('admin', 'manager')
    .input(reportInput)
    .query(({ ctx, input }) => salesByPaymentMethod(ctx, ctx.principal, input)),
  topProducts: allow('admin', 'manager')
    .input(topProductsInput)
    .query(({ ctx, input }) => topProducts(ctx, ctx.principal, input)),
  margins: allow('admin', 'manager')
    .input(reportInput)
    .query(({ ctx, input }) => margins(ctx, ctx.principal, input)),
  /** The closed shifts opened in the period, newest first: whose Z-reports there are to read. */
  shifts: allow('admin', 'manager')
    .input(reportInput)
    .query(({ ctx, input }) => closedShifts(ctx, ctx.principal, input)),
  zReport: allow('admin', 'manager')
    .input(zReportInput)
    .query(({ ctx, input }) => zReport(ctx, ctx.principal, input)),
  /** Any period report as a background job, for long periods; follow it with `reports.job`. */
  start: allow('admin', 'manager')
    .input(reportJobInput)
    .mutation(({ ctx, input }) => startReport(ctx, ctx.principal, input)),
  job: allow('admin', 'manager')
    .input(reportJobId)
    .query(({ ctx, input }) => reportJob(ctx, ctx.principal, input.jobId)),
});
