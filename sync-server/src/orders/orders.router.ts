import { email, uuid } from '@allure/shared/common.schema';
import { orderNumber } from '@allure/shared/order-number';
import { pageInput } from '@allure/shared/pagination';
import { z } from 'zod';
import { allow, publicProcedure, router } from '../trpc/trpc.js';
import { getOrder, listMyOrders, trackOrder, trackOrderByLink } from './order-access.service.js';

export const ordersRouter = router({
  /** One order, if the caller may see it: their own (customers), their store's (staff, tills), any (admins). */
  get: allow('admin', 'manager', 'cashier', 'customer', 'terminal')
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => getOrder(ctx, ctx.principal, input.id)),
  mine: allow('customer')
    .input(pageInput)
    .query(({ ctx, input }) => listMyOrders(ctx, ctx.principal, input)),
  /** Guests: order number and the e-mail it was placed with. */
  track: publicProcedure
    .input(z.object({ number: orderNumber, email }))
    .query(({ ctx, input }) => trackOrder(ctx, input)),
  trackByLink: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => trackOrderByLink(ctx, input.token)),
});
