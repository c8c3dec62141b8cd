import { checkoutInput, orderStatusInput } from '@allure/shared/checkout.schema';
import { publicProcedure, router } from '../trpc/trpc.js';
import { placeOrder } from './checkout.service.js';
import { orderProgress, watchOrder } from './order-status.service.js';

export const checkoutRouter = router({
  /** Guests and signed-in customers; answers at once with the pending order (payment runs in the background). */
  place: publicProcedure
    .input(checkoutInput)
    .mutation(({ ctx, input }) => placeOrder(ctx, ctx.principal, input)),
  /** Where an order stands, with its history, by the tracking token checkout returned. */
  status: publicProcedure
    .input(orderStatusInput)
    .query(({ ctx, input }) => orderProgress(ctx, input.trackingToken)),
  /** The same, pushed each time it changes (server-sent events). */
  watch: publicProcedure
    .input(orderStatusInput)
    .subscription(({ ctx, input, signal }) => watchOrder(ctx, input.trackingToken, signal)),
});
