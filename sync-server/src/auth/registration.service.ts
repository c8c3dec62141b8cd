import { hashPassword } from '@allure/db/credentials';
import type { Locale } from '@allure/shared/enums';
import { ConflictError } from '../errors.js';
import type { MailTopic } from '../mail/mail-templates.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { registerPerIp } from '../rate-limit/policies.js';
import type { Context } from '../trpc/context.js';
import type { SignedInUser } from './login.service.js';
import { type Device, type SessionTokens, startSession } from './session.service.js';

type RegistrationContext = Pick<Context, 'db' | 'auth' | 'log' | 'reply'>;

export const ACCOUNT_CREATED_TOPIC = 'email.account_created' satisfies MailTopic;

/**
 * The answer for an address that already has an account: the same whatever the account is (a shopper or
 * staff, active or disabled), and it points to the two ways forward without saying more.
 */
const EMAIL_TAKEN = 'an account already uses this e-mail: sign in, or reset its password';

/**
 * Opens a web shop account and signs it in, like `login`: a user with the role `customer` (never anything
 * else, and no store), and the customer record its orders will belong to.
 *
 * Account enumeration. A password-reset request answers the same whether or not the address has an
 * account; sign-up cannot: it signs the shopper in, and it cannot sign anyone in to an account whose address
 * is taken. So a taken address is a CONFLICT, as in every shop, and what we hold back is the rest: the one
 * answer above for every kind of account, and a tight limit per client address that fails closed when Redis
 * is down (registerPerIp), so sign-up lists accounts no faster than reset requests would.
 *
 * Nothing proves yet that the shopper owns the address (no e-mail verification), hence:
 * - A guest customer with this e-mail (orders placed without an account) is left alone, not linked:
 *   whoever registers someone else's address must not see their orders. The account gets a customer record
 *   of its own, which checkout finds first (customerFor), so its orders never join the guest's either. The
 *   record has no store: it is not a store's customer, and tills replicate only their store's.
 * - The address is told an account was opened with it (outbox, same transaction, in `locale`). If it was
 *   not its owner, a password reset takes the account back and signs every session out.
 *
 * The password is hashed first and the user's unique e-mail index decides, so two sign-ups racing for one
 * address make one account and one conflict.
 */
export async function register(
  ctx: RegistrationContext,
  input: { email: string; password: string; name: string; locale: Locale },
  device: Device,
): Promise<{ user: SignedInUser; tokens: SessionTokens }> {
  await enforceRateLimits(ctx, [[registerPerIp, device.ip]], 'closed');
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.db.prisma.$transaction(async (tx) => {
    const [created] = await tx.user.createManyAndReturn({
      data: [{ email: input.email, name: input.name, role: 'customer', passwordHash }],
      skipDuplicates: true,
      select: { id: true, name: true, role: true, storeId: true },
    });
    if (!created) return null;
    await tx.customer.create({
      data: { name: input.name, email: input.email, userId: created.id },
      select: { id: true },
    });
    await tx.outboxMessage.create({
      data: { topic: ACCOUNT_CREATED_TOPIC, payload: { to: input.email, locale: input.locale } },
      select: { id: true },
    });
    return created;
  });
  if (!user) throw new ConflictError(EMAIL_TAKEN);
  return { user, tokens: await startSession(ctx, user, device) };
}
