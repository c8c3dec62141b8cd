/**
 * Deterministic ids for seeded rows, shaped like uuid v7 so they index like the ids terminals create:
 * a 48-bit millisecond timestamp (a fixed epoch plus the row's counter), version 7, the entity kind in
 * the 12 "rand_a" bits and the counter again in the low bits. Same kind and counter, same id.
 */

export const seedEpoch = new Date(Date.UTC(2026, 0, 5, 8, 0, 0));

export const idKind = {
  store: 1,
  location: 2,
  terminal: 3,
  user: 4,
  customer: 5,
  category: 6,
  product: 7,
  variant: 8,
  movement: 9,
} as const;

export type IdKind = keyof typeof idKind;

const MAX_COUNTER = 2 ** 40;

export function seedId(kind: IdKind, counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= MAX_COUNTER) {
    throw new RangeError(`seedId: counter out of range: ${counter}`);
  }
  const timestamp = (seedEpoch.getTime() + counter).toString(16).padStart(12, '0');
  const kindHex = idKind[kind].toString(16).padStart(3, '0');
  const tail = counter.toString(16).padStart(12, '0');
  return `${timestamp.slice(0, 8)}-${timestamp.slice(8)}-7${kindHex}-8000-${tail}`;
}

/** A factory handing out consecutive ids of one kind. */
export function idSequence(kind: IdKind): () => string {
  let counter = 0;
  return () => seedId(kind, counter++);
}
