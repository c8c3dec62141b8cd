import { createHash } from 'node:crypto';
import type { ReportJobInput } from '@allure/shared/report.schema';
import type { Job } from 'bullmq';
import type { StaffPrincipal } from '../auth/store-scope.js';
import { NotFoundError, ServiceUnavailableError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { margins, salesByCategory, topProducts } from './product-report.service.js';
import type { Progress } from './report-period.js';
import { salesByCashier, salesByDay, salesByHour, salesByPaymentMethod } from './sales-report.service.js';

/** What a report job carries: plain data, the principal included (the worker checks scope as the API does). */
export interface ReportJobData {
  request: ReportJobInput;
  principal: StaffPrincipal;
}

export interface ReportJobState {
  jobId: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'unknown';
  /** 0 to 100. */
  progress: number;
  result: unknown;
  error: string | null;
}

/** Runs the report a job asks for, reporting progress window by window. */
export function runReport(
  ctx: Pick<Context, 'db'>,
  data: ReportJobData,
  onProgress: Progress,
): Promise<unknown> {
  const { request, principal } = data;
  switch (request.report) {
    case 'salesByDay':
      return salesByDay(ctx, principal, request.input, onProgress);
    case 'salesByHour':
      return salesByHour(ctx, principal, request.input, onProgress);
    case 'byCategory':
      return salesByCategory(ctx, principal, request.input, onProgress);
    case 'byCashier':
      return salesByCashier(ctx, principal, request.input, onProgress);
    case 'byPaymentMethod':
      return salesByPaymentMethod(ctx, principal, request.input, onProgress);
    case 'margins':
      return margins(ctx, principal, request.input, onProgress);
    case 'topProducts':
      return topProducts(ctx, principal, request.input, onProgress);
  }
}

/** The same request by the same person shares one job (and its result, kept an hour). */
function jobIdOf(request: ReportJobInput, principal: StaffPrincipal): string {
  const key = JSON.stringify({ request, user: principal.userId });
  return `report-${createHash('sha256').update(key).digest('hex')}`;
}

export async function startReport(
  ctx: Pick<Context, 'jobs'>,
  principal: StaffPrincipal,
  request: ReportJobInput,
): Promise<{ jobId: string }> {
  const jobId = jobIdOf(request, principal);
  const data: ReportJobData = { request, principal };
  if (!(await ctx.jobs.runReport(jobId, data))) {
    throw new ServiceUnavailableError('reports cannot be queued right now; try again in a minute');
  }
  return { jobId };
}

/** Where a report job stands, for whoever started it (or an admin); anyone else is told it does not exist. */
export async function reportJob(
  ctx: Pick<Context, 'jobs'>,
  principal: StaffPrincipal,
  jobId: string,
): Promise<ReportJobState> {
  const job: Job<ReportJobData> | undefined = await ctx.jobs.queues.reports.getJob(jobId);
  if (!job || (principal.role !== 'admin' && job.data.principal.userId !== principal.userId)) {
    throw new NotFoundError('report job', jobId);
  }
  const state = await job.getState();
  return {
    jobId,
    state:
      state === 'completed' || state === 'failed' || state === 'active'
        ? state
        : state === 'unknown'
          ? 'unknown'
          : 'waiting',
    progress: typeof job.progress === 'number' ? job.progress : 0,
    result: state === 'completed' ? job.returnvalue : null,
    error: state === 'failed' ? job.failedReason : null,
  };
}
