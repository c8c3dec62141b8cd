import type { AppRouter } from '@allure/sync-server/router';
import { createTRPCClient, httpLink } from '@trpc/client';

// The server's own API, as the back office and a till use it: the manager signs in, enrolls tills, changes
// prices; a till exchanges its device credential for a short-lived access token.

export const DEMO_MANAGER = { email: 'manager@allure.test', password: 'allure-demo' };

export type ApiClient = ReturnType<typeof apiClient>;

export function apiClient(baseUrl: string, accessToken?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => (accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      }),
    ],
  });
}

export async function managerClient(baseUrl: string): Promise<ApiClient> {
  const { accessToken } = await apiClient(baseUrl).auth.login.mutate(DEMO_MANAGER);
  return apiClient(baseUrl, accessToken);
}

export interface BenchTerminal {
  terminalId: string;
  terminalCode: string;
  /** Valid for the server's ACCESS_TOKEN_TTL_S (10 minutes by default): longer than any bench. */
  accessToken: string;
}

/**
 * A till enrolled as a store does it (created first unless it exists, then an enrollment code exchanged for
 * the device credential), signed in with that credential.
 */
export async function enrollTerminal(
  baseUrl: string,
  manager: ApiClient,
  code: string,
): Promise<BenchTerminal> {
  const anonymous = apiClient(baseUrl);
  const existing = (await manager.terminals.list.query()).find((terminal) => terminal.code === code);
  const terminal = existing ?? (await manager.terminals.create.mutate({ code, name: `Caisse ${code}` }));
  const issued = await manager.terminals.issueEnrollmentCode.mutate({ id: terminal.id });
  const enrolled = await anonymous.terminals.enroll.mutate({ code: issued.code });
  const { accessToken } = await anonymous.terminals.authenticate.mutate({
    terminalId: enrolled.terminalId,
    credential: enrolled.credential,
  });
  return { terminalId: enrolled.terminalId, terminalCode: enrolled.terminalCode, accessToken };
}
