import { ServiceUnavailableError, TooManyRequestsError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { type RateLimitDecision, type RateLimitPolicy, rateLimitHeaders } from './rate-limiter.js';

export type Check = readonly [policy: RateLimitPolicy, subject: string];

/**
 * Consumes one request from each check and throws TooManyRequestsError (429, Retry-After, RateLimit
 * headers) when any is exhausted; otherwise sets the RateLimit headers of the tightest one.
 *
 * When Redis cannot answer, `failure: 'closed'` refuses with 503 (credential checks: an attacker must not
 * get unlimited guesses by knocking Redis over), `'open'` lets the request through and logs it (ordinary
 * traffic: a store keeps selling).
 */
export async function enforceRateLimits(
  ctx: Pick<Context, 'auth' | 'log' | 'reply'>,
  checks: readonly Check[],
  failure: 'open' | 'closed',
): Promise<void> {
  let decisions: RateLimitDecision[];
  try {
    decisions = await Promise.all(
      checks.map(([policy, subject]) => ctx.auth.limiter.consume(policy, subject)),
    );
  } catch (error) {
    if (failure === 'open') {
      ctx.log.warn({ err: error }, 'rate limiter unavailable: request allowed');
      return;
    }
    throw new ServiceUnavailableError('this check is temporarily unavailable; try again in a minute', {
      cause: error,
    });
  }
  const refused = decisions
    .filter((decision) => !decision.allowed)
    .sort((a, b) => b.retryAfterMs - a.retryAfterMs)[0];
  if (refused) {
    const seconds = Math.max(1, Math.ceil(refused.retryAfterMs / 1000));
    throw new TooManyRequestsError(
      `too many requests (${refused.policy.name}): try again in ${seconds} s`,
      rateLimitHeaders(refused),
    );
  }
  const tightest = decisions.sort((a, b) => a.remaining - b.remaining)[0];
  if (tightest) ctx.reply?.headers(rateLimitHeaders(tightest));
}
