import { createHmac, timingSafeEqual } from 'node:crypto';

// Webhook signatures, in the scheme providers commonly use: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<raw body>">`. The timestamp bounds replays in time; the event id (stored once) refuses the rest.

export const SIGNATURE_HEADER = 'x-allure-signature';
export const SIGNATURE_TOLERANCE_S = 300;

function mac(secret: string, timestamp: number, body: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
}

export function signWebhook(secret: string, body: string, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${mac(secret, timestamp, body).toString('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyWebhook(
  secret: string,
  body: string,
  header: string | undefined,
  now = Date.now(),
): SignatureCheck {
  const match = header === undefined ? null : /^t=([0-9]{1,12}),v1=([0-9a-f]{64})$/.exec(header);
  if (!match?.[1] || !match[2]) return { ok: false, reason: 'missing or malformed signature' };
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > SIGNATURE_TOLERANCE_S) {
    return { ok: false, reason: 'signature timestamp outside the tolerance' };
  }
  const given = Buffer.from(match[2], 'hex');
  if (!timingSafeEqual(given, mac(secret, timestamp, body))) return { ok: false, reason: 'bad signature' };
  return { ok: true };
}
