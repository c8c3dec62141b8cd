import { hkdfSync } from 'node:crypto';

export interface AuthKeys {
  /** HS256 key for access tokens. */
  readonly accessToken: Uint8Array;
  /** HMAC-SHA256 key for order tracking links. */
  readonly orderLink: Uint8Array;
}

/**
 * One configured secret, one derived key per use (HKDF-SHA256): a leaked order-link key cannot mint access
 * tokens, and adding a use never means adding a setting.
 */
export function deriveAuthKeys(secret: string): AuthKeys {
  const derive = (info: string) => new Uint8Array(hkdfSync('sha256', secret, 'allure', info, 32));
  return { accessToken: derive('access-token v1'), orderLink: derive('order-link v1') };
}
