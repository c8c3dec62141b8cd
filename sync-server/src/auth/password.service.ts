import { hashPassword, verifyPassword } from '@allure/db/credentials';
import { UnauthorizedError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { loginPerAccount, passwordResetPerAccount, passwordResetPerIp } from '../rate-limit/policies.js';
import type { Context } from '../trpc/context.js';
import { hashToken, newOpaqueToken } from './opaque-token.js';
import type { UserPrincipal } from './principal.js';
import { revokeSessions } from './session.service.js';

type PasswordContext = Pick<Context, 'db' | 'auth' | 'log' | 'reply' | 'ip'>;

const RESET_TTL_MS = 30 * 60_000;
export const PASSWORD_RESET_TOPIC = 'email.password_reset';

/**
 * Queues a reset e-mail when the address belongs to an active account; answers the same either way so the
 * form cannot tell who has an account. The e-mail goes through the outbox (written in the same
 * transaction), which the mail worker sends; the token is kept only hashed in `password_reset`.
 */
export async function requestPasswordReset(ctx: PasswordContext, email: string): Promise<void> {
  await enforceRateLimits(
    ctx,
    [
      [passwordResetPerIp, ctx.ip],
      [passwordResetPerAccount, email],
    ],
    'closed',
  );
  const user = await ctx.db.prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, active: true },
  });
  if (!user?.active) return;
  const token = newOpaqueToken();
  const expiresAt = new Date(Date.now() + RESET_TTL_MS);
  await ctx.db.prisma.$transaction([
    ctx.db.prisma.passwordReset.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt },
      select: { id: true },
    }),
    ctx.db.prisma.outboxMessage.create({
      data: {
        topic: PASSWORD_RESET_TOPIC,
        payload: { to: user.email, name: user.name, token, expiresAt: expiresAt.toISOString() },
      },
      select: { id: true },
    }),
  ]);
}

/** Sets a new password with a reset token (once), and signs the account out everywhere. */
export async function resetPassword(ctx: PasswordContext, token: string, newPassword: string): Promise<void> {
  await enforceRateLimits(ctx, [[passwordResetPerIp, ctx.ip]], 'closed');
  const passwordHash = await hashPassword(newPassword);
  const userId = await ctx.db.prisma.$transaction(async (tx) => {
    const reset = await tx.passwordReset.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, userId: true, expiresAt: true, usedAt: true },
    });
    if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) return null;
    // Conditional on still unused: of two concurrent uses, exactly one wins.
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) return null;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash }, select: { id: true } });
    return reset.userId;
  });
  if (!userId) throw new UnauthorizedError('this reset link is invalid, used or expired: ask for a new one');
  await revokeSessions(ctx, userId);
}

/** Changes a signed-in user's password; every other session of theirs is signed out. */
export async function changePassword(
  ctx: PasswordContext,
  principal: UserPrincipal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  // A stolen access token must not become a way to guess the password.
  await enforceRateLimits(ctx, [[loginPerAccount, principal.userId]], 'closed');
  const user = await ctx.db.prisma.user.findUniqueOrThrow({
    where: { id: principal.userId },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new UnauthorizedError('current password is wrong');
  }
  await ctx.db.prisma.user.update({
    where: { id: principal.userId },
    data: { passwordHash: await hashPassword(input.newPassword) },
    select: { id: true },
  });
  await revokeSessions(ctx, principal.userId, { except: principal.sessionId });
}
