import { Prisma } from '@allure/db/client';
import type { Role } from '@allure/shared/enums';
import { UnauthorizedError } from '../errors.js';
import type { Context } from '../trpc/context.js';
import { signAccessToken } from './access-token.js';
import { hashToken, newOpaqueToken } from './opaque-token.js';
import type { UserPrincipal } from './principal.js';

// Server-side sessions. A sign-in starts a session family (one per device); each refresh rotates the
// refresh token: the used row is linked to a new row of the same family. Presenting a token that was
// already rotated means two parties hold it, so the whole family is revoked: unless the rotation happened
// within the grace window, which is what a response lost on flaky store Wi-Fi looks like, and then the
// family's newest token is rotated instead (the lost one becomes unusable, the client carries on).

type AuthContext = Pick<Context, 'db' | 'auth'>;

export interface Device {
  readonly terminalId: string | null;
  readonly userAgent: string | null;
  readonly ip: string;
}

export interface SessionTokens {
  readonly sessionId: string;
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
}

interface SessionOwner {
  readonly id: string;
  readonly role: Role;
  readonly storeId: string | null;
}

async function issueTokens(
  ctx: AuthContext,
  owner: SessionOwner,
  familyId: string,
  terminalId: string | null,
  refreshToken: string,
  refreshTokenExpiresAt: Date,
): Promise<SessionTokens> {
  const principal: UserPrincipal = {
    kind: 'user',
    userId: owner.id,
    role: owner.role,
    sessionId: familyId,
    storeId: owner.storeId,
    terminalId,
  };
  const access = await signAccessToken(
    principal,
    ctx.auth.keys.accessToken,
    ctx.auth.settings.accessTokenTtlS,
  );
  return {
    sessionId: familyId,
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    refreshTokenExpiresAt,
  };
}

function refreshExpiry(ctx: AuthContext, from = Date.now()): Date {
  return new Date(from + ctx.auth.settings.refreshTokenTtlS * 1000);
}

/** Starts a session family for a user who just proved who they are. */
export async function startSession(
  ctx: AuthContext,
  owner: SessionOwner,
  device: Device,
): Promise<SessionTokens> {
  const refreshToken = newOpaqueToken();
  const expiresAt = refreshExpiry(ctx);
  const familyId = crypto.randomUUID();
  await ctx.db.prisma.session.create({
    data: {
      familyId,
      userId: owner.id,
      terminalId: device.terminalId,
      tokenHash: hashToken(refreshToken),
      userAgent: device.userAgent?.slice(0, 512) ?? null,
      ip: device.ip.slice(0, 45),
      expiresAt,
    },
    select: { id: true },
  });
  return issueTokens(ctx, owner, familyId, device.terminalId, refreshToken, expiresAt);
}

interface SessionRow {
  id: string;
  family_id: string;
  user_id: string;
  terminal_id: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  replaced_by_id: string | null;
  role: Role;
  store_id: string | null;
  user_active: boolean;
  terminal_status: 'active' | 'revoked' | null;
}

type Rotation =
  | { outcome: 'rotated'; tokens: SessionTokens }
  | { outcome: 'refused'; message: string }
  | { outcome: 'reused'; familyId: string };

/** Exchanges a refresh token for a new pair. Throws UnauthorizedError when it cannot be honoured. */
export async function refreshSession(
  ctx: AuthContext,
  refreshToken: string,
  device: Device,
): Promise<SessionTokens> {
  const rotation = await ctx.db.prisma.$transaction(async (tx): Promise<Rotation> => {
    const lock = (where: Prisma.Sql) =>
      tx.$queryRaw<SessionRow[]>`
        SELECT s.id, s.family_id, s.user_id, s.terminal_id, s.created_at, s.expires_at, s.revoked_at,
               s.replaced_by_id, u.role, u.store_id, u.active AS user_active, t.status AS terminal_status
          FROM "session" s
          JOIN "user" u ON u.id = s.user_id
          LEFT JOIN "terminal" t ON t.id = s.terminal_id
         WHERE ${where}
           FOR UPDATE OF s`;
    const [presented] = await lock(Prisma.sql`s.token_hash = ${hashToken(refreshToken)}`);
    if (!presented) return { outcome: 'refused', message: 'unknown refresh token' };
    if (presented.revoked_at) return { outcome: 'refused', message: 'session was signed out' };

    let current = presented;
    if (presented.replaced_by_id) {
      // Already rotated: a retry after a lost response, or a stolen token.
      const [successor] = await lock(Prisma.sql`s.id = ${presented.replaced_by_id}::uuid`);
      const graceEnds = (successor?.created_at.getTime() ?? 0) + ctx.auth.settings.refreshReuseGraceS * 1000;
      if (!successor || successor.replaced_by_id || successor.revoked_at || Date.now() > graceEnds) {
        await revokeSessionRows(tx, { familyId: presented.family_id });
        return { outcome: 'reused', familyId: presented.family_id };
      }
      current = successor;
    }
    if (current.expires_at.getTime() <= Date.now()) return { outcome: 'refused', message: 'session expired' };
    if (!current.user_active) return { outcome: 'refused', message: 'account is disabled' };
    if (current.terminal_id && current.terminal_status !== 'active') {
      return { outcome: 'refused', message: 'terminal was revoked' };
    }

    const nextToken = newOpaqueToken();
    const expiresAt = refreshExpiry(ctx);
    const next = await tx.session.create({
      data: {
        familyId: current.family_id,
        userId: current.user_id,
        terminalId: current.terminal_id,
        tokenHash: hashToken(nextToken),
        userAgent: device.userAgent?.slice(0, 512) ?? null,
        ip: device.ip.slice(0, 45),
        expiresAt,
      },
      select: { id: true },
    });
    await tx.session.update({
      where: { id: current.id },
      data: { replacedById: next.id, lastUsedAt: new Date() },
      select: { id: true },
    });
    const owner = { id: current.user_id, role: current.role, storeId: current.store_id };
    return {
      outcome: 'rotated',
      tokens: await issueTokens(ctx, owner, current.family_id, current.terminal_id, nextToken, expiresAt),
    };
  });

  if (rotation.outcome === 'rotated') return rotation.tokens;
  if (rotation.outcome === 'refused') throw new UnauthorizedError(rotation.message);
  // Committed above; now make every instance refuse the family's access tokens too.
  await ctx.auth.revocations.publish({ sessionIds: [rotation.familyId] });
  throw new UnauthorizedError(
    'refresh token was already used: every session of this sign-in is now signed out',
  );
}

/**
 * Marks the live session rows matching `where` revoked; returns their families, for the caller to publish
 * (after its transaction commits, when it runs in one).
 */
export async function revokeSessionRows(
  client: Prisma.TransactionClient,
  where: Prisma.SessionWhereInput,
): Promise<string[]> {
  const live = { AND: [where, { revokedAt: null }] };
  const families = await client.session.findMany({
    where: live,
    select: { familyId: true },
    distinct: ['familyId'],
  });
  if (families.length > 0) await client.session.updateMany({ where: live, data: { revokedAt: new Date() } });
  return families.map((row) => row.familyId);
}

/**
 * Signs one user's session families out everywhere: those named, or all of them but `except`. Scoped to
 * the user, so naming someone else's session revokes nothing. Returns how many families ended.
 */
export async function revokeSessions(
  ctx: AuthContext,
  userId: string,
  which: { familyIds?: readonly string[]; except?: string } = {},
): Promise<number> {
  const familyIds = await revokeSessionRows(ctx.db.prisma, {
    userId,
    ...(which.familyIds ? { familyId: { in: [...which.familyIds] } } : {}),
    ...(which.except ? { NOT: { familyId: which.except } } : {}),
  });
  await ctx.auth.revocations.publish({ sessionIds: familyIds });
  return familyIds.length;
}

export interface SessionSummary {
  readonly id: string;
  readonly signedInAt: Date;
  readonly lastUsedAt: Date;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly terminal: { readonly code: string; readonly name: string } | null;
  readonly current: boolean;
}

/** A user's signed-in devices: one entry per live session family, most recently used first. */
export async function listSessions(ctx: AuthContext, principal: UserPrincipal): Promise<SessionSummary[]> {
  const heads = await ctx.db.prisma.session.findMany({
    where: { userId: principal.userId, revokedAt: null, replacedById: null, expiresAt: { gt: new Date() } },
    select: {
      familyId: true,
      createdAt: true,
      userAgent: true,
      ip: true,
      terminal: { select: { code: true, name: true } },
    },
    orderBy: { createdAt: 'desc' },
    take: 100,
  });
  const firstSignIn = await ctx.db.prisma.session.groupBy({
    by: ['familyId'],
    where: { familyId: { in: heads.map((head) => head.familyId) } },
    _min: { createdAt: true },
  });
  const signedInAt = new Map(firstSignIn.map((row) => [row.familyId, row._min.createdAt]));
  return heads.map((head) => ({
    id: head.familyId,
    signedInAt: signedInAt.get(head.familyId) ?? head.createdAt,
    lastUsedAt: head.createdAt,
    userAgent: head.userAgent,
    ip: head.ip,
    terminal: head.terminal,
    current: head.familyId === principal.sessionId,
  }));
}
