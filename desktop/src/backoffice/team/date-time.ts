import { useTranslation } from 'react-i18next';
import { intlLocales } from '../../app/i18n.js';
import type { Locale } from '../../platform/platform-api.js';

/** Formats instants the server sends (ISO strings or dates) in the UI's language: "04/12/2026 18:30". */
export function useDateTime() {
  const { i18n } = useTranslation();
  const locale = intlLocales[i18n.language as Locale] ?? intlLocales.fr;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  return {
    dateTime: (value: string | number | Date) => dateTime.format(new Date(value)),
    time: (value: string | number | Date) => time.format(new Date(value)),
  };
}
