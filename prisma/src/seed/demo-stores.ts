/**
 * The stores a demo seed can create: the same catalog, staff and customers, sold in CFA francs in Dakar or
 * in euros in Paris. Shelf prices are drawn in CFA francs and converted at the franc's fixed parity with
 * the euro, then rounded the way each shop prices.
 */

export const demoStoreNames = ['dakar', 'paris'] as const;
export type DemoStoreName = (typeof demoStoreNames)[number];

export function isDemoStoreName(name: string): name is DemoStoreName {
  return (demoStoreNames as readonly string[]).includes(name);
}

export interface DemoStore {
  code: string;
  name: string;
  currency: 'XOF' | 'EUR';
  /** VAT in basis points, included in shelf prices. */
  vatRate: number;
  locale: 'fr' | 'en';
  timezone: string;
  addressLine1: string;
  city: string;
  country: string;
  phone: string;
  locationNames: { store: string; warehouse: string; web: string };
  /** A shelf price in the store's minor units, from one drawn in CFA francs. */
  shelfPrice(xof: number): number;
  /** The step cost prices are rounded to, in minor units. */
  costStep: number;
}

/** CFA francs per euro, fixed since 1999. */
const XOF_PER_EUR = 655.957;

export const demoStores: Record<DemoStoreName, DemoStore> = {
  dakar: {
    code: 'DKR1',
    name: 'Allure Dakar Plateau',
    currency: 'XOF',
    // Senegal's standard rate.
    vatRate: 1800,
    locale: 'fr',
    timezone: 'Africa/Dakar',
    addressLine1: '12 avenue Léopold Sédar Senghor',
    city: 'Dakar',
    country: 'SN',
    phone: '+221 33 821 00 00',
    locationNames: { store: 'Boutique Dakar Plateau', warehouse: 'Entrepôt Dakar', web: 'Boutique en ligne' },
    shelfPrice: (xof) => roundTo(xof, 500),
    costStep: 100,
  },
  paris: {
    code: 'PAR1',
    name: 'Allure Paris Marais',
    currency: 'EUR',
    // France's standard rate.
    vatRate: 2000,
    locale: 'fr',
    timezone: 'Europe/Paris',
    addressLine1: '24 rue des Francs-Bourgeois',
    city: 'Paris',
    country: 'FR',
    phone: '+33 1 42 72 00 00',
    locationNames: {
      store: 'Boutique Paris Marais',
      warehouse: 'Entrepôt Saint-Ouen',
      web: 'Boutique en ligne',
    },
    // Whole euros less ten cents: 22,90 €.
    shelfPrice: (xof) => roundTo(xof / XOF_PER_EUR, 1) * 100 - 10,
    costStep: 10,
  },
};

/** `value` to the nearest multiple of `step`, never below one step. */
export function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}
