import { byIdInput } from '@allure/shared/common.schema';
import { pageInput } from '@allure/shared/pagination';
import { allow, router } from '../trpc/trpc.js';
import { listDeadLetters, resolveDeadLetter } from './dead-letters.service.js';
import { openQueueDashboard } from './queue-dashboard.js';

export const jobsRouter = router({
  deadLetters: router({
    list: allow('admin', 'manager')
      .input(pageInput)
      .query(({ ctx, input }) => listDeadLetters(ctx, ctx.principal, input)),
    resolve: allow('admin', 'manager')
      .input(byIdInput)
      .mutation(({ ctx, input }) => resolveDeadLetter(ctx, ctx.principal, input.id)),
  }),
  /** Lets this browser open the queue dashboard (/admin/queues) for a few minutes. */
  openDashboard: allow('admin', 'manager').mutation(({ ctx }) => openQueueDashboard(ctx, ctx.principal)),
});
