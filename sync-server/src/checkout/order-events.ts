import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * Tells every server instance that a web order's status changed, so the shopper's open status stream (on
 * whichever instance) reads it again. Only the id travels; a lost message is caught by the stream's own
 * periodic look.
 */
const message = z.object({ orderId: z.uuid() });

export class OrderEvents {
  readonly #listeners = new Map<string, Set<() => void>>();

  constructor(
    private readonly publisher: Redis,
    readonly channel: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** After a commit. Never throws: the change is committed whatever happens to the announcement. */
  async publish(orderId: string): Promise<void> {
    try {
      await this.publisher.publish(this.channel, JSON.stringify({ orderId }));
    } catch (error) {
      this.log.warn({ err: error }, 'order status announcement not published; streams will poll');
      this.#deliver(orderId);
    }
  }

  listen(orderId: string, listener: () => void): () => void {
    const listeners = this.#listeners.get(orderId) ?? new Set();
    listeners.add(listener);
    this.#listeners.set(orderId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#listeners.delete(orderId);
    };
  }

  receive(raw: string): void {
    let parsed: ReturnType<typeof message.safeParse>;
    try {
      parsed = message.safeParse(JSON.parse(raw));
    } catch {
      return;
    }
    if (parsed.success) this.#deliver(parsed.data.orderId);
  }

  #deliver(orderId: string): void {
    for (const listener of this.#listeners.get(orderId) ?? []) listener();
  }
}
