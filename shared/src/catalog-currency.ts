/**
 * The catalog is one price list for every store, and a variant has one price: it is in the currency the
 * stores sell in (a till refuses to record a sale in another). Stores selling in different currencies
 * would need a price list each, which the catalog does not have.
 */
import { type Currency, isCurrency } from './currency.js';

export type CatalogCurrency =
  | { ok: true; currency: Currency }
  /** `asked`: the currency asked for is not the catalog's; `stores`: the stores give no single currency. */
  | { ok: false; cause: 'asked' | 'stores'; reason: string };

export function catalogCurrency(
  storeCurrencies: readonly string[],
  requested: Currency | undefined,
): CatalogCurrency {
  const distinct = [...new Set(storeCurrencies)].sort();
  const [only] = distinct;
  if (only === undefined) {
    return {
      ok: false,
      cause: 'stores',
      reason: 'there is no store yet: variants are priced in the stores’ currency',
    };
  }
  if (distinct.length > 1 || !isCurrency(only)) {
    return {
      ok: false,
      cause: 'stores',
      reason: `the stores sell in ${distinct.join(' and ')}: one catalog price cannot serve them all`,
    };
  }
  if (requested !== undefined && requested !== only) {
    return {
      ok: false,
      cause: 'asked',
      reason: `variants are priced in ${only}, the stores’ currency, not ${requested}`,
    };
  }
  return { ok: true, currency: only };
}
