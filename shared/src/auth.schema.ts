/**
 * Inputs of sign-in, sessions, terminal enrollment and password reset. Secrets have upper bounds so a
 * megabyte "password" is refused before anything hashes it.
 */
import { z } from 'zod';
import { email, name, uuid } from './common.schema.js';
import { locale } from './enums.js';
import { terminalCode } from './order-number.js';
import { pin } from './pin.js';
import { password } from './user.schema.js';

/** Opaque tokens the server issues (refresh tokens, device credentials, reset tokens): 256 bits, base64url. */
export const opaqueToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a token issued by this server');

/**
 * `cookie`: the web shop; the refresh token travels only in an httpOnly cookie. `body`: the desktop, whose
 * Electron main process keeps it in the OS keychain.
 */
export const refreshTokenTransport = z.enum(['cookie', 'body']);
export type RefreshTokenTransport = z.infer<typeof refreshTokenTransport>;

export const loginInput = z.object({
  email,
  // Any existing password must be accepted, so only the bounds of a new one apply.
  password: z.string().min(1).max(128),
  transport: refreshTokenTransport.default('body'),
});
export type LoginInput = z.input<typeof loginInput>;

/** The desktop sends its token; the web shop's comes from the cookie. */
export const refreshInput = z.object({ refreshToken: opaqueToken.optional() });
export type RefreshInput = z.infer<typeof refreshInput>;

export const revokeSessionInput = z.object({ sessionId: uuid });

/** A cashier (or manager) signing in on an enrolled terminal. */
export const pinLoginInput = z.object({ userId: uuid, pin });
export type PinLoginInput = z.infer<typeof pinLoginInput>;

/** What a manager reads out to whoever sets up a till; the server normalises look-alike characters. */
export const enrollmentCode = z.string().trim().min(12).max(20);
export const enrollInput = z.object({ code: enrollmentCode });
export const terminalAuthInput = z.object({ terminalId: uuid, credential: opaqueToken });

export const createTerminalInput = z.object({
  /** Admins name the store; a manager's is always their own. */
  storeId: uuid.optional(),
  code: terminalCode,
  name,
});

/**
 * A shopper opening a web shop account; they are signed in at once. The password follows the rules of every
 * new password (`password`, as a reset or a change sets it). `transport` has no default, unlike sign-in's:
 * the shop must ask for the cookie, and a client that forgot to should not get the refresh token in a body
 * its scripts can read.
 */
export const registerInput = z.object({
  email,
  password,
  name,
  /** The language of the e-mail that tells the address an account was opened with it. */
  locale: locale.default('fr'),
  transport: refreshTokenTransport,
});
export type RegisterInput = z.input<typeof registerInput>;

export const passwordResetRequestInput = z.object({ email });
export const passwordResetInput = z.object({ token: opaqueToken, newPassword: password });
