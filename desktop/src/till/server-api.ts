/**
 * The till's tRPC client for everything but replication (data/trpc-sync-client.ts): enrollment, its
 * profile and staff, cashier sign-in. Every call carries the terminal's access token when it has one.
 */
import type { AppRouter } from '@allure/sync-server/router';
import { createTRPCClient, httpLink, type TRPCClient, TRPCClientError } from '@trpc/client';

export type ServerApi = TRPCClient<AppRouter>;

export function serverApi(
  serverUrl: string,
  getAccessToken: () => Promise<string | null> = async () => null,
): ServerApi {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${serverUrl}/trpc`,
        headers: async (): Promise<Record<string, string>> => {
          const token = await getAccessToken();
          return token === null ? {} : { Authorization: `Bearer ${token}` };
        },
      }),
    ],
  });
}

/** The HTTP status the server answered a failed call with; undefined when it never answered (offline). */
export function httpStatusOf(error: unknown): number | undefined {
  return error instanceof TRPCClientError ? error.data?.httpStatus : undefined;
}
