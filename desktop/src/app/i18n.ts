/**
 * Every text the app shows goes through i18next, in French (the reference) or English. The till's language
 * is an app setting; numbers, dates and money follow it too (Intl with the same locale).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../platform/platform-api.js';
import { en } from './locales/en.js';
import { fr } from './locales/fr.js';

export const resources = { fr: { translation: fr }, en: { translation: en } } as const;

/** The Intl locale of each language: the stores are in Senegal and France. */
export const intlLocales: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export async function startI18n(locale: Locale) {
  await i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
