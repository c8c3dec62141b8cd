import { byIdInput, email, uuid } from '@allure/shared/common.schema';
import { orderFilterInput, orderListInput, orderRefundInput } from '@allure/shared/order-admin.schema';
import { orderNumber } from '@allure/shared/order-number';
import { pageInput } from '@allure/shared/pagination';
import { z } from 'zod';
import { allow, publicProcedure, router } from '../trpc/trpc.js';
import { getOrder, listMyOrders, trackOrder, trackOrderByLink } from './order-access.service.js';
import { countOrders, getOrderDetail, listOrders } from './order-admin.service.js';
import { refundOrder } from './order-refund.service.js';

/** The back office: orders of both channels, managers' of their store, admins' of every store. */
const adminRouter = router({
  /** Newest first, keyset pages; the total is `count`, asked separately. */
  list: allow('admin', 'manager')
    .input(orderListInput)
    .query(({ ctx, input }) => listOrders(ctx, ctx.principal, input)),
  /** `{ value, exact }`: exact up to 10,000 orders, the planner's estimate above. */
  count: allow('admin', 'manager')
    .input(orderFilterInput)
    .query(({ ctx, input }) => countOrders(ctx, ctx.principal, input)),
  get: allow('admin', 'manager')
    .input(byIdInput)
    .query(({ ctx, input }) => getOrderDetail(ctx, ctx.principal, input.id)),
  /** Full or by lines, restocking optional; idempotent by the refund id. */
  refund: allow('admin', 'manager')
    .input(orderRefundInput)
    .mutation(({ ctx, input }) => refundOrder(ctx, ctx.principal, input)),
});

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
  admin: adminRouter,
});
