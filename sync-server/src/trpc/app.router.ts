import { catalogRouter } from '../catalog/catalog.router.js';
import { router } from './trpc.js';

export const appRouter = router({
  catalog: catalogRouter,
});

/** The only thing clients import from the server. */
export type AppRouter = typeof appRouter;
