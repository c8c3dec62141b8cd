/**
 * What a search box query becomes before it reaches the database: accent-folded, lower-cased words of
 * letters and digits. The database folds product text the same way (unaccent, then lower), so "Écharpe",
 * "echarpe" and "ECHARPE" are one word, and the words double as the cache key of a search.
 */

/** More words than this is a sentence pasted in a search box, not a query. */
export const MAX_SEARCH_WORDS = 8;

// Letters that are not a base letter plus a combining accent, so NFKD leaves them whole; unaccent folds them.
const LETTERS: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};

/** Lower case without accents: "Écharpe brodée" → "echarpe brodee". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæßøđðłıþ]/g, (letter) => LETTERS[letter] ?? letter);
}

/** The words of a query, folded; punctuation separates words and is dropped. */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}
