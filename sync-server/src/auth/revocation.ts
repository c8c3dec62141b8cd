import type { PrismaClient } from '@allure/db/client';
import type { Redis } from 'ioredis';
import { ServiceUnavailableError } from '../errors.js';
import type { Principal } from './principal.js';

const sessionKey = (sessionId: string) => `rv:s:${sessionId}`;
const terminalKey = (terminalId: string) => `rv:t:${terminalId}`;

/**
 * Makes logout, "sign out everywhere" and terminal revocation take effect at once on every server instance,
 * although access tokens are stateless: revoked session families and terminals are listed in Redis for as
 * long as a token issued before the revocation can live, and every authenticated request is checked
 * against that list (one MGET). The database stays the record: when Redis cannot answer, the check reads
 * the session and terminal rows instead, so an outage never lets a revoked token through.
 */
export class Revocations {
  constructor(
    private readonly redis: Redis,
    private readonly prisma: PrismaClient,
    /** Access-token lifetime plus clock tolerance: how long a listed entry must live. */
    private readonly listSeconds: number,
  ) {}

  /**
   * Lists what the caller has just revoked in the database. Throws ServiceUnavailableError when Redis
   * cannot take it; the database change stands and the caller may simply retry.
   */
  async publish(revoked: { sessionIds?: readonly string[]; terminalIds?: readonly string[] }) {
    const keys = [
      ...(revoked.sessionIds ?? []).map(sessionKey),
      ...(revoked.terminalIds ?? []).map(terminalKey),
    ];
    if (keys.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.set(key, '1', 'EX', this.listSeconds);
    try {
      const results = await pipeline.exec();
      const failure = results?.find(([error]) => error);
      if (failure) throw failure[0];
    } catch (error) {
      throw new ServiceUnavailableError(
        'revocation is recorded but could not reach every server yet; retry',
        {
          cause: error,
        },
      );
    }
  }

  async isRevoked(principal: Principal): Promise<boolean> {
    const keys: string[] = [];
    if (principal.kind === 'user') keys.push(sessionKey(principal.sessionId));
    const terminalId = principal.terminalId;
    if (terminalId) keys.push(terminalKey(terminalId));
    try {
      const listed = await this.redis.mget(...keys);
      return listed.some((value) => value !== null);
    } catch {
      return this.isRevokedInDatabase(principal);
    }
  }

  private async isRevokedInDatabase(principal: Principal): Promise<boolean> {
    if (principal.kind === 'user') {
      const live = await this.prisma.session.findFirst({
        where: { familyId: principal.sessionId, userId: principal.userId, revokedAt: null },
        select: { id: true },
      });
      if (!live) return true;
    }
    if (principal.terminalId) {
      const terminal = await this.prisma.terminal.findUnique({
        where: { id: principal.terminalId },
        select: { status: true },
      });
      if (terminal?.status !== 'active') return true;
    }
    return false;
  }
}
