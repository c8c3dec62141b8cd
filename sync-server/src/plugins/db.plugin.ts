import { createDatabase, type Database } from '@allure/db/client';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export const dbPlugin = fp(
  async (app, options: { database: Config['database'] }) => {
    const db = createDatabase({ ...options.database, applicationName: 'allure-sync-server' });
    app.decorate('db', db);
    // onClose hooks run after in-flight requests have finished, so the pool outlives them.
    app.addHook('onClose', async () => {
      await db.close();
    });
  },
  { name: 'db' },
);
