import Fastify from 'fastify';

// The image bench's same-run baseline: a bare Fastify route that reads a multipart body to its end and
// throws it away, so the figures separate moving the bytes from what the server does with them.
const port = Number(process.argv[2]);

const app = Fastify({ logger: false });
app.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
  payload.on('error', done);
  payload.on('end', () => done(null, undefined));
  payload.resume();
});
app.post('/upload', { bodyLimit: 1024 * 1024 * 1024 }, async (_request, reply) =>
  reply.code(201).send({ received: true }),
);
app.get('/livez', async () => ({ status: 'alive' }));
await app.listen({ port, host: '127.0.0.1' });
