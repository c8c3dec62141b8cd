import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface RateLimitPolicy {
  /** Short name, used in Redis keys and in the `RateLimit-Policy` header, e.g. "api", "login-account". */
  readonly name: string;
  /** Requests allowed per window; also the largest burst. */
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly policy: RateLimitPolicy;
  /** Requests that could still be made right now. */
  readonly remaining: number;
  /** ms until the quota is fully restored. */
  readonly resetMs: number;
  /** ms to wait before the next request can succeed; 0 when allowed. */
  readonly retryAfterMs: number;
}

/**
 * GCRA, in one script so that reading and advancing the state is atomic across server instances. The key holds
 * the theoretical arrival time (TAT): when the quota would be fully restored, in µs of the Redis clock (never
 * the callers' clocks, which may disagree). Each request pushes the TAT one emission interval further; a
 * request is refused when that would put it more than the whole window ahead of now. Unlike a fixed window,
 * capacity comes back at a steady rate, so no boundary hands out a second full quota.
 *
 * Needs Redis 5 or later, where scripts replicate their effects rather than their text: only then may a script
 * that read TIME go on to write.
 *
 * KEYS[1]: the TAT. ARGV: emission interval µs, burst µs (limit × emission), cost, '1' to consume or '0' to
 * only look. Returns {allowed 1|0, remaining, µs until fully restored, µs until this cost could pass}.
 */
const gcraLua = `
local emission = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local tat = math.max(tonumber(redis.call('GET', KEYS[1])) or now, now)
local wanted = tat + cost * emission
local allowed = wanted - now <= burst
if allowed and ARGV[4] == '1' then
  tat = wanted
  redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000))
end
local retryAfter = 0
if not allowed then retryAfter = wanted - burst - now end
local remaining = math.max(0, math.floor((burst - (tat - now)) / emission))
return { allowed and 1 or 0, remaining, tat - now, retryAfter }
`;

type GcraArgs = [key: string, emissionUs: number, burstUs: number, cost: number, write: 0 | 1];
type GcraReply = [allowed: number, remaining: number, resetUs: number, retryAfterUs: number];

/**
 * Shared by all server instances: the only state is one Redis key per (policy, subject), which expires once
 * the subject's quota is full again. Redis errors reject; whether to fail open or closed is the caller's call.
 */
export class RateLimiter {
  private readonly gcra: (...args: GcraArgs) => Promise<GcraReply>;

  constructor(private readonly redis: Redis) {
    this.gcra = defineScript<GcraArgs, GcraReply>(redis, 'rateLimitGcra', 1, gcraLua);
  }

  /** `subject` may be user-supplied (an e-mail, an IP): normalise it first; it is only ever stored hashed. */
  async consume(policy: RateLimitPolicy, subject: string, cost = 1): Promise<RateLimitDecision> {
    const emissionUs = emissionIntervalUs(policy);
    if (!Number.isInteger(cost) || cost < 1 || cost > policy.limit) {
      // A cost above the limit could never pass: waiting and retrying would not help, so it is a bug.
      throw new RangeError(`cost must be an integer from 1 to the limit ${policy.limit}, got ${cost}`);
    }
    return this.decide(policy, subject, emissionUs, cost, 1);
  }

  /** Looks without consuming: `allowed` and `retryAfterMs` are for a request of cost 1. */
  async peek(policy: RateLimitPolicy, subject: string): Promise<RateLimitDecision> {
    return this.decide(policy, subject, emissionIntervalUs(policy), 1, 0);
  }

  async reset(policy: RateLimitPolicy, subject: string): Promise<void> {
    emissionIntervalUs(policy);
    await this.redis.del(subjectKey('rl', policy.name, subject));
  }

  private async decide(
    policy: RateLimitPolicy,
    subject: string,
    emissionUs: number,
    cost: number,
    write: 0 | 1,
  ): Promise<RateLimitDecision> {
    const [allowed, remaining, resetUs, retryAfterUs] = await this.gcra(
      subjectKey('rl', policy.name, subject),
      emissionUs,
      emissionUs * policy.limit,
      cost,
      write,
    );
    return {
      allowed: allowed === 1,
      policy,
      remaining,
      resetMs: Math.ceil(resetUs / 1000),
      retryAfterMs: Math.ceil(retryAfterUs / 1000),
    };
  }
}

/**
 * The emission interval is whole µs, rounded down, and the burst is exactly `limit` of them: so a burst is
 * never more than `limit` and a key never outlives the window, at the price of a rate faster than asked by
 * less than 1 µs per request.
 */
function emissionIntervalUs(policy: RateLimitPolicy): number {
  assertPolicyName(policy.name);
  if (!Number.isInteger(policy.limit) || policy.limit < 1) {
    throw new RangeError(`rate limit policy "${policy.name}": limit must be an integer of at least 1`);
  }
  if (!Number.isFinite(policy.windowMs) || policy.windowMs < 1) {
    throw new RangeError(`rate limit policy "${policy.name}": windowMs must be at least 1`);
  }
  const emissionUs = Math.floor((policy.windowMs * 1000) / policy.limit);
  if (emissionUs < 1) {
    throw new RangeError(`rate limit policy "${policy.name}": more than one request per µs cannot be timed`);
  }
  return emissionUs;
}

/**
 * Standard headers (IETF draft-ietf-httpapi-ratelimit-headers, structured-field form):
 * `RateLimit-Policy: "<name>";q=<limit>;w=<window seconds>` and
 * `RateLimit: "<name>";r=<remaining>;t=<reset seconds, rounded up>`, plus `Retry-After: <seconds, rounded up,
 * at least 1>` when not allowed. The fields take whole seconds, so a window under 1 s is announced as 1 s.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const { policy } = decision;
  const headers: Record<string, string> = {
    'RateLimit-Policy': `"${policy.name}";q=${policy.limit};w=${Math.max(1, Math.ceil(policy.windowMs / 1000))}`,
    RateLimit: `"${policy.name}";r=${decision.remaining};t=${Math.ceil(decision.resetMs / 1000)}`,
  };
  if (!decision.allowed) {
    headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
  }
  return headers;
}

// Policy names go into Redis keys and into quoted header strings: no ':' (keys stay unambiguous), no '"'.
const policyNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Shared with the lock-out, so that both validate names the same way. */
export function assertPolicyName(name: string): void {
  if (!policyNamePattern.test(name)) {
    throw new RangeError(
      `policy name ${JSON.stringify(name)} must be 1-64 of A-Z a-z 0-9 . _ - (not starting with . _ -)`,
    );
  }
}

/**
 * `<family>:<policy name>:<hash of subject>`. Subjects are user-supplied (e-mails, IPs): hashing keeps them out
 * of Redis, where keys show up in monitoring and dumps, and bounds the key length whatever the input.
 * Shared with the lock-out so that both hash subjects the same way.
 */
export function subjectKey(family: 'rl' | 'lo', policyName: string, subject: string): string {
  const hash = createHash('sha256').update(subject, 'utf8').digest('base64url').slice(0, 22);
  return `${family}:${policyName}:${hash}`;
}

/**
 * Registers a Lua script on this client and returns it as a typed function. ioredis runs it by SHA (EVALSHA),
 * sending the text only the first time on each connection, and applies the client's key prefix to its keys.
 * The reply type is the script's contract, which nothing checks: keep the two side by side.
 */
export function defineScript<Args extends (string | number)[], Reply>(
  redis: Redis,
  name: string,
  numberOfKeys: number,
  lua: string,
): (...args: Args) => Promise<Reply> {
  redis.defineCommand(name, { numberOfKeys, lua });
  const command: unknown = Reflect.get(redis, name);
  if (typeof command !== 'function') throw new Error(`ioredis did not define the script command ${name}`);
  return (...args) => command.apply(redis, args);
}
