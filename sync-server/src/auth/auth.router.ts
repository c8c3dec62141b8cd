import {
  loginInput,
  passwordResetInput,
  passwordResetRequestInput,
  pinLoginInput,
  refreshInput,
  registerInput,
  revokeSessionInput,
} from '@allure/shared/auth.schema';
import { changePasswordInput, updateProfileInput } from '@allure/shared/user.schema';
import { InvalidInputError } from '../errors.js';
import { enforceRateLimits } from '../rate-limit/enforce.js';
import { refreshPerIp } from '../rate-limit/policies.js';
import type { Context } from '../trpc/context.js';
import { allow, publicProcedure, router } from '../trpc/trpc.js';
import { getAccount, updateProfile } from './account.service.js';
import { login, pinLogin } from './login.service.js';
import { changePassword, requestPasswordReset, resetPassword } from './password.service.js';
import { clearRefreshCookie, REFRESH_COOKIE, setRefreshCookie } from './refresh-cookie.js';
import { register } from './registration.service.js';
import {
  type Device,
  listSessions,
  refreshSession,
  revokeSessions,
  type SessionTokens,
} from './session.service.js';

const staff = ['admin', 'manager', 'cashier'] as const;
const everyone = [...staff, 'customer'] as const;

function deviceOf(ctx: Context): Device {
  return { terminalId: null, userAgent: ctx.userAgent, ip: ctx.ip };
}

/** With the cookie transport the refresh token is set as a cookie and left out of the body. */
function deliver(ctx: Context, tokens: SessionTokens, transport: 'cookie' | 'body') {
  const { refreshToken, ...rest } = tokens;
  if (transport === 'body') return { ...rest, refreshToken };
  setRefreshCookie(ctx, refreshToken, tokens.refreshTokenExpiresAt);
  return { ...rest, refreshToken: null };
}

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const { user, tokens } = await login(ctx, input, deviceOf(ctx));
    return { user, ...deliver(ctx, tokens, input.transport) };
  }),

  /** A shopper opens a web shop account and is signed in at once; answers like `login`. */
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    const { transport, ...account } = input;
    const { user, tokens } = await register(ctx, account, deviceOf(ctx));
    return { user, ...deliver(ctx, tokens, transport) };
  }),

  refresh: publicProcedure.input(refreshInput).mutation(async ({ ctx, input }) => {
    await enforceRateLimits(ctx, [[refreshPerIp, ctx.ip]], 'open');
    const fromCookie = ctx.cookies[REFRESH_COOKIE];
    const token = input.refreshToken ?? fromCookie;
    if (!token) throw new InvalidInputError('no refresh token: sign in again');
    try {
      const tokens = await refreshSession(ctx, token, deviceOf(ctx));
      return deliver(ctx, tokens, input.refreshToken ? 'body' : 'cookie');
    } catch (error) {
      if (!input.refreshToken) clearRefreshCookie(ctx);
      throw error;
    }
  }),

  /** Ends this device's session. */
  logout: allow(...everyone).mutation(async ({ ctx }) => {
    await revokeSessions(ctx, ctx.principal.userId, { familyIds: [ctx.principal.sessionId] });
    clearRefreshCookie(ctx);
    return { signedOut: 1 };
  }),

  /** Ends every session of this account, on every device, at once. */
  logoutEverywhere: allow(...everyone).mutation(async ({ ctx }) => {
    clearRefreshCookie(ctx);
    return { signedOut: await revokeSessions(ctx, ctx.principal.userId) };
  }),

  sessions: router({
    list: allow(...everyone).query(({ ctx }) => listSessions(ctx, ctx.principal)),
    revoke: allow(...everyone)
      .input(revokeSessionInput)
      .mutation(async ({ ctx, input }) => ({
        // Scoped to the caller: another user's session id revokes nothing.
        signedOut: await revokeSessions(ctx, ctx.principal.userId, { familyIds: [input.sessionId] }),
      })),
  }),

  me: allow(...everyone).query(({ ctx }) => getAccount(ctx, ctx.principal)),
  updateProfile: allow(...everyone)
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx, ctx.principal, input)),
  changePassword: allow(...everyone)
    .input(changePasswordInput)
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx, ctx.principal, input);
      return { changed: true };
    }),

  requestPasswordReset: publicProcedure.input(passwordResetRequestInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx, input.email);
    return { requested: true };
  }),
  resetPassword: publicProcedure.input(passwordResetInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx, input.token, input.newPassword);
    return { reset: true };
  }),

  /** A cashier or manager signing in on the enrolled terminal that makes the call. */
  pinLogin: allow('terminal')
    .input(pinLoginInput)
    .mutation(async ({ ctx, input }) => {
      const { user, tokens } = await pinLogin(ctx, ctx.principal, input, deviceOf(ctx));
      return { user, ...deliver(ctx, tokens, 'body') };
    }),
});
