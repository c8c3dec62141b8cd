/**
 * Currencies the platform sells in, with their ISO 4217 minor-unit exponent.
 *
 * Why a closed list: every amount in the system is an integer count of minor units, so the exponent must be
 * known exactly (XOF has no minor unit in practice, EUR has cents). Adding a currency is one line here;
 * nothing else hard-codes an exponent.
 */
export const currencies = ['XOF', 'EUR', 'USD', 'GBP'] as const;
export type Currency = (typeof currencies)[number];

/** Decimal places of the minor unit (ISO 4217): 1 EUR = 10^2 cents, 1 XOF = 10^0 XOF. */
export const minorUnitExponents: Readonly<Record<Currency, number>> = {
  XOF: 0,
  EUR: 2,
  USD: 2,
  GBP: 2,
};

export function minorUnitExponent(code: Currency): number {
  return minorUnitExponents[code];
}

export function isCurrency(code: string): code is Currency {
  return (currencies as readonly string[]).includes(code);
}
