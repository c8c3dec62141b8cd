/**
 * Slugs are the URL names of products and categories ("robe-wax-indigo"). Made from the name when the
 * manager gives none, accent-folded, and made unique with a numbered suffix ("robe-wax-2").
 */
import { foldText } from './search-text.js';

/** The `slug` field schema's limit. */
export const MAX_SLUG_LENGTH = 120;
/** A generated slug stops here, leaving room for a "-NNN" suffix within MAX_SLUG_LENGTH. */
const GENERATED_SLUG_LENGTH = MAX_SLUG_LENGTH - 8;

/** "Tops & chemisiers" → "tops-et-chemisiers"; empty when the text has no letter or digit. */
export function slugify(text: string): string {
  const slug = foldText(text)
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (slug.length <= GENERATED_SLUG_LENGTH) return slug;
  // Cut at a word boundary when there is one in the second half, rather than mid-word.
  const cut = slug.slice(0, GENERATED_SLUG_LENGTH + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > GENERATED_SLUG_LENGTH / 2 ? cut.slice(0, boundary) : cut.slice(0, -1)).replace(/-$/, '');
}

/** `base` if it is free, else the first free `base-2`, `base-3`… */
export function nextFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
