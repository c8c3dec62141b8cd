/**
 * The terminal's access token: exchanged for the device credential when needed, kept in memory only, and
 * renewed a minute before it expires. Concurrent callers share one exchange. Offline, or when the server
 * refuses the credential, it answers null and says why (`revoked` means enroll again).
 */
import { BehaviorSubject } from 'rxjs';
import { httpStatusOf, serverApi } from './server-api.js';

const RENEW_BEFORE_MS = 60_000;

export type TokenProblem = 'offline' | 'revoked' | null;

export class TerminalToken {
  readonly problem$ = new BehaviorSubject<TokenProblem>(null);
  private token: { value: string; expiresAt: number } | null = null;
  private exchange: Promise<string | null> | null = null;

  constructor(
    private readonly serverUrl: string,
    private readonly terminalId: string,
    private readonly credential: () => Promise<string | null>,
  ) {}

  get = async (): Promise<string | null> => {
    if (this.token && this.token.expiresAt - Date.now() > RENEW_BEFORE_MS) return this.token.value;
    this.exchange ??= this.renew().finally(() => {
      this.exchange = null;
    });
    return this.exchange;
  };

  private async renew(): Promise<string | null> {
    const credential = await this.credential();
    if (credential === null) {
      this.problem$.next('revoked');
      return null;
    }
    try {
      const answer = await serverApi(this.serverUrl).terminals.authenticate.mutate({
        terminalId: this.terminalId,
        credential,
      });
      this.token = { value: answer.accessToken, expiresAt: Date.parse(answer.accessTokenExpiresAt) };
      this.problem$.next(null);
      return answer.accessToken;
    } catch (error) {
      const refused = httpStatusOf(error) === 401;
      this.problem$.next(refused ? 'revoked' : 'offline');
      return null;
    }
  }
}
