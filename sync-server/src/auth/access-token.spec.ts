import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  AccessTokenError,
  type AccessTokenProblem,
  signAccessToken,
  verifyAccessToken,
} from './access-token.js';
import { deriveAuthKeys } from './keys.js';
import type { TerminalPrincipal, UserPrincipal } from './principal.js';

const key = deriveAuthKeys(randomBytes(32).toString('base64url')).accessToken;
const otherKey = deriveAuthKeys(randomBytes(32).toString('base64url')).accessToken;

const customer: UserPrincipal = {
  kind: 'user',
  userId: randomUUID(),
  role: 'customer',
  sessionId: randomUUID(),
  storeId: null,
  terminalId: null,
};
const cashierOnTill: UserPrincipal = {
  kind: 'user',
  userId: randomUUID(),
  role: 'cashier',
  sessionId: randomUUID(),
  storeId: randomUUID(),
  terminalId: randomUUID(),
};
const till: TerminalPrincipal = { kind: 'terminal', terminalId: randomUUID(), storeId: randomUUID() };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
const hmac = (algorithm: 'sha256' | 'sha384' | 'sha512', signingInput: string, secret = key) =>
  createHmac(algorithm, secret).update(signingInput).digest('base64url');

/** The claims signAccessToken writes for `customer`, valid for ten minutes from now. */
function customerClaims(): JWTPayload & Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    knd: 'user',
    sub: customer.userId,
    rol: customer.role,
    sid: customer.sessionId,
    sto: null,
    tid: null,
    iss: 'allure',
    aud: 'allure-api',
    iat: now,
    exp: now + 600,
  };
}

/** Signs any header and claims with jose; the defaults are exactly what the server accepts. */
function forge(
  options: {
    header?: Partial<JWTHeaderParameters>;
    claims?: Record<string, unknown>;
    omit?: readonly string[];
    secret?: Uint8Array;
  } = {},
): Promise<string> {
  const payload: Record<string, unknown> = { ...customerClaims(), ...options.claims };
  for (const name of options.omit ?? []) delete payload[name];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...options.header })
    .sign(options.secret ?? key);
}

/** Verifies and returns the problem reported; fails the test when the token is accepted. */
async function problemOf(token: string, secret = key): Promise<AccessTokenProblem> {
  const outcome = await verifyAccessToken(token, secret).then(
    (principal) => principal,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AccessTokenError)) {
    throw new Error(`expected an AccessTokenError, got ${JSON.stringify(outcome)}`);
  }
  return outcome.problem;
}

describe('access tokens', () => {
  describe('sign and verify', () => {
    it.each([
      ['a customer', customer],
      ['a cashier signed in on a till', cashierOnTill],
      ['an enrolled terminal', till],
    ])('round-trips %s', async (_case, principal) => {
      const { token, expiresAt } = await signAccessToken(principal, key, 600);
      expect(await verifyAccessToken(token, key)).toEqual(principal);
      expect(Math.abs(expiresAt.getTime() - (Date.now() + 600_000))).toBeLessThan(2_000);
    });

    it('writes the pinned header and registered claims', async () => {
      const { token } = await signAccessToken(customer, key, 600);
      const [header, payload] = token.split('.');
      expect(decode(header)).toEqual({ alg: 'HS256', typ: 'at+jwt' });
      expect(decode(payload)).toMatchObject({ iss: 'allure', aud: 'allure-api', sub: customer.userId });
    });

    it('accepts a hand-forged token with the exact claims the server writes (the baseline of every attack)', async () => {
      expect(await verifyAccessToken(await forge(), key)).toEqual(customer);
    });
  });

  describe('refuses', () => {
    it('alg "none" with an empty signature', async () => {
      const token = `${encode({ alg: 'none', typ: 'at+jwt' })}.${encode(customerClaims())}.`;
      expect(await problemOf(token)).toBe('invalid');
    });

    it('alg "none" carrying a signature', async () => {
      const signingInput = `${encode({ alg: 'none', typ: 'at+jwt' })}.${encode(customerClaims())}`;
      expect(await problemOf(`${signingInput}.${hmac('sha256', signingInput)}`)).toBe('invalid');
    });

    it('a payload changed after signing (customer promoted to admin, signature kept)', async () => {
      const { token } = await signAccessToken(customer, key, 600);
      const [header, payload, signature] = token.split('.');
      const promoted = encode({ ...decode(payload), rol: 'admin' });
      expect(await problemOf(`${header}.${promoted}.${signature}`)).toBe('invalid');
    });

    it('a header changed after signing', async () => {
      const { token } = await signAccessToken(customer, key, 600);
      const [, payload, signature] = token.split('.');
      const header = encode({ alg: 'HS256', typ: 'at+jwt', kid: 'other' });
      expect(await problemOf(`${header}.${payload}.${signature}`)).toBe('invalid');
    });

    it('a signature made with a different key', async () => {
      const { token } = await signAccessToken(customer, otherKey, 600);
      expect(await problemOf(token)).toBe('invalid');
      expect(await problemOf(await forge({ secret: otherKey }))).toBe('invalid');
    });

    it.each(['HS384', 'HS512'] as const)('%s, even signed with the right key', async (alg) => {
      expect(await problemOf(await forge({ header: { alg } }))).toBe('invalid');
    });

    it.each([
      ['RS256', 'sha256'],
      ['ES256', 'sha256'],
      ['PS256', 'sha256'],
      ['RS512', 'sha512'],
    ] as const)('a %s-labelled header over an HMAC signature (algorithm confusion)', async (alg, hash) => {
      const signingInput = `${encode({ alg, typ: 'at+jwt' })}.${encode(customerClaims())}`;
      expect(await problemOf(`${signingInput}.${hmac(hash, signingInput)}`)).toBe('invalid');
    });

    it('an expired token, saying so (the client may refresh)', async () => {
      const anHourAgo = new Date(Date.now() - 3_600_000);
      const { token } = await signAccessToken(customer, key, 600, anHourAgo);
      expect(await problemOf(token)).toBe('expired');
    });

    it('an expired token with a bad signature as invalid, not expired', async () => {
      const anHourAgo = new Date(Date.now() - 3_600_000);
      const { token } = await signAccessToken(customer, otherKey, 600, anHourAgo);
      expect(await problemOf(token)).toBe('invalid');
    });

    it('a token issued in the future', async () => {
      const now = Math.floor(Date.now() / 1000);
      expect(await problemOf(await forge({ claims: { nbf: now + 3_600 } }))).toBe('invalid');
    });

    it.each([
      ['another issuer', { iss: 'someone-else' }],
      ['no issuer', { iss: undefined }],
      ['another audience', { aud: 'allure-admin' }],
      ['an audience list without ours', { aud: ['other-api'] }],
    ])('%s', async (_case, claims) => {
      expect(await problemOf(await forge({ claims }))).toBe('invalid');
    });

    it.each([
      ['a plain JWT typ', { typ: 'JWT' }],
      ['a refresh-token typ', { typ: 'rt+jwt' }],
      ['no typ', { typ: undefined }],
    ])('%s header', async (_case, header) => {
      expect(await problemOf(await forge({ header }))).toBe('invalid');
    });

    it.each(['exp', 'iat', 'sub'])('a token without %s', async (claim) => {
      expect(await problemOf(await forge({ omit: [claim] }))).toBe('invalid');
    });

    it.each([
      ['a user token without a session id', { sid: undefined }],
      ['a subject that is not a uuid', { sub: 'admin' }],
      ['an SQL-ish subject', { sub: "' OR 1=1 --" }],
      ['a role that does not exist', { rol: 'root' }],
      ['an unknown kind', { knd: 'service' }],
      ['no kind', { knd: undefined }],
      ['a store that is not a uuid', { sto: 42 }],
      ['a terminal token without a store', { knd: 'terminal', sto: null }],
    ])('claims of the wrong shape: %s', async (_case, claims) => {
      expect(await problemOf(await forge({ claims }))).toBe('invalid');
    });

    it.each([
      '',
      'garbage',
      'a.b.c',
      '..',
      'eyJhbGciOiJIUzI1NiJ9',
      'eyJhbGciOiJIUzI1NiJ9.e30',
      'eyJhbGciOiJIUzI1NiJ9.e30.e30.e30',
      `${encode({ alg: 'HS256', typ: 'at+jwt' })}.not-json.${'A'.repeat(43)}`,
      'x'.repeat(10_000),
    ])('a garbage string (%#)', async (token) => {
      expect(await problemOf(token)).toBe('invalid');
    });
  });
});
