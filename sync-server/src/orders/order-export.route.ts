import { orderFilterInput } from '@allure/shared/order-admin.schema';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { rateLimitSubject } from '../auth/principal.js';
import type { StaffPrincipal } from '../auth/store-scope.js';
import { AppError, TooManyRequestsError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { authenticate } from '../trpc/context.js';
import { EXPORT_TIMEOUT_MS, exportOrdersCsv } from './order-export.service.js';

/**
 * GET /exports/orders.csv?<the order list's filters>: a plain route, not a tRPC procedure, because the
 * answer is a file streamed for as long as it takes, which a browser downloads or a script pipes to disk.
 * Same bearer token, roles, scope and rate limit as the procedures; filters are refused with 400 exactly as
 * the list refuses them.
 */

/** Exports one instance runs at once: each holds a pooled connection for its whole length. */
export const MAX_CONCURRENT_EXPORTS = 2;

function refuse(reply: FastifyReply, status: number, message: string) {
  const error = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Bad Request';
  return reply.code(status).send({ statusCode: status, error, message });
}

export const orderExportRoutes: FastifyPluginAsync = async (app) => {
  let running = 0;

  app.get('/exports/orders.csv', { handlerTimeout: EXPORT_TIMEOUT_MS }, async (request, reply) => {
    const { principal, credentialProblem } = await authenticate(app.auth, request.headers.authorization);
    if (!principal) return refuse(reply, 401, credentialProblem ?? 'sign in first');
    if (principal.kind !== 'user' || (principal.role !== 'admin' && principal.role !== 'manager')) {
      return refuse(reply, 403, 'your role may not do this');
    }
    const staff = principal as StaffPrincipal;
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
      await enforceRateLimits(
        { auth: app.auth, log: request.log, reply },
        [[app.auth.apiLimit, rateLimitSubject(staff, request.ip)]],
        'open',
      );
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
      if (!(error instanceof AppError)) throw error;
      if (error instanceof TooManyRequestsError) reply.headers(error.headers);
      const status = getHTTPStatusCodeFromError(new TRPCError({ code: error.code }));
      return reply.code(status).send({ statusCode: status, error: error.name, message: error.message });
    }
  });
};
