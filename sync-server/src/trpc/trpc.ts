import type { Role } from '@allure/shared/enums';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import {
  type Audience,
  audienceOf,
  type Principal,
  rateLimitSubject,
  type TerminalPrincipal,
  type UserPrincipal,
} from '../auth/principal.js';
import { AppError, TooManyRequestsError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import type { Context } from './context.js';

/**
 * Every procedure declares who may call it: `'public'`, or the roles (and `'terminal'` for an enrolled
 * till's device credential) it admits. A procedure without a declaration refuses everyone; the
 * authorization test enumerates the router to prove there is none.
 */
export interface Meta {
  allow: 'public' | readonly Audience[];
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Never ship stack traces, whatever NODE_ENV says.
    isDev: false,
    // Live sync streams: a ping keeps proxies and the socket timeout from closing a quiet stream, and
    // tells the client to reconnect when pings stop coming.
    sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
    errorFormatter({ shape, error }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        // A 5xx never echoes an internal message; the request id lets support find the log line.
        message: internal ? 'Internal server error' : shape.message,
        data: {
          ...shape.data,
          zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
        },
      };
    },
  });

/** Maps the coded errors services throw to transport errors, in this one place. */
const appErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    if (cause instanceof TooManyRequestsError) ctx.reply?.headers(cause.headers);
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

const observed = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  ctx.metrics?.procedureDuration.observe(
    { procedure: path, type, outcome: result.ok ? 'ok' : result.error.code },
    (performance.now() - started) / 1000,
  );
  return result;
});

/** The general quota: per user, per terminal, or per address for anonymous callers. */
const rateLimited = t.middleware(async ({ ctx, next }) => {
  await enforceRateLimits(ctx, [[ctx.auth.apiLimit, rateLimitSubject(ctx.principal, ctx.ip)]], 'open');
  return next();
});

const authorized = t.middleware(({ ctx, meta, next }) => {
  const allow = meta?.allow;
  if (allow === undefined) {
    ctx.log.error('procedure without an access declaration called');
    throw new TRPCError({ code: 'FORBIDDEN', message: 'this procedure is not available' });
  }
  if (allow === 'public') return next();
  if (!ctx.principal) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.credentialProblem ?? 'sign in first' });
  }
  if (!allow.includes(audienceOf(ctx.principal))) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'your role may not do this' });
  }
  return next();
});

const procedure = t.procedure.use(observed).use(appErrors).use(rateLimited).use(authorized);

/** The principal type a procedure admitting `A` receives. */
export type PrincipalOf<A extends Audience> = [A] extends ['terminal']
  ? TerminalPrincipal
  : [A] extends [Role]
    ? UserPrincipal & { readonly role: A }
    : Principal;

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = procedure.meta({ allow: 'public' });

/** A procedure only the given roles (or enrolled terminals) may call; `ctx.principal` is theirs. */
export function allow<const A extends Audience>(...audience: [A, ...A[]]) {
  return procedure.meta({ allow: audience }).use(({ ctx, next }) => {
    // `authorized` has checked it; this only tells the type system.
    if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED' });
    return next({ ctx: { principal: ctx.principal as PrincipalOf<A> } });
  });
}
