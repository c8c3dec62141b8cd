import type { Config } from '../config.js';
import type { Lockout } from '../rate-limit/lockout.js';
import type { RateLimiter, RateLimitPolicy } from '../rate-limit/rate-limiter.js';
import type { AuthKeys } from './keys.js';
import type { Revocations } from './revocation.js';

/** What authentication needs beyond the database, built once per app (auth.plugin.ts). */
export interface AuthRuntime {
  readonly keys: AuthKeys;
  readonly settings: Config['auth'];
  readonly revocations: Revocations;
  readonly limiter: RateLimiter;
  readonly lockout: Lockout;
  /** The general per-caller quota (RATE_LIMIT_PER_MINUTE). */
  readonly apiLimit: RateLimitPolicy;
  /** Web checkouts per address (CHECKOUT_PER_IP_15MIN). */
  readonly checkoutLimit: RateLimitPolicy;
}
