import { signAccessToken } from '../auth/access-token.js';
import type { StaffPrincipal } from '../auth/store-scope.js';
import type { Context } from '../trpc/context.js';

/** The queue dashboard's path, and the cookie that admits a browser to it. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'allure_queues';
const DASHBOARD_TTL_S = 600;

/**
 * A browser navigating to the dashboard sends no Authorization header, so the signed-in manager's app asks
 * for a short-lived access token of their own in an HttpOnly cookie limited to the dashboard's path. It is
 * checked (signature, role, revocation) on every dashboard request like any access token.
 */
export async function openQueueDashboard(ctx: Pick<Context, 'auth' | 'reply'>, principal: StaffPrincipal) {
  const { token, expiresAt } = await signAccessToken(principal, ctx.auth.keys.accessToken, DASHBOARD_TTL_S);
  ctx.reply?.setCookie(QUEUE_DASHBOARD_COOKIE, token, {
    path: QUEUE_DASHBOARD_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.auth.settings.cookieSecure,
    maxAge: DASHBOARD_TTL_S,
  });
  return { path: QUEUE_DASHBOARD_PATH, expiresAt };
}
