import type { Redis } from 'ioredis';
import { assertPolicyName, defineScript, subjectKey } from './rate-limiter.js';

export interface LockoutPolicy {
  readonly name: string;
  readonly maxFailures: number;
  readonly lockMs: number;
  /** failures older than this are forgotten */
  readonly failureWindowMs: number;
}

export interface LockoutState {
  readonly locked: boolean;
  readonly failures: number;
  readonly retryAfterMs: number;
}

/**
 * KEYS[1]: times of the latest failures (ms of the Redis clock, newest first, at most maxFailures of them),
 * KEYS[2]: the lock, holding the failure count that set it. ARGV: maxFailures, lockMs, failureWindowMs.
 * Both scripts return {locked 1|0, failures, ms until the lock ends}.
 */
const commonLua = `
local maxFailures = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lockTtl = redis.call('PTTL', KEYS[2])
local function recentFailures()
  local count = 0
  for _, at in ipairs(redis.call('LRANGE', KEYS[1], 0, maxFailures - 1)) do
    if tonumber(at) > now - windowMs then count = count + 1 end
  end
  return count
end
`;

const stateLua = `${commonLua}
if lockTtl > 0 then return { 1, tonumber(redis.call('GET', KEYS[2])) or maxFailures, lockTtl } end
return { 0, recentFailures(), 0 }
`;

// While locked, a failure is not counted and does not extend the lock: the caller should not have checked the
// credential at all, and a lock that any attempt prolongs would let anyone keep a victim locked out forever.
// The list is dropped when the lock is set, so after it ends the subject gets maxFailures fresh attempts.
const failureLua = `${commonLua}
if lockTtl > 0 then return { 1, tonumber(redis.call('GET', KEYS[2])) or maxFailures, lockTtl } end
redis.call('LPUSH', KEYS[1], now)
redis.call('LTRIM', KEYS[1], 0, maxFailures - 1)
local failures = recentFailures()
if failures >= maxFailures then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], failures, 'PX', ARGV[2])
  return { 1, failures, tonumber(ARGV[2]) }
end
redis.call('PEXPIRE', KEYS[1], windowMs)
return { 0, failures, 0 }
`;

type LockoutArgs = [
  failuresKey: string,
  lockKey: string,
  maxFailures: number,
  lockMs: number,
  windowMs: number,
];
type LockoutReply = [locked: number, failures: number, retryAfterMs: number];

/**
 * Consecutive-failure lock-out (PIN sign-in and similar), shared by all server instances through Redis.
 * While locked, `failures` is the count that set the lock.
 * Checking `state` and later recording the outcome is not atomic: parallel attempts can all pass the check
 * before the lock is set, so pair this with a rate limit on the same subject.
 */
export class Lockout {
  private readonly current: (...args: LockoutArgs) => Promise<LockoutReply>;
  private readonly failure: (...args: LockoutArgs) => Promise<LockoutReply>;

  constructor(private readonly redis: Redis) {
    this.current = defineScript<LockoutArgs, LockoutReply>(redis, 'lockoutState', 2, stateLua);
    this.failure = defineScript<LockoutArgs, LockoutReply>(redis, 'lockoutFailure', 2, failureLua);
  }

  async state(policy: LockoutPolicy, subject: string): Promise<LockoutState> {
    return toState(await this.current(...scriptArgs(policy, subject)));
  }

  /** Records a failure; the maxFailures-th consecutive failure locks for lockMs. Atomic (one Lua script). */
  async recordFailure(policy: LockoutPolicy, subject: string): Promise<LockoutState> {
    return toState(await this.failure(...scriptArgs(policy, subject)));
  }

  /** A success clears the failure count (not an active lock). */
  async recordSuccess(policy: LockoutPolicy, subject: string): Promise<void> {
    const [failuresKey] = scriptArgs(policy, subject);
    await this.redis.del(failuresKey);
  }
}

function scriptArgs(policy: LockoutPolicy, subject: string): LockoutArgs {
  assertPolicyName(policy.name);
  for (const field of ['maxFailures', 'lockMs', 'failureWindowMs'] as const) {
    if (!Number.isInteger(policy[field]) || policy[field] < 1) {
      throw new RangeError(`lock-out policy "${policy.name}": ${field} must be an integer of at least 1`);
    }
  }
  const key = subjectKey('lo', policy.name, subject);
  return [key, `${key}:lock`, policy.maxFailures, policy.lockMs, policy.failureWindowMs];
}

function toState([locked, failures, retryAfterMs]: LockoutReply): LockoutState {
  return { locked: locked === 1, failures, retryAfterMs };
}
