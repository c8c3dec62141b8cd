import Fastify from 'fastify';

// The same-run baseline: a bare Fastify route answering a fixed JSON body of the size the measured
// endpoint returns, so the figures separate our work from what the machine and HTTP cost anyway.
const port = Number(process.argv[2]);
const bodyBytes = Number(process.argv[3]);
const body = JSON.stringify({ data: 'x'.repeat(Math.max(0, bodyBytes - 12)) });

const app = Fastify({ logger: false });
app.get('/baseline', async (_request, reply) => reply.type('application/json').send(body));
app.get('/livez', async () => ({ status: 'alive' }));
await app.listen({ port, host: '127.0.0.1' });
