import { orderFilterInput } from '@allure/shared/order-admin.schema';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendAppError, staffOf } from '../auth/staff-route.js';
import { EXPORT_TIMEOUT_MS, exportOrdersCsv } from './order-export.service.js';
/**
 * GET /exports/orders.csv?<the order list's filters>: a plain route, not a tRPC procedure, because the
 * answer is a file streamed for as long as it takes, which a browser downloads or a script pipes to disk.
 * Same bearer token, roles, scope and rate limit as the procedures; filters are refused with 400 exactly as
 * the list refuses them.
 */

/** Exports one instance runs at once: each holds a pooled connection for its whole length. */
export const MAX_CONCURRENT_EXPORTS = 2;

export const orderExportRoutes: FastifyPluginAsync = async (app) => {
  let running = 0;

  app.get('/exports/orders.csv', { handlerTimeout: EXPORT_TIMEOUT_MS }, async (request, reply) => {
    const staff = await staffOf(app, request, reply);
    if (!staff) return reply;
    const filter = orderFilterInput.safeParse(request.query);
    if (!filter.success) {
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: z.prettifyError(filter.error),
        fieldErrors: z.flattenError(filter.error).fieldErrors,
      });
    }
    try {
      if (running >= MAX_CONCURRENT_EXPORTS) {
        return reply.code(503).header('retry-after', '30').send({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'exports are busy; try again shortly',
        });
      }
      running += 1;
      let finished = false;
      const release = () => {
        if (finished) return;
        finished = true;
        running -= 1;
      };
      const csv = await exportOrdersCsv(app.db.pool, staff, filter.data, release).catch((error: unknown) => {
        release();
        throw error;
      });
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="orders-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    } catch (error) {
      return sendAppError(reply, error);
    }
  });
};
