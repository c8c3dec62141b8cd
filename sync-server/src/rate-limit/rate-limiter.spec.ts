import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type RateLimitDecision,
  RateLimiter,
  type RateLimitPolicy,
  rateLimitHeaders,
} from './rate-limiter.js';

const redisUrl = 'redis://127.0.0.1:6379';
const prefix = `test:rl:${randomUUID().slice(0, 8)}:`;
const redis = new Redis(redisUrl, { keyPrefix: prefix, lazyConnect: false });
const limiter = new RateLimiter(redis);

// Each test drains its own subject, so tests never see each other's state.
const newSubject = () => `client-${randomUUID()}`;

/** Keys under this file's prefix, without the prefix (KEYS patterns and replies are not prefixed). */
async function ownKeys(): Promise<string[]> {
  return (await redis.keys(`${prefix}*`)).map((key) => key.slice(prefix.length));
}

async function drain(
  policy: RateLimitPolicy,
  subject: string,
  attempts: number,
): Promise<RateLimitDecision[]> {
  const decisions: RateLimitDecision[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) decisions.push(await limiter.consume(policy, subject));
  return decisions;
}

afterAll(async () => {
  const keys = await ownKeys();
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('RateLimiter.consume', () => {
  const slow: RateLimitPolicy = { name: 'api', limit: 5, windowMs: 60_000 };

  it('allows exactly `limit` requests in a burst, then refuses', async () => {
    const decisions = await drain(slow, newSubject(), 7);
    expect(decisions.map((decision) => decision.allowed)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(decisions.map((decision) => decision.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
  });

  it('reports remaining, reset and retry-after consistently with the rate', async () => {
    const policy: RateLimitPolicy = { name: 'api', limit: 4, windowMs: 2_000 };
    const subject = newSubject();
    const first = await limiter.consume(policy, subject);
    // One request uses one emission interval (2000 / 4 ms) of the window.
    expect(first).toMatchObject({ allowed: true, remaining: 3, retryAfterMs: 0 });
    expect(first.resetMs).toBeGreaterThan(450);
    expect(first.resetMs).toBeLessThanOrEqual(500);

    const [, , last, refused] = await drain(policy, subject, 4);
    expect(last).toMatchObject({ allowed: true, remaining: 0, retryAfterMs: 0 });
    expect(last?.resetMs).toBeGreaterThan(1_900);
    expect(last?.resetMs).toBeLessThanOrEqual(2_000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    // The next request fits as soon as one interval has drained, long before the whole quota is back.
    expect(refused?.retryAfterMs).toBeGreaterThan(400);
    expect(refused?.retryAfterMs).toBeLessThanOrEqual(500);
    expect(refused?.resetMs).toBeGreaterThan(1_900);
  });

  it('gives back one request per windowMs / limit', async () => {
    const policy: RateLimitPolicy = { name: 'api', limit: 10, windowMs: 1_000 };
    const subject = newSubject();
    const refused = (await drain(policy, subject, 11))[10];
    expect(refused?.allowed).toBe(false);

    await sleep((refused?.retryAfterMs ?? 0) + 15);
    const after = await drain(policy, subject, 2);
    expect(after.map((decision) => decision.allowed)).toEqual([true, false]);
  });

  it('does not hand out a fresh quota at a window boundary', async () => {
    const policy: RateLimitPolicy = { name: 'api', limit: 10, windowMs: 1_000 };
    const subject = newSubject();
    // Start just after a whole second and spend the quota just before the next one, so that this test catches
    // fixed windows aligned to the clock as well as fixed windows started by the first request.
    await sleep(1_000 - (Date.now() % 1_000));
    await limiter.consume(policy, subject);
    await sleep(Math.max(0, 940 - (Date.now() % 1_000)));
    const spent = await drain(policy, subject, 11);
    expect(spent.filter((decision) => decision.allowed).length).toBeGreaterThanOrEqual(9);
    expect(spent.at(-1)?.allowed).toBe(false);

    await sleep(110);
    const afterBoundary = await drain(policy, subject, 10);
    expect(afterBoundary.filter((decision) => decision.allowed).length).toBeLessThanOrEqual(1);
  });

  it('shares one quota between server instances (separate connections)', async () => {
    const other = new Redis(redisUrl, { keyPrefix: prefix, lazyConnect: false });
    try {
      const otherLimiter = new RateLimiter(other);
      const subject = newSubject();
      expect((await limiter.consume(slow, subject, 3)).remaining).toBe(2);
      expect((await otherLimiter.consume(slow, subject)).remaining).toBe(1);
      expect((await limiter.consume(slow, subject)).remaining).toBe(0);
      expect((await otherLimiter.consume(slow, subject)).allowed).toBe(false);
    } finally {
      await other.quit();
    }
  });

  it('charges a cost of several requests at once, and refuses it whole', async () => {
    const policy: RateLimitPolicy = { name: 'export', limit: 10, windowMs: 10_000 };
    const subject = newSubject();
    expect(await limiter.consume(policy, subject, 4)).toMatchObject({ allowed: true, remaining: 6 });

    const tooMuch = await limiter.consume(policy, subject, 7);
    expect(tooMuch).toMatchObject({ allowed: false, remaining: 6 });
    // One interval short: 7 fit once one more request's worth has drained.
    expect(tooMuch.retryAfterMs).toBeGreaterThan(900);
    expect(tooMuch.retryAfterMs).toBeLessThanOrEqual(1_000);

    expect(await limiter.consume(policy, subject, 6)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('rejects a cost that could never pass, without charging anything', async () => {
    const subject = newSubject();
    await expect(limiter.consume(slow, subject, 6)).rejects.toBeInstanceOf(RangeError);
    await expect(limiter.consume(slow, subject, 0)).rejects.toBeInstanceOf(RangeError);
    await expect(limiter.consume(slow, subject, 1.5)).rejects.toBeInstanceOf(RangeError);
    expect((await limiter.peek(slow, subject)).remaining).toBe(5);
  });

  it('keeps subjects and policies apart', async () => {
    const subject = newSubject();
    await drain(slow, subject, 5);
    expect((await limiter.consume(slow, subject)).allowed).toBe(false);
    expect(await limiter.consume(slow, newSubject())).toMatchObject({ allowed: true, remaining: 4 });
    const otherPolicy: RateLimitPolicy = { name: 'login-account', limit: 5, windowMs: 60_000 };
    expect(await limiter.consume(otherPolicy, subject)).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('rejects invalid policies', async () => {
    const invalid: RateLimitPolicy[] = [
      { name: 'api', limit: 0, windowMs: 1_000 },
      { name: 'api', limit: 2.5, windowMs: 1_000 },
      { name: 'api', limit: 10, windowMs: 0 },
      { name: 'api', limit: 10, windowMs: Number.NaN },
      { name: 'api', limit: 5_000, windowMs: 1 },
      { name: '', limit: 10, windowMs: 1_000 },
      { name: 'a:b', limit: 10, windowMs: 1_000 },
      { name: 'say "hi"', limit: 10, windowMs: 1_000 },
    ];
    for (const policy of invalid) {
      await expect(limiter.consume(policy, 'x'), JSON.stringify(policy)).rejects.toBeInstanceOf(RangeError);
    }
  });

  it('rejects when Redis cannot be reached instead of deciding either way', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => {});
    try {
      await expect(new RateLimiter(unreachable).consume(slow, 'x')).rejects.toThrow();
    } finally {
      unreachable.disconnect();
    }
  });
});

describe('RateLimiter.peek and reset', () => {
  const policy: RateLimitPolicy = { name: 'api', limit: 3, windowMs: 60_000 };

  it('peek reports the state without consuming', async () => {
    const subject = newSubject();
    expect(await limiter.peek(policy, subject)).toMatchObject({ allowed: true, remaining: 3, resetMs: 0 });
    await limiter.consume(policy, subject, 3);
    const first = await limiter.peek(policy, subject);
    const second = await limiter.peek(policy, subject);
    expect(first).toMatchObject({ allowed: false, remaining: 0 });
    expect(second).toMatchObject({ allowed: false, remaining: 0 });
    expect(first.retryAfterMs).toBeGreaterThan(19_000);
    expect(first.retryAfterMs).toBeLessThanOrEqual(20_000);
  });

  it('peek does not create a key', async () => {
    const subject = newSubject();
    const before = await ownKeys();
    await limiter.peek(policy, subject);
    expect(await ownKeys()).toEqual(before);
  });

  it('reset restores the full quota', async () => {
    const subject = newSubject();
    await limiter.consume(policy, subject, 3);
    await limiter.reset(policy, subject);
    expect(await limiter.consume(policy, subject)).toMatchObject({ allowed: true, remaining: 2 });
  });
});

describe('RateLimiter keys', () => {
  it('expire once the quota would be full again', async () => {
    const policy: RateLimitPolicy = { name: 'ttl-check', limit: 4, windowMs: 2_000 };
    const subject = newSubject();
    await limiter.consume(policy, subject);
    const [key] = (await ownKeys()).filter((candidate) => candidate.startsWith('rl:ttl-check:'));
    expect(key).toMatch(/^rl:ttl-check:[A-Za-z0-9_-]{22}$/);
    const afterOne = await redis.pttl(key ?? '');
    expect(afterOne).toBeGreaterThan(0);
    expect(afterOne).toBeLessThanOrEqual(500);

    await limiter.consume(policy, subject, 3);
    const afterFour = await redis.pttl(key ?? '');
    expect(afterFour).toBeGreaterThan(1_500);
    expect(afterFour).toBeLessThanOrEqual(policy.windowMs);
  });

  it('never contain the subject', async () => {
    const policy: RateLimitPolicy = { name: 'pii-check', limit: 5, windowMs: 60_000 };
    const subjects = ['Alice.Example@example.com', '203.0.113.7', '2001:db8::1', 'x'.repeat(10_000)];
    for (const subject of subjects) await limiter.consume(policy, subject);

    const keys = (await ownKeys()).filter((key) => key.startsWith('rl:pii-check:'));
    expect(keys).toHaveLength(subjects.length);
    for (const key of keys) expect(key).toMatch(/^rl:pii-check:[A-Za-z0-9_-]{22}$/);
    expect(keys.join(' ')).not.toMatch(/alice|example|203\.0\.113|2001|xxxx/i);
  });
});

describe('rateLimitHeaders', () => {
  const policy: RateLimitPolicy = { name: 'api', limit: 100, windowMs: 60_000 };

  it('describes an allowed request with the policy and what is left', () => {
    const decision = { allowed: true, policy, remaining: 42, resetMs: 17_001, retryAfterMs: 0 };
    expect(rateLimitHeaders(decision)).toEqual({
      'RateLimit-Policy': '"api";q=100;w=60',
      RateLimit: '"api";r=42;t=18',
    });
  });

  it('adds Retry-After in whole seconds, rounded up, for a refused request', () => {
    const decision = { allowed: false, policy, remaining: 0, resetMs: 60_000, retryAfterMs: 600 };
    expect(rateLimitHeaders(decision)).toEqual({
      'RateLimit-Policy': '"api";q=100;w=60',
      RateLimit: '"api";r=0;t=60',
      'Retry-After': '1',
    });
    expect(rateLimitHeaders({ ...decision, retryAfterMs: 2_001 })['Retry-After']).toBe('3');
  });

  it('announces a window under a second as one second', () => {
    const short: RateLimitPolicy = { name: 'burst', limit: 5, windowMs: 250 };
    const decision = { allowed: true, policy: short, remaining: 5, resetMs: 0, retryAfterMs: 0 };
    expect(rateLimitHeaders(decision)).toEqual({
      'RateLimit-Policy': '"burst";q=5;w=1',
      RateLimit: '"burst";r=5;t=0',
    });
  });
});
