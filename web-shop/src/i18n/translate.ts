import type { Locale } from '../routes.js';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type { MessageKey };
export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

const catalogues = { en, fr } as const;

/**
 * A translator for one language. The shop's text is a few hundred short strings with named blanks: two
 * typed catalogues (a key missing in French fails the typecheck) instead of an i18n runtime on the page.
 */
export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, values) =>
    messages[key].replace(/\{(\w+)\}/g, (blank, name: string) => String(values?.[name] ?? blank));
}
