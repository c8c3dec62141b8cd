import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Lockout, type LockoutPolicy, type LockoutState } from './lockout.js';

const prefix = `test:rl:${randomUUID().slice(0, 8)}:`;
const redis = new Redis('redis://127.0.0.1:6379', { keyPrefix: prefix, lazyConnect: false });
const lockout = new Lockout(redis);

const pin: LockoutPolicy = { name: 'pin', maxFailures: 3, lockMs: 60_000, failureWindowMs: 60_000 };
const newSubject = () => `terminal-${randomUUID()}`;

/** Keys under this file's prefix, without the prefix (KEYS patterns and replies are not prefixed). */
async function ownKeys(): Promise<string[]> {
  return (await redis.keys(`${prefix}*`)).map((key) => key.slice(prefix.length));
}

async function fail(policy: LockoutPolicy, subject: string, times: number): Promise<LockoutState[]> {
  const states: LockoutState[] = [];
  for (let time = 0; time < times; time++) states.push(await lockout.recordFailure(policy, subject));
  return states;
}

afterAll(async () => {
  const keys = await ownKeys();
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('Lockout', () => {
  it('starts unlocked with no failures', async () => {
    expect(await lockout.state(pin, newSubject())).toEqual({ locked: false, failures: 0, retryAfterMs: 0 });
  });

  it('locks at the maxFailures-th failure and reports how long', async () => {
    const subject = newSubject();
    const [first, second, third] = await fail(pin, subject, 3);
    expect(first).toEqual({ locked: false, failures: 1, retryAfterMs: 0 });
    expect(second).toEqual({ locked: false, failures: 2, retryAfterMs: 0 });
    expect(third).toEqual({ locked: true, failures: 3, retryAfterMs: pin.lockMs });

    const state = await lockout.state(pin, subject);
    expect(state).toMatchObject({ locked: true, failures: 3 });
    expect(state.retryAfterMs).toBeGreaterThan(pin.lockMs - 1_000);
    expect(state.retryAfterMs).toBeLessThanOrEqual(pin.lockMs);
  });

  it('neither counts nor extends on failures while locked', async () => {
    const subject = newSubject();
    await fail(pin, subject, 3);
    await sleep(20);
    const during = await lockout.recordFailure(pin, subject);
    expect(during).toMatchObject({ locked: true, failures: 3 });
    expect(during.retryAfterMs).toBeLessThan(pin.lockMs);
  });

  it('forgets the failures on a success', async () => {
    const subject = newSubject();
    await fail(pin, subject, 2);
    await lockout.recordSuccess(pin, subject);
    expect(await lockout.state(pin, subject)).toEqual({ locked: false, failures: 0, retryAfterMs: 0 });
    const [, again] = await fail(pin, subject, 2);
    expect(again).toEqual({ locked: false, failures: 2, retryAfterMs: 0 });
  });

  it('does not lift an active lock on a success', async () => {
    const subject = newSubject();
    await fail(pin, subject, 3);
    await lockout.recordSuccess(pin, subject);
    expect(await lockout.state(pin, subject)).toMatchObject({ locked: true });
  });

  it('unlocks after lockMs, with a fresh count', async () => {
    const quick: LockoutPolicy = { ...pin, lockMs: 300 };
    const subject = newSubject();
    await fail(quick, subject, 3);
    expect((await lockout.state(quick, subject)).locked).toBe(true);
    await sleep(quick.lockMs + 30);
    expect(await lockout.state(quick, subject)).toEqual({ locked: false, failures: 0, retryAfterMs: 0 });
    expect(await lockout.recordFailure(quick, subject)).toEqual({
      locked: false,
      failures: 1,
      retryAfterMs: 0,
    });
  });

  it('forgets failures older than failureWindowMs', async () => {
    const forgetful: LockoutPolicy = { ...pin, failureWindowMs: 200 };
    const subject = newSubject();
    await fail(forgetful, subject, 1);
    await sleep(120);
    expect(await lockout.recordFailure(forgetful, subject)).toMatchObject({ locked: false, failures: 2 });
    await sleep(120);
    // Each failure is forgotten on its own: the first is now older than the window, the second is not.
    expect(await lockout.state(forgetful, subject)).toMatchObject({ locked: false, failures: 1 });
    expect(await lockout.recordFailure(forgetful, subject)).toMatchObject({ locked: false, failures: 2 });
  });

  it('counts concurrent failures exactly', async () => {
    const roomy: LockoutPolicy = { ...pin, maxFailures: 100 };
    const subject = newSubject();
    const states = await Promise.all(Array.from({ length: 20 }, () => lockout.recordFailure(roomy, subject)));
    expect(states.map((state) => state.failures).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
    expect(await lockout.state(roomy, subject)).toMatchObject({ locked: false, failures: 20 });
  });

  it('lets exactly maxFailures - 1 of many concurrent failures through before locking', async () => {
    const five: LockoutPolicy = { ...pin, maxFailures: 5 };
    const subject = newSubject();
    const states = await Promise.all(Array.from({ length: 20 }, () => lockout.recordFailure(five, subject)));
    expect(states.filter((state) => !state.locked)).toHaveLength(4);
    expect(states.filter((state) => state.locked)).toHaveLength(16);
    expect(await lockout.state(five, subject)).toMatchObject({ locked: true, failures: 5 });
  });

  it('keeps policies and subjects apart', async () => {
    const subject = newSubject();
    await fail(pin, subject, 3);
    expect((await lockout.state(pin, newSubject())).locked).toBe(false);
    expect((await lockout.state({ ...pin, name: 'pin-manager' }, subject)).locked).toBe(false);
  });

  it('stores hashed subjects only, under lo:<name>:<hash>', async () => {
    const policy: LockoutPolicy = { ...pin, name: 'pii-check', maxFailures: 2 };
    await fail(policy, 'Alice.Example@example.com', 1);
    await fail(policy, '203.0.113.7', 2);
    // Alice's failure count, and the lock of the other subject (whose count was dropped when it locked).
    const keys = (await ownKeys()).filter((key) => key.startsWith('lo:pii-check:'));
    expect(keys).toHaveLength(2);
    expect(keys.filter((key) => /^lo:pii-check:[A-Za-z0-9_-]{22}$/.test(key))).toHaveLength(1);
    expect(keys.filter((key) => /^lo:pii-check:[A-Za-z0-9_-]{22}:lock$/.test(key))).toHaveLength(1);
    expect(keys.join(' ')).not.toMatch(/alice|example|203\.0\.113/i);
  });

  it('rejects invalid policies', async () => {
    const invalid: LockoutPolicy[] = [
      { ...pin, maxFailures: 0 },
      { ...pin, lockMs: 0.5 },
      { ...pin, failureWindowMs: -1 },
      { ...pin, name: 'pin:x' },
    ];
    for (const policy of invalid) {
      await expect(lockout.recordFailure(policy, 'x'), JSON.stringify(policy)).rejects.toBeInstanceOf(
        RangeError,
      );
    }
  });
});
