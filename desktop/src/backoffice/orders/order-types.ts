import type { ManagerSession } from '../manager-session.js';

type Orders = ManagerSession['api']['orders']['admin'];

/** An order as a row of `orders.admin.list`. */
export type OrderSummary = Awaited<ReturnType<Orders['list']['query']>>['items'][number];
/** An order in full, as `orders.admin.get` answers. */
export type OrderDetail = Awaited<ReturnType<Orders['get']['query']>>;
/** `orders.admin.count`: exact, or the planner's estimate for large sets. */
export type OrderCount = Awaited<ReturnType<Orders['count']['query']>>;
