import { useEffect, useSyncExternalStore } from 'react';
import type { ShopApi } from '../api/api-client.js';

export interface SessionUser {
  email: string;
  name: string;
}

export type Session =
  | { status: 'unknown' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: SessionUser; accessToken: string; expiresAt: number };

/** Renew the access token this long before it expires, so no request carries an expired one. */
const RENEW_MARGIN_MS = 30_000;

/**
 * The shopper's account session. The refresh token is an HttpOnly cookie the API sets (no script here can
 * read it); the short-lived access token lives in memory only, and a reload gets a new one from the cookie.
 */
let session: Session = { status: 'unknown' };
/**
 * Set while this browser has an account session, so a visitor who never signed in costs the API no
 * refresh call (the cookie itself is out of a script's reach).
 */
const HINT_KEY = 'allure.account';
const listeners = new Set<() => void>();
let restoring = false;

function set(next: Session) {
  session = next;
  try {
    if (next.status === 'signed-in') localStorage.setItem(HINT_KEY, '1');
    if (next.status === 'signed-out') localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage refused (private mode): the session still works for this page.
  }
  for (const listener of listeners) listener();
}

/** A token just renewed, for the call that reads who it belongs to. */
let renewed: string | null = null;

export function accessToken(): string | null {
  return renewed ?? (session.status === 'signed-in' ? session.accessToken : null);
}

function signedIn(user: SessionUser, tokens: { accessToken: string; accessTokenExpiresAt: string | Date }) {
  set({
    status: 'signed-in',
    user,
    accessToken: tokens.accessToken,
    expiresAt: new Date(tokens.accessTokenExpiresAt).getTime(),
  });
}

/** From the refresh cookie, if the browser has one; a shopper who never signed in simply has none. */
export async function restoreSession(api: ShopApi): Promise<void> {
  if (localStorage.getItem(HINT_KEY) === null) {
    set({ status: 'signed-out' });
    return;
  }
  try {
    const tokens = await api.auth.refresh.mutate({});
    renewed = tokens.accessToken;
    const me = await api.auth.me.query();
    signedIn({ email: me.email, name: me.name }, tokens);
  } catch {
    set({ status: 'signed-out' });
  } finally {
    renewed = null;
  }
}

/** A fresh access token before a signed-in call, renewing it when it is about to expire. */
export async function ensureFresh(api: ShopApi): Promise<void> {
  if (session.status === 'signed-in' && session.expiresAt - Date.now() < RENEW_MARGIN_MS)
    await restoreSession(api);
}

export async function signIn(api: ShopApi, email: string, password: string): Promise<void> {
  const result = await api.auth.login.mutate({ email, password, transport: 'cookie' });
  signedIn({ email, name: result.user.name }, result);
}

export async function register(
  api: ShopApi,
  input: { name: string; email: string; password: string; locale: 'fr' | 'en' },
) {
  const result = await api.auth.register.mutate({ ...input, transport: 'cookie' });
  signedIn({ email: input.email, name: result.user.name }, result);
}

export async function signOut(api: ShopApi): Promise<void> {
  try {
    await api.auth.logout.mutate();
  } finally {
    set({ status: 'signed-out' });
  }
}

/** The session, looked up from the cookie the first time a page asks. */
export function useSession(api: ShopApi | null): Session {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => session,
    () => session,
  );
  useEffect(() => {
    if (api && session.status === 'unknown' && !restoring) {
      restoring = true;
      void restoreSession(api).finally(() => {
        restoring = false;
      });
    }
  }, [api]);
  return current;
}
