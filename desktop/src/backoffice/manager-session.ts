/**
 * A manager's or admin's session in the back office: email and password (PINs never open the back office),
 * a short access token kept in memory and renewed before it expires, and the rotating refresh token kept
 * by the platform (the OS keychain in the app), so the back office reopens signed in. The server rotates
 * the refresh token on each use; the new one replaces the old at once.
 */
import type { PlatformApi } from '../platform/platform-api.js';
import { type ServerApi, serverApi } from '../till/server-api.js';

const RENEW_BEFORE_MS = 60_000;

export interface ManagerUser {
  id: string;
  name: string;
  role: string;
  storeId: string | null;
}

interface Tokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string | null;
}

export class ManagerSession {
  readonly api: ServerApi;
  private renewing: Promise<string | null> | null = null;

  private constructor(
    private readonly platform: PlatformApi,
    readonly serverUrl: string,
    readonly user: ManagerUser,
    private tokens: Tokens,
  ) {
    this.api = serverApi(serverUrl, this.accessToken);
  }

  static async signIn(platform: PlatformApi, serverUrl: string, email: string, password: string) {
    const signedIn = await serverApi(serverUrl).auth.login.mutate({ email, password, transport: 'body' });
    const session = new ManagerSession(platform, serverUrl, signedIn.user, signedIn);
    await session.keep(signedIn.refreshToken);
    return session;
  }

  /** The session the last sign-in left, if its refresh token still works. */
  static async resume(platform: PlatformApi, serverUrl: string): Promise<ManagerSession | null> {
    const refreshToken = await platform.getSecret('refresh-token');
    if (!refreshToken) return null;
    try {
      const tokens = await serverApi(serverUrl).auth.refresh.mutate({ refreshToken });
      await platform.setSecret('refresh-token', tokens.refreshToken ?? refreshToken);
      const user = await serverApi(serverUrl, async () => tokens.accessToken).auth.me.query();
      return new ManagerSession(platform, serverUrl, user, tokens);
    } catch {
      return null;
    }
  }

  accessToken = async (): Promise<string | null> => {
    if (Date.parse(this.tokens.accessTokenExpiresAt) - Date.now() > RENEW_BEFORE_MS)
      return this.tokens.accessToken;
    this.renewing ??= this.renew().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  };

  async signOut(): Promise<void> {
    await this.api.auth.logout.mutate().catch(() => {});
    await this.platform.deleteSecret('refresh-token');
  }

  private async renew(): Promise<string | null> {
    const refreshToken = await this.platform.getSecret('refresh-token');
    if (!refreshToken) return null;
    const tokens = await serverApi(this.serverUrl).auth.refresh.mutate({ refreshToken });
    this.tokens = tokens;
    await this.keep(tokens.refreshToken);
    return tokens.accessToken;
  }

  private async keep(refreshToken: string | null): Promise<void> {
    if (refreshToken) await this.platform.setSecret('refresh-token', refreshToken);
  }
}
