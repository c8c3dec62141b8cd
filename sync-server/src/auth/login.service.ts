import { hashPassword, passwordNeedsRehash, verifyPassword } from '@allure/db/credentials';
import { verifyPin } from '@allure/shared/pin';
import { TooManyRequestsError, UnauthorizedError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import {
  loginPerAccount,
  loginPerAccountAndIp,
  loginPerIp,
  pinLockout,
  pinPerTerminal,
} from '../rate-limit/policies.js';
import { rateLimitHeaders } from '../rate-limit/rate-limiter.js';
import type { Context } from '../trpc/context.js';
import type { TerminalPrincipal } from './principal.js';
import { type Device, type SessionTokens, startSession } from './session.service.js';

type LoginContext = Pick<Context, 'db' | 'auth' | 'log' | 'reply'>;

/** Verified against when the e-mail is unknown, so both answers take as long (no account enumeration). */
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
}

const WRONG_CREDENTIALS = 'wrong e-mail or password';

export interface SignedInUser {
  readonly id: string;
  readonly name: string;
  readonly role: 'admin' | 'manager' | 'cashier' | 'customer';
  readonly storeId: string | null;
}

/** E-mail and password sign-in for staff and customers. */
export async function login(
  ctx: LoginContext,
  input: { email: string; password: string },
  device: Device,
): Promise<{ user: SignedInUser; tokens: SessionTokens }> {
  await enforceRateLimits(
    ctx,
    [
      [loginPerIp, device.ip],
      [loginPerAccount, input.email],
      [loginPerAccountAndIp, `${input.email}\n${device.ip}`],
    ],
    'closed',
  );
  const user = await ctx.db.prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true, name: true, role: true, storeId: true, active: true, passwordHash: true },
  });
  const matches = await verifyPassword(user?.passwordHash ?? (await decoy()), input.password);
  if (!user || !matches || !user.active) throw new UnauthorizedError(WRONG_CREDENTIALS);

  if (passwordNeedsRehash(user.passwordHash)) {
    // Cost parameters were raised since this hash was made; the password is at hand only now.
    await ctx.db.prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(input.password) },
      select: { id: true },
    });
  }
  const signedIn = { id: user.id, name: user.name, role: user.role, storeId: user.storeId };
  return { user: signedIn, tokens: await startSession(ctx, signedIn, device) };
}

/**
 * A cashier or manager signing in on an enrolled terminal with their PIN. Five wrong PINs in a row lock
 * that person out of that terminal for 15 minutes; the terminal as a whole is rate-limited too. (The till
 * also switches cashiers offline against replicated verifiers, with a lock-out of its own.)
 */
export async function pinLogin(
  ctx: LoginContext,
  terminal: TerminalPrincipal,
  input: { userId: string; pin: string },
  device: Device,
): Promise<{ user: SignedInUser; tokens: SessionTokens }> {
  await enforceRateLimits(ctx, [[pinPerTerminal, terminal.terminalId]], 'closed');
  const lockSubject = `${terminal.terminalId}:${input.userId}`;
  // Every attempt counts as a failure until it succeeds, so parallel guesses cannot all slip past the lock.
  const attempt = await ctx.auth.lockout.recordFailure(pinLockout, lockSubject);
  if (attempt.locked) throw lockedOut(attempt.retryAfterMs);

  const user = await ctx.db.prisma.user.findFirst({
    where: {
      id: input.userId,
      storeId: terminal.storeId,
      active: true,
      role: { in: ['cashier', 'manager'] },
    },
    select: { id: true, name: true, role: true, storeId: true, pinVerifier: true },
  });
  const matches = user?.pinVerifier ? await verifyPin(input.pin, user.pinVerifier) : false;
  if (!user || !matches) {
    const left = pinLockout.maxFailures - 1 - attempt.failures;
    if (left === 0) {
      // The fifth wrong PIN: lock now rather than at the next attempt.
      const locked = await ctx.auth.lockout.recordFailure(pinLockout, lockSubject);
      throw lockedOut(locked.retryAfterMs);
    }
    throw new UnauthorizedError(`wrong PIN: ${left} ${left === 1 ? 'attempt' : 'attempts'} left`);
  }
  await ctx.auth.lockout.recordSuccess(pinLockout, lockSubject);
  const signedIn = { id: user.id, name: user.name, role: user.role, storeId: user.storeId };
  return {
    user: signedIn,
    tokens: await startSession(ctx, signedIn, { ...device, terminalId: terminal.terminalId }),
  };
}

function lockedOut(retryAfterMs: number): TooManyRequestsError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new TooManyRequestsError(
    `too many wrong PINs: locked for ${minutes} min, or ask a manager`,
    rateLimitHeaders({
      allowed: false,
      policy: { name: pinLockout.name, limit: pinLockout.maxFailures, windowMs: pinLockout.lockMs },
      remaining: 0,
      resetMs: retryAfterMs,
      retryAfterMs,
    }),
  );
}
