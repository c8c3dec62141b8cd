import { allow, router } from '../trpc/trpc.js';
import { listStores } from './store.service.js';

export const storesRouter = router({
  /** The stores the caller works on: every store for an admin, their own for a manager. */
  list: allow('admin', 'manager').query(({ ctx }) => listStores(ctx, ctx.principal)),
});
