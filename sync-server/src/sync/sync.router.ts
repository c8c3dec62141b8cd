import { byIdInput } from '@allure/shared/common.schema';
import { pageInput } from '@allure/shared/pagination';
import { pullInput, pushInput } from '@allure/shared/sync.schema';
import { allow, router } from '../trpc/trpc.js';
import { pull, push, stream } from './sync.service.js';
import {
  listDiscrepancies,
  listQuarantine,
  resolveDiscrepancy,
  resolveQuarantined,
} from './sync-issues.service.js';

export const syncRouter = router({
  /** RxDB pull: documents changed after a checkpoint. */
  pull: allow('terminal')
    .input(pullInput)
    .query(({ ctx, input }) => pull(ctx, ctx.principal, input)),
  /** RxDB push: orders and shifts; answers the conflicts. */
  push: allow('terminal')
    .input(pushInput)
    .mutation(({ ctx, input }) => push(ctx, ctx.principal, input)),
  /** Live changes over server-sent events; `resync` on every (re)connection. */
  stream: allow('terminal').subscription(({ ctx, signal }) => stream(ctx, ctx.principal, signal)),

  quarantine: router({
    list: allow('admin', 'manager')
      .input(pageInput)
      .query(({ ctx, input }) => listQuarantine(ctx, ctx.principal, input)),
    /** Handled: taken off the open list. */
    resolve: allow('admin', 'manager')
      .input(byIdInput)
      .mutation(({ ctx, input }) => resolveQuarantined(ctx, ctx.principal, input.id)),
  }),
  discrepancies: router({
    list: allow('admin', 'manager')
      .input(pageInput)
      .query(({ ctx, input }) => listDiscrepancies(ctx, ctx.principal, input)),
    resolve: allow('admin', 'manager')
      .input(byIdInput)
      .mutation(({ ctx, input }) => resolveDiscrepancy(ctx, ctx.principal, input.id)),
  }),
});
