import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { ChangeFeed } from '../sync/change-feed.js';
import { createRedis } from './redis.plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    changeFeed: ChangeFeed;
  }
}

/** The change feed, publishing on the shared connection and listening on one of its own (pub/sub mode). */
export const changeFeedPlugin = fp(
  async (app, options: { redis: Config['redis'] }) => {
    const channel = `${options.redis.keyPrefix}sync:changes`;
    const feed = new ChangeFeed(app.redis, channel, app.log);
    const subscriber = createRedis(options.redis, 'allure-sync-feed');
    // Errors are the main connection's to report (same server); reconnection is automatic, and every
    // (re)connection subscribes again in case Redis lost the subscription with its restart.
    subscriber.on('error', () => {});
    subscriber.on('ready', () => {
      subscriber
        .subscribe(channel)
        .catch((error: unknown) => app.log.warn({ err: error }, 'change feed subscribe failed'));
    });
    subscriber.on('message', (_channel: string, message: string) => feed.receive(message));
    subscriber.connect().catch(() => {});

    app.decorate('changeFeed', feed);
    app.addHook('preClose', async () => {
      feed.close();
    });
    app.addHook('onClose', async () => {
      subscriber.disconnect();
    });
  },
  { name: 'change-feed', dependencies: ['redis'] },
);
