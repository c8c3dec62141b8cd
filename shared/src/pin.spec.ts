import { describe, expect, it } from 'vitest';
import { createPinVerifier, PIN_ITERATIONS, pinVerifier, pinVerifierNeedsUpgrade, verifyPin } from './pin.js';

// Made with Node's own PBKDF2 (node:crypto pbkdf2Sync), salt = bytes 0..15: an independent implementation.
const KNOWN_482916 =
  'pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==$IQym7rGdONJkmmidD5CzTBgzegntz7vd7/yMQkVEpHw=';
const KNOWN_0000_OLD_COST =
  'pbkdf2-sha256$210000$AAECAwQFBgcICQoLDA0ODw==$6SVN8YPedpBnbIDhDTA2p+QXqPkH4B4dO3pgpt5pBJs=';

describe('PIN verifiers', () => {
  it('creates a self-describing verifier with a fresh salt that accepts its PIN only', async () => {
    const verifier = await createPinVerifier('2580');
    expect(verifier).toMatch(
      new RegExp(`^pbkdf2-sha256\\$${PIN_ITERATIONS}\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=$`),
    );
    expect(pinVerifier.safeParse(verifier).success).toBe(true);
    expect(await verifyPin('2580', verifier)).toBe(true);
    expect(await verifyPin('2581', verifier)).toBe(false);
    expect(await verifyPin('02580', verifier)).toBe(false);
    expect(await createPinVerifier('2580')).not.toBe(verifier);
  });

  it.each([
    ['482916', KNOWN_482916, true],
    ['482917', KNOWN_482916, false],
    ['0000', KNOWN_0000_OLD_COST, true],
  ])('checks %s against a verifier made elsewhere: %s', async (candidate, verifier, expected) => {
    expect(await verifyPin(candidate, verifier)).toBe(expected);
  });

  it.each(['', '123', '123456789', '12a4', ' 1234', '１２３４', '-123'])(
    'refuses to create a verifier for %j and never matches it',
    async (candidate) => {
      await expect(createPinVerifier(candidate)).rejects.toThrow(RangeError);
      expect(await verifyPin(candidate, KNOWN_482916)).toBe(false);
    },
  );

  it.each([
    ['another algorithm', KNOWN_482916.replace('sha256', 'sha1')],
    ['a cost below the floor', KNOWN_482916.replace('$600000$', '$1000$')],
    ['a cost above the ceiling', KNOWN_482916.replace('$600000$', '$99999999$')],
    ['a short salt', KNOWN_482916.replace('AAECAwQFBgcICQoLDA0ODw==', 'AAECAwQFBgcICQ==')],
    ['a truncated hash', KNOWN_482916.slice(0, -8)],
    ['garbage', 'not-a-verifier'],
  ])('throws on %s', async (_, verifier) => {
    await expect(verifyPin('482916', verifier)).rejects.toThrow(RangeError);
    expect(pinVerifier.safeParse(verifier).success).toBe(false);
  });

  it('asks for an upgrade of verifiers made with a lower cost', () => {
    expect(pinVerifierNeedsUpgrade(KNOWN_0000_OLD_COST)).toBe(true);
    expect(pinVerifierNeedsUpgrade(KNOWN_482916)).toBe(false);
  });
});
