import { randomBytes } from 'node:crypto';
import type { Prisma } from '@allure/db/client';
import { hashPassword } from '@allure/db/credentials';
import { createPinVerifier } from '@allure/shared/pin';
import {
  type CreateStaffInput,
  type ListStaffInput,
  type SetStaffActiveInput,
  type SetStaffPinInput,
  staffRole,
  staffRoles,
  type UpdateStaffInput,
} from '@allure/shared/staff.schema';
import { revokeSessionRows } from '../auth/session.service.js';
import type { StaffPrincipal } from '../auth/store-scope.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import {
  changeRefusal,
  creationRefusal,
  type StaffActor,
  type StaffChange,
  type StaffFacts,
  type StaffRefusal,
} from './staff-policy.js';

// A store's staff as the back office manages them. Who may do what is staff-policy.ts; here each change
// runs in one transaction that holds the rows it decides on, so two admins demoting each other at once
// cannot both succeed and leave no admin. Changes that alter what a signed-in person may do (role, store,
// deactivation) end their sessions at once; tills learn of PINs and deactivations at their next staff sync.

type StaffContext = Pick<Context, 'db' | 'auth'>;
type Tx = Prisma.TransactionClient;

const staffSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  storeId: true,
  active: true,
  pinVerifier: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

type StaffRow = Prisma.UserGetPayload<{ select: typeof staffSelect }>;

/** A staff member as the back office shows them: whether they have a PIN, never its verifier. */
function view({ pinVerifier, ...row }: StaffRow) {
  return { ...row, role: row.role as StaffFacts['role'], hasPin: pinVerifier !== null };
}

const isStaff = { role: { in: [...staffRoles] } } satisfies Prisma.UserWhereInput;

function actorOf(principal: StaffPrincipal): StaffActor {
  return { userId: principal.userId, role: principal.role, storeId: principal.storeId };
}

function raise(refusal: StaffRefusal, id: string): never {
  if (refusal.kind === 'hidden') throw new NotFoundError('staff member', id);
  if (refusal.kind === 'forbidden') throw new ForbiddenError(refusal.message);
  if (refusal.kind === 'conflict') throw new ConflictError(refusal.message);
  throw new InvalidInputError(refusal.message);
}

/** A manager's store's staff; for an admin, the named store's staff and every admin, or everyone. */
export async function listStaff(ctx: Pick<Context, 'db'>, principal: StaffPrincipal, input: ListStaffInput) {
  const where: Prisma.UserWhereInput =
    principal.role === 'manager'
      ? { storeId: ownStore(principal) }
      : input.storeId === undefined
        ? {}
        : { OR: [{ storeId: input.storeId }, { role: 'admin' }] };
  const rows = await ctx.db.prisma.user.findMany({
    where: { ...isStaff, ...where },
    select: staffSelect,
    orderBy: [{ active: 'desc' }, { name: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  return rows.map(view);
}

function ownStore(principal: StaffPrincipal): string {
  if (!principal.storeId) throw new InvalidInputError('your account is not attached to a store');
  return principal.storeId;
}

/**
 * Adds someone to the staff. The id is the caller's, so a retried create answers with the person it made
 * the first time; the same id with another e-mail, or an e-mail someone already has, is a conflict.
 */
export async function createStaff(ctx: StaffContext, principal: StaffPrincipal, input: CreateStaffInput) {
  const refusal = creationRefusal(actorOf(principal), input.role);
  if (refusal) raise(refusal, input.id);
  const storeId = principal.role === 'manager' ? ownStore(principal) : (input.storeId ?? null);
  if (storeId === null && input.role !== 'admin') {
    throw new InvalidInputError('name the store this person works in');
  }
  if (storeId !== null) await storeExists(ctx.db.prisma, storeId);

  const replay = await ctx.db.prisma.user.findUnique({
    where: { id: input.id },
    select: staffSelect,
  });
  if (replay) {
    if (replay.email !== input.email || replay.storeId !== storeId) {
      throw new ConflictError('this id already names someone else: reload the list and try again');
    }
    return view(replay);
  }
  await emailFree(ctx.db.prisma, input.email, input.id);
  // Cashiers open nothing with a password: theirs is random and never told, so it can never be guessed.
  const passwordHash = await hashPassword(input.password ?? randomBytes(32).toString('base64url'));
  const pinVerifier = input.pin === undefined ? null : await createPinVerifier(input.pin);
  const created = await ctx.db.prisma.user.createMany({
    data: [
      {
        id: input.id,
        name: input.name,
        email: input.email,
        role: input.role,
        storeId,
        passwordHash,
        pinVerifier,
      },
    ],
    skipDuplicates: true,
  });
  const row = await ctx.db.prisma.user.findUnique({ where: { id: input.id }, select: staffSelect });
  // Skipped: a concurrent retry of this create, or someone who took the e-mail in between.
  if (!row || (created.count === 0 && row.email !== input.email)) throw emailTaken(input.email);
  return view(row);
}

/** Name, e-mail, role or store; a new role or store signs the person out everywhere. */
export async function updateStaff(ctx: StaffContext, principal: StaffPrincipal, input: UpdateStaffInput) {
  const change: StaffChange = {
    role: input.role,
    storeId: input.storeId,
    ...(input.name !== undefined || input.email !== undefined ? { details: true as const } : {}),
  };
  const { row, sessions } = await ctx.db.prisma.$transaction(async (tx) => {
    const member = await decide(tx, principal, input.id, change);
    const role = input.role ?? member.role;
    const storeId = input.storeId ?? member.storeId;
    if (role !== 'admin' && storeId === null)
      throw new InvalidInputError('name the store this person works in');
    if (input.storeId !== undefined) await storeExists(tx, input.storeId);
    if (input.email !== undefined) await emailFree(tx, input.email, member.id);
    const row = await tx.user.update({
      where: { id: member.id },
      data: { name: input.name, email: input.email, role, storeId },
      select: staffSelect,
    });
    const moved = role !== member.role || storeId !== member.storeId;
    return { row, sessions: moved ? await revokeSessionRows(tx, { userId: member.id }) : [] };
  });
  await ctx.auth.revocations.publish({ sessionIds: sessions });
  return view(row);
}

/** A new till PIN for a cashier or a manager; tills take the new verifier at their next staff sync. */
export async function setStaffPin(ctx: StaffContext, principal: StaffPrincipal, input: SetStaffPinInput) {
  const pinVerifier = await createPinVerifier(input.pin);
  const row = await ctx.db.prisma.$transaction(async (tx) => {
    const member = await decide(tx, principal, input.id, { pin: true });
    return tx.user.update({ where: { id: member.id }, data: { pinVerifier }, select: staffSelect });
  });
  return view(row);
}

/**
 * Deactivating ends every session of the person at once and keeps them from signing in with a password or,
 * once the tills have synced their staff, a PIN. Asking for the state someone is already in answers the same.
 */
export async function setStaffActive(
  ctx: StaffContext,
  principal: StaffPrincipal,
  input: SetStaffActiveInput,
) {
  const { row, sessions } = await ctx.db.prisma.$transaction(async (tx) => {
    const member = await decide(tx, principal, input.id, { active: input.active });
    const row = await tx.user.update({
      where: { id: member.id },
      data: { active: input.active },
      select: staffSelect,
    });
    return { row, sessions: input.active ? [] : await revokeSessionRows(tx, { userId: member.id }) };
  });
  await ctx.auth.revocations.publish({ sessionIds: sessions });
  return view(row);
}

interface LockedMember {
  id: string;
  name: string;
  role: string;
  store_id: string | null;
  active: boolean;
}

/**
 * Locks what the decision rests on, then applies the policy; returns the member as they were. When the
 * change could cost an admin, every active admin's row is locked first, always in id order, so the count
 * holds until commit and two such changes wait for each other instead of deadlocking.
 */
async function decide(
  tx: Tx,
  principal: StaffPrincipal,
  id: string,
  change: StaffChange,
): Promise<StaffFacts> {
  const seen = await tx.user.findFirst({ where: { id, ...isStaff }, select: { role: true } });
  if (!seen) throw new NotFoundError('staff member', id);
  const mayCostAnAdmin = seen.role === 'admin' && (change.role !== undefined || change.active === false);
  const activeAdmins = mayCostAnAdmin
    ? (
        await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "user" WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`
      ).length
    : 0;
  const [locked] = await tx.$queryRaw<LockedMember[]>`
    SELECT id, name, role::text AS role, store_id, active FROM "user" WHERE id = ${id}::uuid FOR UPDATE`;
  const role = staffRole.safeParse(locked?.role);
  if (!locked || !role.success) throw new NotFoundError('staff member', id);
  const facts: StaffFacts = {
    id: locked.id,
    name: locked.name,
    role: role.data,
    storeId: locked.store_id,
    active: locked.active,
  };
  const refusal = changeRefusal(actorOf(principal), facts, change, activeAdmins);
  if (refusal) raise(refusal, id);
  return facts;
}

async function storeExists(client: Tx, storeId: string): Promise<void> {
  const store = await client.store.findUnique({ where: { id: storeId }, select: { id: true } });
  if (!store) throw new NotFoundError('store', storeId);
}

async function emailFree(client: Tx, email: string, ownerId: string): Promise<void> {
  const holder = await client.user.findUnique({ where: { email }, select: { id: true } });
  if (holder && holder.id !== ownerId) throw emailTaken(email);
}

function emailTaken(email: string): ConflictError {
  return new ConflictError(`someone already signs in with ${email}`);
}
