import { role } from '@allure/shared/enums';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Principal } from './principal.js';

// Access tokens: HS256 JWTs that live minutes and carry only what authorization needs. Verification pins
// the algorithm (so `alg: none` and key-confusion tricks fail), the issuer, audience and token type, and
// then validates the claims' shape; a session check (revocation.ts) follows on every request.

const ISSUER = 'allure';
const AUDIENCE = 'allure-api';
const TYPE = 'at+jwt';
const ALGORITHM = 'HS256';

const uuid = z.uuid();
const claims = z.discriminatedUnion('knd', [
  z.object({
    knd: z.literal('user'),
    sub: uuid,
    rol: role,
    sid: uuid,
    sto: uuid.nullable(),
    tid: uuid.nullable(),
  }),
  z.object({ knd: z.literal('terminal'), sub: uuid, sto: uuid }),
]);

export interface SignedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export async function signAccessToken(
  principal: Principal,
  key: Uint8Array,
  ttlSeconds: number,
  now = new Date(),
): Promise<SignedAccessToken> {
  const body =
    principal.kind === 'user'
      ? {
          knd: 'user',
          rol: principal.role,
          sid: principal.sessionId,
          sto: principal.storeId,
          tid: principal.terminalId,
        }
      : { knd: 'terminal', sto: principal.storeId };
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const token = await new SignJWT(body)
    .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
    .setSubject(principal.kind === 'user' ? principal.userId : principal.terminalId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

export type AccessTokenProblem = 'expired' | 'invalid';

export class AccessTokenError extends Error {
  constructor(readonly problem: AccessTokenProblem) {
    super(problem === 'expired' ? 'access token expired' : 'invalid access token');
    this.name = 'AccessTokenError';
  }
}

/** The principal a token proves; throws AccessTokenError when it proves nothing. */
export async function verifyAccessToken(token: string, key: Uint8Array): Promise<Principal> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TYPE,
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: 5,
    }));
  } catch (error) {
    throw new AccessTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) throw new AccessTokenError('invalid');
  const value = parsed.data;
  return value.knd === 'user'
    ? {
        kind: 'user',
        userId: value.sub,
        role: value.rol,
        sessionId: value.sid,
        storeId: value.sto,
        terminalId: value.tid,
      }
    : { kind: 'terminal', terminalId: value.sub, storeId: value.sto };
}
