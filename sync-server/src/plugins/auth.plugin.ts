import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { AuthRuntime } from '../auth/auth-runtime.js';
import { deriveAuthKeys } from '../auth/keys.js';
import { Revocations } from '../auth/revocation.js';
import type { Config } from '../config.js';
import { Lockout } from '../rate-limit/lockout.js';
import { apiPolicy, checkoutPolicy } from '../rate-limit/policies.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthRuntime;
  }
}

/** Keys, revocation list, rate limiter and lock-out, shared by every request. Requires db and redis. */
export const authPlugin = fp(
  async (app, options: { config: Config }) => {
    const { auth, rateLimitPerMinute, checkoutPer15Min } = options.config;
    // Tokens may be verified up to 5 s past their expiry (clock tolerance in access-token.ts).
    const revocationListSeconds = auth.accessTokenTtlS + 5;
    app.decorate('auth', {
      keys: deriveAuthKeys(auth.secret),
      settings: auth,
      revocations: new Revocations(app.redis, app.db.prisma, revocationListSeconds),
      limiter: new RateLimiter(app.redis),
      lockout: new Lockout(app.redis),
      apiLimit: apiPolicy(rateLimitPerMinute),
      checkoutLimit: checkoutPolicy(checkoutPer15Min),
    } satisfies AuthRuntime);
    await app.register(cookie);
  },
  { name: 'auth', dependencies: ['db', 'redis'] },
);
