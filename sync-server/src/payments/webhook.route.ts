import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PaymentEvent } from './payment-provider.js';
import type { Payments } from './payments.js';
import { SIGNATURE_HEADER, verifyWebhook } from './webhook-signature.js';

const event = z.object({
  id: z.string().min(1).max(128),
  type: z.enum(['payment.succeeded', 'payment.failed']),
  paymentId: z.uuid(),
  providerRef: z.string().min(1).max(128),
  reason: z.string().max(200).optional(),
}) satisfies z.ZodType<PaymentEvent>;

/**
 * POST /webhooks/payments/:provider — the provider tells us how a payment ended. The signature is checked
 * on the raw bytes (re-serialised JSON would not match), then the event is recorded once and settled.
 * Answers: 200 processed or duplicate (the provider stops resending), 400 unsigned/malformed (it should not
 * resend), 5xx only when we failed (it will resend).
 */
export async function paymentWebhookRoutes(
  app: FastifyInstance,
  options: { provider: string; secret: string; payments: Payments },
) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_request, body, done) => done(null, body),
  );
  app.post<{ Params: { provider: string }; Body: string }>(
    '/webhooks/payments/:provider',
    async (request, reply) => {
      if (request.params.provider !== options.provider)
        return reply.code(404).send({ error: 'unknown provider' });
      const check = verifyWebhook(
        options.secret,
        request.body,
        request.headers[SIGNATURE_HEADER] as string | undefined,
      );
      if (!check.ok) return reply.code(400).send({ error: check.reason });
      let parsed: ReturnType<typeof event.safeParse>;
      try {
        parsed = event.safeParse(JSON.parse(request.body));
      } catch {
        return reply.code(400).send({ error: 'body is not JSON' });
      }
      if (!parsed.success)
        return reply.code(400).send({ error: 'not a payment event', issues: parsed.error.issues });
      const result = await options.payments.webhook(parsed.data, options.provider);
      return reply.code(200).send({ result });
    },
  );
}
