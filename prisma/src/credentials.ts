import type { Algorithm } from '@node-rs/argon2';
import { hash, parseOptions, verify } from '@node-rs/argon2';

// ---------------------------------------------------------------------------------------------------
// Passwords: argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane).

// `Algorithm` is an ambient const enum, which isolatedModules cannot read at runtime: name its value here.
const ARGON2ID: Algorithm.Argon2id = 2;

export const passwordHashParams = {
  algorithm: ARGON2ID,
  /** KiB. */
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), random salt. */
export function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new Error('hashPassword: empty password');
  return hash(password, passwordHashParams);
}

/** True when `password` matches; false for a wrong password or a hash that cannot be parsed. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker parameters than today's: rehash it after a good login. */
export function passwordNeedsRehash(passwordHash: string): boolean {
  try {
    const options = parseOptions(passwordHash);
    return (
      options.algorithm !== passwordHashParams.algorithm ||
      options.memoryCost < passwordHashParams.memoryCost ||
      options.timeCost < passwordHashParams.timeCost
    );
  } catch {
    return true;
  }
}
