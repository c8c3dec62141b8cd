/**
 * What the replication needs from the server, and nothing more: the three operations of the replication
 * contract (@allure/shared/sync). trpc-sync-client.ts implements it over HTTP; specs implement it in memory
 * to check the till's side of the protocol.
 */
import type { PullInput, PullResult, PushInput, SyncCollection, SyncEvent } from '@allure/shared/sync.schema';
import type { Unsubscribable } from 'rxjs';

export interface SyncStreamHandlers {
  /** A message of the live stream; `resync` comes first on every (re)connection. */
  onEvent(event: SyncEvent): void;
  /**
   * The stream is up (`true`) or lost and reconnecting by itself (`false`, with the reason when there is
   * one). A lost stream may miss changes: the `resync` of the reconnection covers them.
   */
  onConnectionChange(connected: boolean, error?: unknown): void;
  /**
   * The stream ended and will not come back by itself (refused, e.g. an expired token, or closed by the
   * server): whoever subscribed decides when to subscribe again.
   */
  onEnd(error?: unknown): void;
}

export interface SyncApi {
  /**
   * Identifies the server (its URL): replication checkpoints are kept per endpoint, so a till pointed at
   * another server starts from scratch instead of resuming from a position in someone else's change log.
   */
  readonly endpoint: string;
  pull<C extends SyncCollection>(input: PullInput & { collection: C }): Promise<PullResult<C>>;
  /** The server's state of every row it did not take as sent (quarantined rows included). */
  push(input: PushInput): Promise<unknown[]>;
  /** One live stream for every collection. */
  stream(handlers: SyncStreamHandlers): Unsubscribable;
}
