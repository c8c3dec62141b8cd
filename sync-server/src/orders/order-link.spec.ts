import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveAuthKeys } from '../auth/keys.js';
import { signOrderLink, verifyOrderLink } from './order-link.js';

const keys = deriveAuthKeys(randomBytes(32).toString('base64url'));
const key = keys.orderLink;
const now = new Date('2026-03-01T12:00:00Z');
const inADay = new Date(now.getTime() + 86_400_000);

function parts(link: string): [string, string, string] {
  const [id = '', expiry = '', mac = ''] = link.split('.');
  return [id, expiry, mac];
}

/** The same base64url text with its first character changed (the last one carries 2 padding bits). */
function flipFirst(text: string): string {
  return `${text.startsWith('A') ? 'B' : 'A'}${text.slice(1)}`;
}

describe('order tracking links', () => {
  it('grant the order they were signed for until they expire', () => {
    const orderId = randomUUID();
    const link = signOrderLink(key, orderId, inADay);
    expect(link).toMatch(/^[0-9a-f-]{36}\.[0-9]+\.[\w-]{43}$/);
    expect(verifyOrderLink(key, link, now)).toBe(orderId);
    expect(verifyOrderLink(key, link, new Date(inADay.getTime() - 1_000))).toBe(orderId);
  });

  it('grant nothing for another order id (the MAC covers the id)', () => {
    const [, expiry, mac] = parts(signOrderLink(key, randomUUID(), inADay));
    expect(verifyOrderLink(key, `${randomUUID()}.${expiry}.${mac}`, now)).toBeNull();
  });

  it('grant nothing when the expiry is pushed back (the MAC covers it)', () => {
    const [id, expiry, mac] = parts(signOrderLink(key, randomUUID(), inADay));
    const later = String(Number(expiry) + 365 * 86_400);
    expect(verifyOrderLink(key, `${id}.${later}.${mac}`, now)).toBeNull();
    expect(verifyOrderLink(key, `${id}.0${expiry}.${mac}`, now)).toBeNull();
  });

  it('grant nothing for an altered MAC', () => {
    const [id, expiry, mac] = parts(signOrderLink(key, randomUUID(), inADay));
    expect(verifyOrderLink(key, `${id}.${expiry}.${flipFirst(mac)}`, now)).toBeNull();
    expect(verifyOrderLink(key, `${id}.${expiry}.${'A'.repeat(43)}`, now)).toBeNull();
  });

  it('grant nothing for a link signed with another key, including the access-token key', () => {
    const orderId = randomUUID();
    const otherKey = deriveAuthKeys(randomBytes(32).toString('base64url')).orderLink;
    expect(verifyOrderLink(key, signOrderLink(otherKey, orderId, inADay), now)).toBeNull();
    expect(verifyOrderLink(key, signOrderLink(keys.accessToken, orderId, inADay), now)).toBeNull();
  });

  it('grant nothing once expired, from the second of expiry on', () => {
    const orderId = randomUUID();
    const link = signOrderLink(key, orderId, inADay);
    expect(verifyOrderLink(key, link, inADay)).toBeNull();
    expect(verifyOrderLink(key, link, new Date(inADay.getTime() + 86_400_000))).toBeNull();
    expect(
      verifyOrderLink(key, signOrderLink(key, orderId, new Date(now.getTime() - 1_000)), now),
    ).toBeNull();
  });

  it.each([
    ['empty', () => ''],
    ['garbage', () => 'not-a-link'],
    ['the id alone', (link: string) => parts(link)[0]],
    ['no MAC', (link: string) => parts(link).slice(0, 2).join('.')],
    ['an extra part', (link: string) => `${link}.x`],
    ['white space around', (link: string) => ` ${link}\n`],
    ['an upper-case id', (link: string) => link.replace(parts(link)[0], parts(link)[0].toUpperCase())],
    ['a negative expiry', (link: string) => link.replace(`.${parts(link)[1]}.`, `.-${parts(link)[1]}.`)],
    ['a fractional expiry', (link: string) => link.replace(`.${parts(link)[1]}.`, `.${parts(link)[1]}.5.`)],
    ['a short MAC', (link: string) => link.slice(0, -1)],
    ['a long MAC', (link: string) => `${link}A`],
    ['a MAC in standard base64', (link: string) => `${link.slice(0, -2)}+/`],
    ['a huge expiry', (link: string) => link.replace(`.${parts(link)[1]}.`, `.${'9'.repeat(40)}.`)],
  ])('grant nothing for a malformed link: %s', (_case, malform) => {
    const link = signOrderLink(key, randomUUID(), inADay);
    expect(verifyOrderLink(key, malform(link), now)).toBeNull();
  });
});
