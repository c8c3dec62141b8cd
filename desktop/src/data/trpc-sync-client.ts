/**
 * The SyncApi over the server's tRPC router: `sync.pull` (query), `sync.push` (mutation) and `sync.stream`
 * (subscription, server-sent events). Every request and every stream (re)connection carries the
 * terminal's current access token as `Authorization: Bearer <token>`.
 *
 * A browser EventSource cannot send headers, so the stream uses the `eventsource` package, whose requests
 * go through a fetch of ours that adds the header (and asks for the token again on every reconnection).
 */
import type { PullResult, SyncCollection } from '@allure/shared/sync.schema';
import type { AppRouter } from '@allure/sync-server/router';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { SyncApi } from './sync-api.js';

export interface SyncClientOptions {
  /** The server's tRPC endpoint, e.g. `https://sync.example.com/trpc`. */
  url: string;
  /**
   * The terminal's access token, or null when it has none (then requests go without and the server says
   * why it refuses). Called for every request and stream connection; the shell keeps the token fresh.
   */
  getAccessToken: () => Promise<string | null>;
  /** Defaults to the global fetch; for proxies and tests. */
  fetch?: typeof fetch;
}

export function createSyncClient(options: SyncClientOptions): SyncApi {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const authorization = async (): Promise<Record<string, string>> => {
    const token = await options.getAccessToken();
    return token === null ? {} : { Authorization: `Bearer ${token}` };
  };

  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: options.url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: async (input, init) =>
              fetchImpl(input, { ...init, headers: { ...init.headers, ...(await authorization()) } }),
          }),
        }),
        false: httpLink({ url: options.url, fetch: fetchImpl, headers: authorization }),
      }),
    ],
  });

  return {
    endpoint: options.url,
    async pull<C extends SyncCollection>(input: Parameters<SyncApi['pull']>[0] & { collection: C }) {
      // The router answers for any collection; the documents are those of the one asked for.
      return (await trpc.sync.pull.query(input)) as PullResult<C>;
    },
    push: (input) => trpc.sync.push.mutate(input),
    stream(handlers) {
      let connected = false;
      return trpc.sync.stream.subscribe(undefined, {
        onData: (event) => handlers.onEvent(event),
        onConnectionStateChange(state) {
          if (state.state === 'pending' && !connected) {
            connected = true;
            handlers.onConnectionChange(true);
          } else if (state.state === 'connecting' && (connected || state.error)) {
            connected = false;
            handlers.onConnectionChange(false, state.error ?? undefined);
          }
        },
        onError: (error) => handlers.onEnd(error),
        onComplete: () => handlers.onEnd(),
      });
    },
  };
}
