import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, TooManyRequestsError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { authenticate } from '../trpc/context.js';
import { rateLimitSubject } from './principal.js';
import type { StaffPrincipal } from './store-scope.js';

// For the few plain HTTP routes beside tRPC (a CSV download, an image upload): the same bearer token, roles
// and rate limit as the procedures, and the same status codes for the same errors.

function refuse(reply: FastifyReply, status: 401 | 403, message: string) {
  return reply
    .code(status)
    .send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message });
}

/**
 * The manager or admin making the request, after one request of their rate limit; null when the reply
 * has already refused them (401, 403 or 429).
 */
export async function staffOf(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<StaffPrincipal | null> {
  const { principal, credentialProblem } = await authenticate(app.auth, request.headers.authorization);
  if (!principal) {
    await refuse(reply, 401, credentialProblem ?? 'sign in first');
    return null;
  }
  if (principal.kind !== 'user' || (principal.role !== 'admin' && principal.role !== 'manager')) {
    await refuse(reply, 403, 'your role may not do this');
    return null;
  }
  const staff = principal as StaffPrincipal;
  try {
    await enforceRateLimits(
      { auth: app.auth, log: request.log, reply },
      [[app.auth.apiLimit, rateLimitSubject(staff, request.ip)]],
      'open',
    );
  } catch (error) {
    await sendAppError(reply, error);
    return null;
  }
  return staff;
}

/** Answers a service's AppError with its status code and message; rethrows anything else (a 500). */
export function sendAppError(reply: FastifyReply, error: unknown) {
  if (!(error instanceof AppError)) throw error;
  if (error instanceof TooManyRequestsError) reply.headers(error.headers);
  const status = getHTTPStatusCodeFromError(new TRPCError({ code: error.code }));
  return reply.code(status).send({ statusCode: status, error: error.name, message: error.message });
}
