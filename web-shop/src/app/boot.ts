import type { Currency } from '@allure/shared/currency';
import type { Category } from '../api/shop-types.js';
import type { PageData } from '../page-data.js';
import type { Place } from '../routes.js';

/** The store the shop sells for: checkout names it, prices are in its currency. */
export interface ShopStore {
  id: string;
  name: string;
  currency: Currency;
  /** ISO 3166-1 alpha-2: where the store is, the checkout's default delivery country. */
  country: string;
}

/**
 * Everything the first render needs, written by the server into the page as JSON and read back by the
 * browser, so hydration renders exactly what the server did without asking the API again.
 */
export interface ShopBoot {
  apiUrl: string;
  store: ShopStore;
  categories: Category[];
  place: Place;
  data: PageData;
}

export const BOOT_ELEMENT_ID = 'shop-boot';
