/** The part of a variant the picker looks at. */
export interface Choosable {
  id: string;
  size: string | null;
  colour: string | null;
}

export interface Choice {
  size: string | null;
  colour: string | null;
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

const LETTER_SIZES = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL'];
const NUMERIC_SIZE = /^\d+(?:[.,]\d+)?$/;
/** Taille unique: one size fits all, offered after every other. */
const ONE_SIZE = 'TU';

/** Where a size sorts: letter sizes, then numeric sizes, then any other, then one-size; and its number. */
function sizeRank(size: string): { group: number; order: number } {
  const label = size.trim().toUpperCase();
  const letter = LETTER_SIZES.indexOf(label);
  if (letter >= 0) return { group: 0, order: letter };
  if (NUMERIC_SIZE.test(label)) return { group: 1, order: Number(label.replace(',', '.')) };
  return { group: label === ONE_SIZE ? 3 : 2, order: 0 };
}

/**
 * The order a shopper reads sizes in: XXS … XXXL, then numbers ascending (36 < 38 < 40), then any other
 * label alphabetically, and TU (taille unique) last.
 */
export function compareSizes(a: string, b: string): number {
  const rankA = sizeRank(a);
  const rankB = sizeRank(b);
  return (
    rankA.group - rankB.group || rankA.order - rankB.order || a.localeCompare(b, undefined, { numeric: true })
  );
}

/** Sizes in size order; colours in the catalog's own order (variants come sorted by position). */
export function options(variants: readonly Choosable[]) {
  return {
    sizes: distinct(variants.map((v) => v.size)).sort(compareSizes),
    colours: distinct(variants.map((v) => v.colour)),
  };
}

/** The variant a choice names: both axes must be settled where the product has them. */
export function chosenVariant<T extends Choosable>(variants: readonly T[], choice: Choice): T | undefined {
  return variants.find((variant) => variant.size === choice.size && variant.colour === choice.colour);
}

/**
 * Where the picker starts: the variant named in the link, else the only value of an axis that has one
 * (a one-size product needs no click), else nothing.
 */
export function initialChoice(variants: readonly Choosable[], variantId: string | null): Choice {
  const linked = variants.find((variant) => variant.id === variantId);
  if (linked) return { size: linked.size, colour: linked.colour };
  const { sizes, colours } = options(variants);
  return {
    size: sizes.length === 1 ? (sizes[0] ?? null) : null,
    colour: colours.length === 1 ? (colours[0] ?? null) : null,
  };
}

/** Whether a value can still be picked on one axis given the other's choice (some variant has both). */
export function exists(
  variants: readonly Choosable[],
  axis: 'size' | 'colour',
  value: string,
  choice: Choice,
): boolean {
  const other = axis === 'size' ? 'colour' : 'size';
  return variants.some(
    (variant) => variant[axis] === value && (choice[other] === null || variant[other] === choice[other]),
  );
}

/** A variant as the cart and order lines name it under the product: "M · Bleu" ('' for a one-size item). */
export function variantText(variant: Choice | null): string {
  return variant ? [variant.size, variant.colour].filter(Boolean).join(' · ') : '';
}
