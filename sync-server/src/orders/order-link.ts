import { createHmac, timingSafeEqual } from 'node:crypto';

// Tracking links in confirmation e-mails: `<order id>.<expiry, unix seconds>.<HMAC-SHA256>`, base64url.
// Whoever has the link sees that one order until it expires, with no account and no e-mail to type.

function mac(key: Uint8Array, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function signOrderLink(key: Uint8Array, orderId: string, expiresAt: Date): string {
  const payload = `${orderId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The order id a link grants, or null when it is forged, altered or expired. */
export function verifyOrderLink(key: Uint8Array, token: string, now = new Date()): string | null {
  const match = /^([0-9a-f-]{36})\.([0-9]{1,12})\.([\w-]{43})$/.exec(token);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  const given = Buffer.from(match[3], 'base64url');
  const expected = mac(key, `${match[1]}.${match[2]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(match[2]) * 1000 > now.getTime() ? match[1] : null;
}
