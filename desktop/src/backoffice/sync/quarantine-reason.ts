/**
 * What a quarantined document is and why the server set it aside, in terms a manager can act on. The server
 * keeps its reason as a developer's sentence (sync/order-review.ts, shift-ingest.ts, refund-ingest.ts);
 * this reads it into a kind, each with its own explanation and next step in `syncIssues.reasons`.
 */
export type QuarantineKind =
  | 'unreadable'
  | 'duplicate'
  | 'wrongTill'
  | 'currency'
  | 'staff'
  | 'unknownProduct'
  | 'unknownCustomer'
  | 'other';

const kinds: readonly [RegExp, QuarantineKind][] = [
  [/^invalid (order|shift|refund):/, 'unreadable'],
  [/already recorded with other content/, 'duplicate'],
  [
    /this terminal belongs to store|pushed by terminal|is not one of terminal|not this terminal's store|not this one$/,
    'wrongTill',
  ],
  [/ but the store sells in /, 'currency'],
  [/is not staff of this store/, 'staff'],
  [/^unknown variant/, 'unknownProduct'],
  [/^unknown customer/, 'unknownCustomer'],
];

export function quarantineKind(reason: string): QuarantineKind {
  return kinds.find(([pattern]) => pattern.test(reason))?.[1] ?? 'other';
}

/** The document's own number (an order's or a refund's), when the payload has one the till printed. */
export function documentNumber(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || !('number' in payload)) return null;
  const number = (payload as { number: unknown }).number;
  return typeof number === 'string' && number.length <= 64 ? number : null;
}
