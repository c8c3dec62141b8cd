import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// Refresh tokens, device credentials, reset and enrollment codes: random secrets the server only keeps
// hashed. They carry 128+ bits of entropy (enrollment codes 60, but live 15 minutes behind a strict rate
// limit), so a fast hash is enough; slow hashing is for what people choose (passwords, PINs).

/** 256 random bits, base64url. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** sha256 hex, the stored form. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

// Crockford base32: no I, L, O or U, so a code read aloud or copied from a screen survives.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;

/** A one-time code a manager reads to whoever sets up a till: `7K3Q-9XWD-2MHT` (60 bits). */
export function newEnrollmentCode(): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) code += CODE_ALPHABET[randomInt(32)];
  return code.match(/.{4}/g)?.join('-') ?? code;
}

/** Accepts lower case, spaces or no dashes, and the look-alikes O→0, I/L→1; null when not a code. */
export function normalizeEnrollmentCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== CODE_LENGTH || [...compact].some((char) => !CODE_ALPHABET.includes(char))) {
    return null;
  }
  return compact.match(/.{4}/g)?.join('-') ?? null;
}
