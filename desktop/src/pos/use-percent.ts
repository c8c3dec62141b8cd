import { useTranslation } from 'react-i18next';
import { intlLocales } from '../app/i18n.js';
import type { Locale } from '../platform/platform-api.js';

/** Formats basis points as a percentage in the UI's language: `percent(1250)` → "12,5 %". */
export function usePercent() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(intlLocales[i18n.language as Locale] ?? intlLocales.fr, {
    style: 'percent',
    maximumFractionDigits: 2,
  });
  return (basisPoints: number) => format.format(basisPoints / 10_000);
}
