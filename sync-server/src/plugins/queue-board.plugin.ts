import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import fp from 'fastify-plugin';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH } from '../queue/queue-dashboard.js';
import { authenticate } from '../trpc/context.js';

/**
 * bull-board at /admin/queues, for admins and managers: the access token comes in the Authorization header
 * or in the cookie `jobs.openDashboard` sets. Requires auth and queues.
 */
export const queueBoardPlugin = fp(
  async (app) => {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: Object.values(app.jobs.queues).map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
    });
    await app.register(async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const cookie = request.cookies[QUEUE_DASHBOARD_COOKIE];
        const header = request.headers.authorization ?? (cookie ? `Bearer ${cookie}` : undefined);
        const { principal, credentialProblem } = await authenticate(app.auth, header);
        if (!principal) {
          return reply
            .code(401)
            .send({ error: credentialProblem ?? 'sign in as a manager to see the queues' });
        }
        if (principal.kind !== 'user' || (principal.role !== 'admin' && principal.role !== 'manager')) {
          return reply.code(403).send({ error: 'your role may not do this' });
        }
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
    });
  },
  { name: 'queue-board', dependencies: ['auth', 'queues'] },
);
