import type { LockoutPolicy } from './lockout.js';
import type { RateLimitPolicy } from './rate-limiter.js';

const MINUTE = 60_000;

// Credential checks are limited far below the general API limit (the `api` policy, configured with
// RATE_LIMIT_PER_MINUTE). Sign-in counts per account (guessing one password from many addresses), per
// account and address (one attacker, one account) and per address (one attacker, many accounts; generous,
// because a whole store signs in from one NAT address).

export const loginPerAccount: RateLimitPolicy = { name: 'login-account', limit: 10, windowMs: 15 * MINUTE };
export const loginPerAccountAndIp: RateLimitPolicy = {
  name: 'login-account-ip',
  limit: 5,
  windowMs: 15 * MINUTE,
};
export const loginPerIp: RateLimitPolicy = { name: 'login-ip', limit: 60, windowMs: 15 * MINUTE };

export const refreshPerIp: RateLimitPolicy = { name: 'refresh-ip', limit: 120, windowMs: 15 * MINUTE };

export const passwordResetPerAccount: RateLimitPolicy = {
  name: 'reset-account',
  limit: 3,
  windowMs: 60 * MINUTE,
};
export const passwordResetPerIp: RateLimitPolicy = { name: 'reset-ip', limit: 20, windowMs: 60 * MINUTE };

/**
 * Sign-ups per address. Each one hashes a password, writes an account and sends an e-mail, and its
 * answer tells whether an address has an account: as slow a way to list accounts as reset requests. A
 * household or a café shares an address, and ten new accounts an hour from one is already a lot.
 */
export const registerPerIp: RateLimitPolicy = { name: 'register-ip', limit: 10, windowMs: 60 * MINUTE };

export const enrollPerIp: RateLimitPolicy = { name: 'enroll-ip', limit: 10, windowMs: 60 * MINUTE };
export const terminalAuthPerTerminal: RateLimitPolicy = {
  name: 'terminal-auth',
  limit: 30,
  windowMs: 15 * MINUTE,
};
export const terminalAuthPerIp: RateLimitPolicy = {
  name: 'terminal-auth-ip',
  limit: 120,
  windowMs: 15 * MINUTE,
};

/** PIN attempts on one terminal, whoever's PIN: slows a walk through every cashier. */
export const pinPerTerminal: RateLimitPolicy = { name: 'pin-terminal', limit: 20, windowMs: 5 * MINUTE };
/**
 * Five wrong PINs in a row for one cashier on one terminal lock that pair for 15 minutes. An attempt is
 * recorded as a failure before it is checked (login.service.ts), so the sixth recorded one is the lock.
 */
export const pinLockout: LockoutPolicy = {
  name: 'pin',
  maxFailures: 6,
  lockMs: 15 * MINUTE,
  failureWindowMs: 60 * MINUTE,
};

/** Guessing (order number, e-mail) pairs. */
export const orderTrackingPerIp: RateLimitPolicy = { name: 'track-ip', limit: 30, windowMs: 15 * MINUTE };

/** Web checkouts per address: generous for a family's shared connection, tight for a card-testing bot. */
export function checkoutPolicy(per15Minutes: number): RateLimitPolicy {
  return { name: 'checkout-ip', limit: per15Minutes, windowMs: 15 * MINUTE };
}

export function apiPolicy(perMinute: number): RateLimitPolicy {
  return { name: 'api', limit: perMinute, windowMs: MINUTE };
}
