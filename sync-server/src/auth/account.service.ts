import type { UpdateProfileInput } from '@allure/shared/user.schema';
import type { Context } from '../trpc/context.js';
import type { UserPrincipal } from './principal.js';

// The signed-in user's own account. Nothing here takes a user id: the principal is the only key, so no
// caller can name someone else's profile.

const accountSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  storeId: true,
  customer: { select: { id: true, phone: true } },
} as const;

export async function getAccount(ctx: Pick<Context, 'db'>, principal: UserPrincipal) {
  return ctx.db.prisma.user.findUniqueOrThrow({ where: { id: principal.userId }, select: accountSelect });
}

export async function updateProfile(
  ctx: Pick<Context, 'db'>,
  principal: UserPrincipal,
  input: UpdateProfileInput,
) {
  return ctx.db.prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: principal.userId },
      data: { name: input.name },
      select: { id: true },
    });
    // A customer's shop account and their customer record (what tills see) carry the same name and phone.
    await tx.customer.updateMany({
      where: { userId: principal.userId },
      data: { name: input.name, ...(input.phone === undefined ? {} : { phone: input.phone }) },
    });
    return tx.user.findUniqueOrThrow({ where: { id: principal.userId }, select: accountSelect });
  });
}
