import type { Currency } from '@allure/shared/currency';

/**
 * What we need from a payment provider (card acquirer, mobile-money aggregator). Requests are idempotent
 * by `paymentId`: asking again for a payment the provider already took returns that outcome and never
 * charges twice, so a timed-out charge can be retried safely.
 */
export interface ChargeRequest {
  paymentId: string;
  orderNumber: string;
  method: 'card' | 'mobile_money';
  amount: number;
  currency: Currency;
  /** The card token from the provider's form, or the wallet's phone number. */
  token: string;
}

export type ChargeOutcome =
  | { status: 'paid'; providerRef: string }
  | { status: 'declined'; providerRef: string; reason: string }
  /** The shopper must still approve (phone prompt, 3-D Secure); a webhook will tell. */
  | { status: 'pending'; providerRef: string };

/** Money sent back on a payment taken before; idempotent by `refundId`. */
export interface RefundRequest {
  refundId: string;
  paymentId: string;
  amount: number;
  currency: Currency;
}

export type ProviderRefund =
  | { status: 'refunded'; providerRef: string }
  | { status: 'declined'; reason: string };

export interface PaymentProvider {
  readonly name: string;
  /** Throws when the provider cannot be reached or does not answer before `signal` aborts. */
  charge(request: ChargeRequest, signal: AbortSignal): Promise<ChargeOutcome>;
  /** The outcome so far of a payment asked for before; null when the provider never received it. */
  retrieve(paymentId: string, signal: AbortSignal): Promise<ChargeOutcome | null>;
  /** Throws like `charge` when the provider cannot answer. */
  refund(request: RefundRequest, signal: AbortSignal): Promise<ProviderRefund>;
}

/** A webhook event, once its signature is verified. */
export interface PaymentEvent {
  id: string;
  type: 'payment.succeeded' | 'payment.failed';
  paymentId: string;
  providerRef: string;
  reason?: string | undefined;
}

export class PaymentProviderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PaymentProviderError';
  }
}
