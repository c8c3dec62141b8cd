import { catalogCollections, type SyncCollection, syncCollection } from '@allure/shared/sync.schema';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * Tells every server instance that replicated documents changed, so the live streams of the terminals
 * connected to it pull them. Redis pub/sub carries only *which* collections of *which* store changed; the
 * documents themselves are read from the change log by each stream, from its own position. A lost
 * message costs latency, not data: streams also look on their own every POLL interval (and that is all
 * they can do while Redis is down).
 */

export interface ChangeScope {
  collection: SyncCollection;
  /** Null for the catalog, which every store replicates. */
  storeId: string | null;
}

const announcement = z.array(z.object({ collection: syncCollection, storeId: z.uuid().nullable() })).max(50);

export function scopeOf(collection: SyncCollection, storeId: string): ChangeScope {
  return { collection, storeId: catalogCollections.includes(collection) ? null : storeId };
}

export class ChangeFeed {
  readonly #listeners = new Set<(scopes: readonly ChangeScope[]) => void>();
  readonly #closing = new AbortController();

  constructor(
    private readonly publisher: Redis,
    readonly channel: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Aborted when the server shuts down: live streams end so that shutdown does not wait on them. */
  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  /** After a commit. Never throws: the change is committed whatever happens to the announcement. */
  async announce(scopes: readonly ChangeScope[]): Promise<void> {
    if (scopes.length === 0) return;
    try {
      await this.publisher.publish(this.channel, JSON.stringify(scopes));
    } catch (error) {
      this.log.warn({ err: error }, 'change announcement not published; terminals will poll');
      // This instance's own terminals need not wait for the poll.
      this.deliver(scopes);
    }
  }

  listen(listener: (scopes: readonly ChangeScope[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A message from the subscriber connection. */
  receive(message: string): void {
    let parsed: ReturnType<typeof announcement.safeParse>;
    try {
      parsed = announcement.safeParse(JSON.parse(message));
    } catch {
      return;
    }
    if (parsed.success) this.deliver(parsed.data);
  }

  close(): void {
    this.#closing.abort();
  }

  private deliver(scopes: readonly ChangeScope[]): void {
    for (const listener of this.#listeners) listener(scopes);
  }
}
