import type { StaffMember } from '@allure/shared/approval';
import type { Currency } from '@allure/shared/currency';
import { signAccessToken } from '../auth/access-token.js';
import {
  hashToken,
  newEnrollmentCode,
  newOpaqueToken,
  normalizeEnrollmentCode,
  tokenMatchesHash,
} from '../auth/opaque-token.js';
import type { TerminalPrincipal } from '../auth/principal.js';
import { revokeSessionRows } from '../auth/session.service.js';
import { type StaffPrincipal, storeScope } from '../auth/store-scope.js';
import { ConflictError, InvalidInputError, NotFoundError, UnauthorizedError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { enrollPerIp, terminalAuthPerIp, terminalAuthPerTerminal } from '../rate-limit/policies.js';
import type { Context } from '../trpc/context.js';

// Terminal lifecycle: a manager creates a till and issues a one-time enrollment code; the till exchanges
// the code for a device credential (kept by the Electron main process), and the credential for short
// access tokens to sync with. Revoking a till kills its credential, its cashiers' sessions and, through
// the revocation list, every access token it holds.

const ENROLLMENT_TTL_MS = 15 * 60_000;

const terminalSelect = {
  id: true,
  code: true,
  name: true,
  status: true,
  storeId: true,
  enrolledAt: true,
  lastSeenAt: true,
  revokedAt: true,
  enrollmentExpiresAt: true,
} as const;

export async function listTerminals(ctx: Pick<Context, 'db'>, principal: StaffPrincipal) {
  return ctx.db.prisma.terminal.findMany({
    where: storeScope(principal),
    select: terminalSelect,
    orderBy: [{ storeId: 'asc' }, { code: 'asc' }],
    take: 500,
  });
}

export async function createTerminal(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: { storeId?: string | undefined; code: string; name: string },
) {
  const storeId = storeScope(principal).storeId ?? input.storeId;
  if (!storeId) throw new InvalidInputError('name the store the terminal belongs to');
  const store = await ctx.db.prisma.store.findUnique({ where: { id: storeId }, select: { id: true } });
  if (!store) throw new NotFoundError('store', storeId);
  const taken = await ctx.db.prisma.terminal.findUnique({
    where: { storeId_code: { storeId, code: input.code } },
    select: { id: true },
  });
  if (taken) throw new ConflictError(`terminal ${input.code} already exists in this store`);
  return ctx.db.prisma.terminal.create({
    data: { storeId, code: input.code, name: input.name },
    select: terminalSelect,
  });
}

/** A new one-time code (valid 15 minutes) for setting up, or re-enrolling, a till. */
export async function issueEnrollmentCode(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  terminalId: string,
): Promise<{ code: string; expiresAt: Date }> {
  const code = newEnrollmentCode();
  const expiresAt = new Date(Date.now() + ENROLLMENT_TTL_MS);
  const updated = await ctx.db.prisma.terminal.updateMany({
    where: { id: terminalId, ...storeScope(principal) },
    data: { enrollmentCodeHash: hashToken(code), enrollmentExpiresAt: expiresAt },
  });
  if (updated.count !== 1) throw new NotFoundError('terminal', terminalId);
  return { code, expiresAt };
}

export interface Enrollment {
  readonly terminalId: string;
  readonly terminalCode: string;
  readonly storeId: string;
  readonly storeCode: string;
  /** Shown once: the till stores it in the OS keychain. */
  readonly credential: string;
}

/** The till's side: a valid code, once, becomes a device credential bound to the terminal's store. */
export async function enroll(ctx: Pick<Context, 'db' | 'auth' | 'log' | 'reply' | 'ip'>, code: string) {
  await enforceRateLimits(ctx, [[enrollPerIp, ctx.ip]], 'closed');
  const normalized = normalizeEnrollmentCode(code);
  if (!normalized) throw new UnauthorizedError('this enrollment code is invalid or expired');
  const codeHash = hashToken(normalized);
  const credential = newOpaqueToken();
  const now = new Date();
  // One statement claims the code, so two tills racing with the same code cannot both enroll.
  const claimed = await ctx.db.prisma.terminal.updateMany({
    where: { enrollmentCodeHash: codeHash, enrollmentExpiresAt: { gt: now } },
    data: {
      enrollmentCodeHash: null,
      enrollmentExpiresAt: null,
      credentialHash: hashToken(credential),
      status: 'active',
      revokedAt: null,
      enrolledAt: now,
    },
  });
  if (claimed.count !== 1) throw new UnauthorizedError('this enrollment code is invalid or expired');
  const terminal = await ctx.db.prisma.terminal.findFirstOrThrow({
    where: { credentialHash: hashToken(credential) },
    select: { id: true, code: true, store: { select: { id: true, code: true } } },
  });
  return {
    terminalId: terminal.id,
    terminalCode: terminal.code,
    storeId: terminal.store.id,
    storeCode: terminal.store.code,
    credential,
  } satisfies Enrollment;
}

/** Device credential → short-lived terminal access token. */
export async function authenticateTerminal(
  ctx: Pick<Context, 'db' | 'auth' | 'log' | 'reply' | 'ip'>,
  input: { terminalId: string; credential: string },
) {
  await enforceRateLimits(
    ctx,
    [
      [terminalAuthPerTerminal, input.terminalId],
      [terminalAuthPerIp, ctx.ip],
    ],
    'closed',
  );
  const terminal = await ctx.db.prisma.terminal.findUnique({
    where: { id: input.terminalId },
    select: { id: true, storeId: true, status: true, credentialHash: true },
  });
  if (
    !terminal?.credentialHash ||
    terminal.status !== 'active' ||
    !tokenMatchesHash(input.credential, terminal.credentialHash)
  ) {
    throw new UnauthorizedError('unknown or revoked terminal credential: enroll this terminal again');
  }
  await ctx.db.prisma.terminal.update({
    where: { id: terminal.id },
    data: { lastSeenAt: new Date() },
    select: { id: true },
  });
  const principal: TerminalPrincipal = {
    kind: 'terminal',
    terminalId: terminal.id,
    storeId: terminal.storeId,
  };
  const access = await signAccessToken(
    principal,
    ctx.auth.keys.accessToken,
    ctx.auth.settings.accessTokenTtlS,
  );
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt };
}

/** Takes a till out of service at once: credential, cashier sessions and live access tokens. */
export async function revokeTerminal(
  ctx: Pick<Context, 'db' | 'auth'>,
  principal: StaffPrincipal,
  terminalId: string,
) {
  const now = new Date();
  const families = await ctx.db.prisma.$transaction(async (tx) => {
    const revoked = await tx.terminal.updateMany({
      where: { id: terminalId, ...storeScope(principal) },
      data: {
        status: 'revoked',
        revokedAt: now,
        credentialHash: null,
        enrollmentCodeHash: null,
        enrollmentExpiresAt: null,
      },
    });
    if (revoked.count !== 1) throw new NotFoundError('terminal', terminalId);
    return revokeSessionRows(tx, { terminalId });
  });
  await ctx.auth.revocations.publish({ terminalIds: [terminalId], sessionIds: families });
}

/**
 * The store's staff as the till needs them offline: who may sign in, their PIN verifiers (never PINs) and
 * discount limits, for cashier switching and manager approvals without the network.
 */
export async function staffForTerminal(
  ctx: Pick<Context, 'db'>,
  terminal: TerminalPrincipal,
): Promise<StaffMember[]> {
  const rows = await ctx.db.prisma.user.findMany({
    where: { storeId: terminal.storeId, role: { in: ['cashier', 'manager'] } },
    select: { id: true, name: true, role: true, active: true, pinVerifier: true, discountLimitBps: true },
    orderBy: { name: 'asc' },
    take: 500,
  });
  return rows.map((row) => ({ ...row, role: row.role as StaffMember['role'] }));
}

/**
 * What a till needs to sell and print offline, fetched at enrollment and refreshed whenever it is online:
 * its store (name, currency, whether shelf prices include VAT, locale, time zone, receipt address), itself,
 * the shop-floor location its sales take stock from, and the highest order sequence the server has seen
 * from it, so a re-installed till never reuses an order number.
 */
export async function terminalProfile(ctx: Pick<Context, 'db'>, principal: TerminalPrincipal) {
  const terminal = await ctx.db.prisma.terminal.findUniqueOrThrow({
    where: { id: principal.terminalId },
    select: {
      id: true,
      code: true,
      name: true,
      lastOrderSeq: true,
      store: {
        select: {
          id: true,
          code: true,
          name: true,
          currency: true,
          pricesIncludeTax: true,
          locale: true,
          timezone: true,
          addressLine1: true,
          addressLine2: true,
          city: true,
          postalCode: true,
          country: true,
          phone: true,
          // The location pushed sales take stock from (order-ingest.ts): the store's first shop floor.
          locations: {
            where: { kind: 'store' },
            select: { id: true },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            take: 1,
          },
        },
      },
    },
  });
  const { locations, ...store } = terminal.store;
  return {
    terminal: {
      id: terminal.id,
      code: terminal.code,
      name: terminal.name,
      lastOrderSeq: terminal.lastOrderSeq,
    },
    store: { ...store, currency: store.currency as Currency, sellingLocationId: locations[0]?.id ?? null },
  };
}
