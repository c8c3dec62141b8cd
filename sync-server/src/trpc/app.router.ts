import { authRouter } from '../auth/auth.router.js';
import { catalogRouter } from '../catalog/catalog.router.js';
import { checkoutRouter } from '../checkout/checkout.router.js';
import { inventoryRouter } from '../inventory/inventory.router.js';
import { mediaRouter } from '../media/media.router.js';
import { ordersRouter } from '../orders/orders.router.js';
import { jobsRouter } from '../queue/jobs.router.js';
import { reportsRouter } from '../reports/reports.router.js';
import { staffRouter } from '../staff/staff.router.js';
import { storesRouter } from '../stores/stores.router.js';
import { syncRouter } from '../sync/sync.router.js';
import { terminalsRouter } from '../terminals/terminals.router.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  catalog: catalogRouter,
  checkout: checkoutRouter,
  inventory: inventoryRouter,
  jobs: jobsRouter,
  media: mediaRouter,
  orders: ordersRouter,
  reports: reportsRouter,
  staff: staffRouter,
  stores: storesRouter,
  sync: syncRouter,
  terminals: terminalsRouter,
});

/** The only thing clients import from the server. */
export type AppRouter = typeof appRouter;
