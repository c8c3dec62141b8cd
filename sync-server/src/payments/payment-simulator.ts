import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import {
  type ChargeOutcome,
  type ChargeRequest,
  type PaymentEvent,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderRefund,
  type RefundRequest,
} from './payment-provider.js';
import { signWebhook } from './webhook-signature.js';

/**
 * A stand-in for the payment provider, for development, tests and benchmarks: it answers like one (after a
 * processing delay, idempotent by payment id, webhooks signed and retried) and its behaviour is chosen by
 * the test token or phone number, the way providers' sandboxes work:
 *
 * card token            outcome
 * tok_sim_success       paid at once
 * tok_sim_declined      declined (card_declined); tok_sim_insufficient: declined (insufficient_funds)
 * tok_sim_3ds           pending, then paid by webhook (the shopper passed 3-D Secure)
 * tok_sim_timeout       paid, but the first answer never arrives (the caller times out and asks again)
 * tok_sim_unavailable   the provider is down: every request fails
 * anything else         declined (invalid_token)
 *
 * wallet phone ending   outcome (always pending first: the shopper approves on the phone)
 * …0000                 failed by webhook (rejected_by_customer)
 * …1111                 never answered (the approval expires)
 * anything else         paid by webhook
 */
export const simulatorTokens = {
  success: 'tok_sim_success',
  declined: 'tok_sim_declined',
  insufficient: 'tok_sim_insufficient',
  threeDSecure: 'tok_sim_3ds',
  timeout: 'tok_sim_timeout',
  unavailable: 'tok_sim_unavailable',
} as const;

export interface SimulatorOptions {
  delayMs: number;
  secret: string;
  /** Posts a signed webhook body to our webhook route; rejects when it was not accepted. */
  deliver: (body: string, signature: string) => Promise<void>;
  log: FastifyBaseLogger;
}

type Plan =
  | { now: ChargeOutcome['status']; later?: PaymentEvent['type']; reason?: string; loseFirstAnswer?: boolean }
  | { unavailable: true };

function planFor(request: ChargeRequest): Plan {
  if (request.method === 'mobile_money') {
    if (request.token.endsWith('0000'))
      return { now: 'pending', later: 'payment.failed', reason: 'rejected_by_customer' };
    if (request.token.endsWith('1111')) return { now: 'pending' };
    return { now: 'pending', later: 'payment.succeeded' };
  }
  switch (request.token) {
    case simulatorTokens.success:
      return { now: 'paid' };
    case simulatorTokens.declined:
      return { now: 'declined', reason: 'card_declined' };
    case simulatorTokens.insufficient:
      return { now: 'declined', reason: 'insufficient_funds' };
    case simulatorTokens.threeDSecure:
      return { now: 'pending', later: 'payment.succeeded' };
    case simulatorTokens.timeout:
      return { now: 'paid', loseFirstAnswer: true };
    case simulatorTokens.unavailable:
      return { unavailable: true };
    default:
      return { now: 'declined', reason: 'invalid_token' };
  }
}

/** Waits until the caller gives up: an answer that never comes. */
function never(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener(
      'abort',
      () => reject(new PaymentProviderError('no answer', { cause: signal.reason })),
      {
        once: true,
      },
    );
  });
}

export class PaymentSimulator implements PaymentProvider {
  readonly name = 'simulator';
  readonly #charges = new Map<string, ChargeOutcome & { amount: number }>();
  readonly #refunds = new Map<string, ProviderRefund & { paymentId: string; amount: number }>();
  readonly #deliveries = new AbortController();

  constructor(private readonly options: SimulatorOptions) {}

  async charge(request: ChargeRequest, signal: AbortSignal): Promise<ChargeOutcome> {
    await sleep(this.options.delayMs, undefined, { signal });
    const plan = planFor(request);
    if ('unavailable' in plan) throw new PaymentProviderError('payment provider unavailable (503)');
    const known = this.#charges.get(request.paymentId);
    if (known) return known;
    const providerRef = `sim_${randomUUID()}`;
    const outcome: ChargeOutcome =
      plan.now === 'declined'
        ? { status: 'declined', providerRef, reason: plan.reason ?? 'declined' }
        : { status: plan.now, providerRef };
    this.#charges.set(request.paymentId, { ...outcome, amount: request.amount });
    if (plan.later) this.#callBack(request.paymentId, request.amount, providerRef, plan.later, plan.reason);
    if (plan.loseFirstAnswer) return never(signal);
    return outcome;
  }

  async retrieve(paymentId: string, signal: AbortSignal): Promise<ChargeOutcome | null> {
    await sleep(Math.min(this.options.delayMs, 50), undefined, { signal });
    return this.#charges.get(paymentId) ?? null;
  }

  /** Sends money back on a paid charge, never more than it took in all. */
  async refund(request: RefundRequest, signal: AbortSignal): Promise<ProviderRefund> {
    await sleep(this.options.delayMs, undefined, { signal });
    const known = this.#refunds.get(request.refundId);
    if (known) return known;
    const charge = this.#charges.get(request.paymentId);
    if (charge?.status !== 'paid') return { status: 'declined', reason: 'no_such_charge' };
    const refunded = [...this.#refunds.values()]
      .filter((refund) => refund.paymentId === request.paymentId && refund.status === 'refunded')
      .reduce((sum, refund) => sum + refund.amount, 0);
    if (refunded + request.amount > charge.amount) return { status: 'declined', reason: 'exceeds_charge' };
    const outcome: ProviderRefund = { status: 'refunded', providerRef: `simref_${randomUUID()}` };
    this.#refunds.set(request.refundId, { ...outcome, paymentId: request.paymentId, amount: request.amount });
    return outcome;
  }

  /** Stops the webhooks still to be sent (shutdown). */
  close(): void {
    this.#deliveries.abort();
  }

  #callBack(
    paymentId: string,
    amount: number,
    providerRef: string,
    type: PaymentEvent['type'],
    reason?: string,
  ): void {
    const event: PaymentEvent = { id: `evt_${randomUUID()}`, type, paymentId, providerRef, reason };
    const settled: ChargeOutcome & { amount: number } =
      type === 'payment.succeeded'
        ? { status: 'paid', providerRef, amount }
        : { status: 'declined', providerRef, reason: reason ?? 'declined', amount };
    const body = JSON.stringify(event);
    const signal = this.#deliveries.signal;
    // Like a provider: once the shopper has answered, then again with backoff until the webhook is accepted.
    void (async () => {
      try {
        await sleep(this.options.delayMs, undefined, { signal });
        this.#charges.set(paymentId, settled);
        for (let attempt = 1; ; attempt += 1) {
          try {
            await this.options.deliver(body, signWebhook(this.options.secret, body));
            return;
          } catch (error) {
            if (attempt === 5) throw error;
            this.options.log.warn(
              { err: error, event: event.id },
              'simulated webhook not accepted; will retry',
            );
            await sleep(200 * 2 ** attempt, undefined, { signal });
          }
        }
      } catch (error) {
        if (!signal.aborted)
          this.options.log.error({ err: error, event: event.id }, 'simulated webhook given up');
      }
    })();
  }
}
