import type { Currency } from '@allure/shared/currency';
import { formatMoney } from '@allure/shared/money-format';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../platform/platform-api.js';
import { intlLocales } from './i18n.js';

/** Formats minor units in the UI's language: `money(150000)` → "150 000 F CFA". */
export function useMoney(currency: Currency) {
  const { i18n } = useTranslation();
  const locale = intlLocales[i18n.language as Locale] ?? intlLocales.fr;
  return { locale, money: (amount: number) => formatMoney(amount, currency, locale) };
}
