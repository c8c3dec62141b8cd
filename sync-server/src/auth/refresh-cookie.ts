import type { Context } from '../trpc/context.js';

// The web shop's refresh token lives only in this cookie: httpOnly (no script reads it), Secure, SameSite
// Strict (no other site's page sends it), and scoped to the API path.

export const REFRESH_COOKIE = 'allure_refresh';
const PATH = '/trpc';

export function setRefreshCookie(ctx: Pick<Context, 'reply' | 'auth'>, token: string, expiresAt: Date) {
  ctx.reply?.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: ctx.auth.settings.cookieSecure,
    sameSite: 'strict',
    path: PATH,
    expires: expiresAt,
  });
}

export function clearRefreshCookie(ctx: Pick<Context, 'reply' | 'auth'>) {
  ctx.reply?.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    secure: ctx.auth.settings.cookieSecure,
    sameSite: 'strict',
    path: PATH,
  });
}
