import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashToken,
  newEnrollmentCode,
  newOpaqueToken,
  normalizeEnrollmentCode,
  tokenMatchesHash,
} from './opaque-token.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ENROLLMENT_CODE = new RegExp(`^[${CROCKFORD}]{4}-[${CROCKFORD}]{4}-[${CROCKFORD}]{4}$`);

describe('opaque tokens', () => {
  it('are 256 random bits as 43 base64url characters, never repeated', () => {
    const tokens = Array.from({ length: 200 }, newOpaqueToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as their sha256, in hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = newOpaqueToken();
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('match their own hash only', () => {
    const token = newOpaqueToken();
    const stored = hashToken(token);
    expect(tokenMatchesHash(token, stored)).toBe(true);
    expect(tokenMatchesHash(newOpaqueToken(), stored)).toBe(false);
    expect(tokenMatchesHash(`${token} `, stored)).toBe(false);
    expect(tokenMatchesHash(token.toUpperCase(), stored)).toBe(false);
    // Whoever reads the stored hash cannot present it as the token.
    expect(tokenMatchesHash(stored, stored)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['truncated', 'ba7816bf'],
    ['not hex', 'z'.repeat(64)],
    ['too long', 'a'.repeat(66)],
  ])('never match a stored hash that is %s (and do not throw)', (_case, stored) => {
    expect(tokenMatchesHash('abc', stored)).toBe(false);
  });
});

describe('enrollment codes', () => {
  it('read XXXX-XXXX-XXXX from the Crockford alphabet, and vary', () => {
    const codes = Array.from({ length: 500 }, newEnrollmentCode);
    for (const code of codes) expect(code).toMatch(ENROLLMENT_CODE);
    expect(new Set(codes).size).toBe(codes.length);
    // Every letter of the alphabet turns up (and nothing else, by the pattern above).
    expect(new Set(codes.join('').replaceAll('-', ''))).toEqual(new Set(CROCKFORD));
  });

  it('normalise to themselves', () => {
    for (let index = 0; index < 50; index += 1) {
      const code = newEnrollmentCode();
      expect(normalizeEnrollmentCode(code)).toBe(code);
    }
  });

  it.each([
    ['lower case', '7k3q-9xwd-2mht', '7K3Q-9XWD-2MHT'],
    ['no dashes', '7K3Q9XWD2MHT', '7K3Q-9XWD-2MHT'],
    ['spaces instead of dashes', '7K3Q 9XWD 2MHT', '7K3Q-9XWD-2MHT'],
    ['surrounding and doubled white space', '  7K3Q  9XWD\t2MHT \n', '7K3Q-9XWD-2MHT'],
    ['O for 0', 'OK3Q-9XWD-2MHo', '0K3Q-9XWD-2MH0'],
    ['I and L for 1', 'IK3Q-9XWD-2MHl', '1K3Q-9XWD-2MH1'],
    ['i and L in lower case', 'ik3q-9xwd-2mhl', '1K3Q-9XWD-2MH1'],
  ])('accept %s', (_case, input, expected) => {
    expect(normalizeEnrollmentCode(input)).toBe(expected);
  });

  it.each([
    ['an empty string', ''],
    ['11 characters', '7K3Q-9XWD-2MH'],
    ['13 characters', '7K3Q-9XWD-2MHTA'],
    ['two codes', '7K3Q-9XWD-2MHT-7K3Q-9XWD-2MHT'],
    ['a U (not in the alphabet)', '7K3Q-9XWD-2MHU'],
    ['a lower-case u', '7k3q-9xwd-2mhu'],
    ['punctuation', '7K3Q.9XWD.2MHT'],
    ['a non-ASCII look-alike', '7K3Q-9XWD-2MHТ'],
    ['an SQL-ish string', "' OR '1'='1'--"],
  ])('reject %s', (_case, input) => {
    expect(normalizeEnrollmentCode(input)).toBeNull();
  });
});
