/**
 * Cashier PINs, checked OFFLINE on the terminal against a verifier replicated from the server.
 *
 * Format: `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`: PBKDF2-HMAC-SHA256 through WebCrypto
 * (`globalThis.crypto.subtle`, so the same code runs in Node and in the renderer), a fresh random 16-byte
 * salt per verifier, a 32-byte hash. The string names its algorithm and cost, so verifiers made with
 * today's cost keep working after it is raised; `pinVerifierNeedsUpgrade` tells when to re-create one at
 * the next successful unlock.
 *
 * Cost: 600,000 iterations, OWASP's current figure for PBKDF2-HMAC-SHA256 (210,000 is its figure for
 * PBKDF2-HMAC-SHA512), about 0.1 s per check on a desktop. Verifiers below 210,000 or above 10,000,000
 * iterations are refused, so a tampered verifier can neither downgrade the cost nor freeze the terminal.
 *
 * Honest limit: a 4–8 digit PIN has at most 10^8 values, so anyone who copies a verifier off a terminal can
 * brute-force it offline whatever the cost. The verifier is as sensitive as a password hash: it must only be
 * replicated to terminals of the cashier's store, and the UI must lock out after repeated failures. PINs
 * gate the till, never the back office (that needs the password).
 *
 * Comparison of the derived hash is constant-time (no early exit on the first differing byte).
 */
import { z } from 'zod';

export const PIN_ITERATIONS = 600_000;
export const MIN_PIN_ITERATIONS = 210_000;
export const MAX_PIN_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PREFIX = 'pbkdf2-sha256';

export const pin = z.string().regex(/^[0-9]{4,8}$/, 'PIN: 4 to 8 digits');

const verifierPattern = /^pbkdf2-sha256\$([1-9][0-9]{0,8})\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/;

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

async function derive(
  pinText: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pinText), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  }
  return difference === 0;
}

interface ParsedVerifier {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array;
}

function readVerifier(verifier: string): ParsedVerifier | null {
  const match = verifierPattern.exec(verifier);
  const iterations = Number(match?.[1]);
  if (!match || iterations < MIN_PIN_ITERATIONS || iterations > MAX_PIN_ITERATIONS) return null;
  return { iterations, salt: fromBase64(match[2] ?? ''), hash: fromBase64(match[3] ?? '') };
}

function parseVerifier(verifier: string): ParsedVerifier {
  const parsed = readVerifier(verifier);
  if (!parsed) throw new RangeError('malformed PIN verifier');
  return parsed;
}

/** A verifier as replicated to terminals: the exact shape and cost range `verifyPin` accepts. */
export const pinVerifier = z
  .string()
  .max(128)
  .refine((value) => readVerifier(value) !== null, 'not a PIN verifier');

/** Throws a RangeError if `pinText` is not 4 to 8 digits. */
export async function createPinVerifier(pinText: string): Promise<string> {
  if (!pin.safeParse(pinText).success) {
    throw new RangeError('a PIN is 4 to 8 digits');
  }
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pinText, salt, PIN_ITERATIONS);
  return `${PREFIX}$${PIN_ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`;
}

/**
 * True when `pinText` matches. A PIN that is not 4–8 digits is simply false; a verifier that is not one of
 * ours throws a RangeError (corrupt replicated data, not a wrong PIN).
 */
export async function verifyPin(pinText: string, verifier: string): Promise<boolean> {
  const parsed = parseVerifier(verifier);
  if (!pin.safeParse(pinText).success) return false;
  const hash = await derive(pinText, parsed.salt, parsed.iterations);
  return constantTimeEqual(hash, parsed.hash);
}

/** True when the verifier was made with a lower cost than today's and should be re-created. */
export function pinVerifierNeedsUpgrade(verifier: string): boolean {
  return parseVerifier(verifier).iterations < PIN_ITERATIONS;
}
