import fp from 'fastify-plugin';
import { OrderEvents } from '../checkout/order-events.js';
import type { Config } from '../config.js';
import { ChangeFeed } from '../sync/change-feed.js';
import { createRedis } from './redis.plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    changeFeed: ChangeFeed;
    orderEvents: OrderEvents;
  }
}

/**
 * What instances tell each other: the sync change feed (terminals' live streams) and web order status
 * changes (shoppers' status streams). Both publish on the shared connection and listen on one connection of
 * their own (pub/sub mode).
 */
export const pubsubPlugin = fp(
  async (app, options: { redis: Config['redis'] }) => {
    const feed = new ChangeFeed(app.redis, `${options.redis.keyPrefix}sync:changes`, app.log);
    const orderEvents = new OrderEvents(app.redis, `${options.redis.keyPrefix}orders:status`, app.log);
    const receivers = new Map<string, (message: string) => void>([
      [feed.channel, (message) => feed.receive(message)],
      [orderEvents.channel, (message) => orderEvents.receive(message)],
    ]);
    const subscriber = createRedis(options.redis, 'allure-pubsub');
    // Errors are the main connection's to report (same server); reconnection is automatic, and every
    // (re)connection subscribes again in case Redis lost the subscriptions with its restart.
    subscriber.on('error', () => {});
    subscriber.on('ready', () => {
      subscriber
        .subscribe(...receivers.keys())
        .catch((error: unknown) => app.log.warn({ err: error }, 'pub/sub subscribe failed'));
    });
    subscriber.on('message', (channel: string, message: string) => receivers.get(channel)?.(message));
    subscriber.connect().catch(() => {});

    app.decorate('changeFeed', feed);
    app.decorate('orderEvents', orderEvents);
    app.addHook('preClose', async () => {
      feed.close();
    });
    app.addHook('onClose', async () => {
      subscriber.disconnect();
    });
  },
  { name: 'pubsub', dependencies: ['redis'] },
);
