import { describe, expect, it } from 'vitest';
import {
  type Choosable,
  chosenVariant,
  compareSizes,
  exists,
  initialChoice,
  options,
  variantText,
} from './variant-choice.js';

let nextId = 0;
function variant(size: string | null, colour: string | null): Choosable {
  nextId += 1;
  return { id: `variant-${nextId}`, size, colour };
}

/** A dress in three sizes and two colours, with no red L; listed in the catalog's (position) order. */
function dress() {
  return [
    variant('M', 'Bleu'),
    variant('S', 'Bleu'),
    variant('L', 'Bleu'),
    variant('M', 'Rouge'),
    variant('S', 'Rouge'),
  ] as const;
}

describe('compareSizes', () => {
  const sorted = (sizes: string[]) => [...sizes].sort(compareSizes);

  it('orders letter sizes from the smallest', () => {
    expect(sorted(['XL', 'S', 'XXXL', 'M', 'XXS', 'L', 'XS', 'XXL'])).toEqual([
      'XXS',
      'XS',
      'S',
      'M',
      'L',
      'XL',
      'XXL',
      'XXXL',
    ]);
  });

  it('orders numeric sizes by value, not as text', () => {
    expect(sorted(['42', '36', '100', '38', '40', '8'])).toEqual(['8', '36', '38', '40', '42', '100']);
    expect(sorted(['38', '37.5', '37,5', '37'])).toEqual(['37', '37,5', '37.5', '38']);
  });

  it('puts letter sizes before numeric ones, then any other label alphabetically, and TU last', () => {
    expect(sorted(['TU', 'W32 L34', '40', 'L', '2 ans', '38', 'S', 'W30 L32', '12 mois'])).toEqual([
      'S',
      'L',
      '38',
      '40',
      '2 ans',
      '12 mois',
      'W30 L32',
      'W32 L34',
      'TU',
    ]);
  });

  it('reads sizes whatever their case or surrounding spaces', () => {
    expect(sorted(['xl', 'tu', 's', ' M '])).toEqual(['s', ' M ', 'xl', 'tu']);
  });

  it('is a consistent order: antisymmetric, and 0 only for the same label', () => {
    const sizes = ['XS', 'M', 'XXL', '36', '42', '37,5', 'TU', 'Autre', 'B'];
    for (const a of sizes) {
      for (const b of sizes) {
        const forward = Math.sign(compareSizes(a, b));
        expect(forward + Math.sign(compareSizes(b, a)), `${a} vs ${b}`).toBe(0);
        if (a === b) expect(forward).toBe(0);
        else expect(forward, `${a} vs ${b}`).not.toBe(0);
      }
    }
  });
});

describe('options', () => {
  it('offers each size and colour once, sizes in size order, colours in the catalog’s order', () => {
    const variants = [
      variant('L', 'Rouge'),
      variant('S', 'Bleu'),
      variant('M', 'Rouge'),
      variant('S', 'Ambre'),
    ];
    expect(options(variants)).toEqual({ sizes: ['S', 'M', 'L'], colours: ['Rouge', 'Bleu', 'Ambre'] });
  });

  it('offers no value on an axis the product does not have', () => {
    expect(options([variant(null, 'Bleu'), variant(null, 'Rouge')])).toEqual({
      sizes: [],
      colours: ['Bleu', 'Rouge'],
    });
    expect(options([variant('38', null), variant('36', null)])).toEqual({ sizes: ['36', '38'], colours: [] });
    expect(options([])).toEqual({ sizes: [], colours: [] });
  });
});

describe('chosenVariant', () => {
  it('is the variant with both the size and the colour chosen', () => {
    const variants = dress();
    expect(chosenVariant(variants, { size: 'S', colour: 'Rouge' })).toBe(variants[4]);
    expect(chosenVariant(variants, { size: 'L', colour: 'Bleu' })).toBe(variants[2]);
  });

  it('is none until both axes are chosen, or for a pair no variant has', () => {
    const variants = dress();
    expect(chosenVariant(variants, { size: 'S', colour: null })).toBeUndefined();
    expect(chosenVariant(variants, { size: null, colour: 'Bleu' })).toBeUndefined();
    expect(chosenVariant(variants, { size: 'L', colour: 'Rouge' })).toBeUndefined();
  });

  it('needs no choice on an axis the product does not have', () => {
    const variants = [variant(null, 'Bleu'), variant(null, 'Rouge')];
    expect(chosenVariant(variants, { size: null, colour: 'Rouge' })).toBe(variants[1]);
  });
});

describe('initialChoice', () => {
  it('starts on the variant named in the link', () => {
    const variants = dress();
    expect(initialChoice(variants, variants[3].id)).toEqual({ size: 'M', colour: 'Rouge' });
  });

  it('ignores a link to a variant the product does not have', () => {
    expect(initialChoice(dress(), 'variant-gone')).toEqual({ size: null, colour: null });
  });

  it('settles an axis with a single value, so a one-size product needs no click', () => {
    expect(initialChoice([variant('TU', 'Bleu'), variant('TU', 'Rouge')], null)).toEqual({
      size: 'TU',
      colour: null,
    });
    expect(initialChoice([variant('S', 'Noir'), variant('M', 'Noir')], null)).toEqual({
      size: null,
      colour: 'Noir',
    });
    expect(initialChoice([variant('TU', 'Noir')], null)).toEqual({ size: 'TU', colour: 'Noir' });
  });

  it('chooses nothing when every axis has several values, or none', () => {
    expect(initialChoice(dress(), null)).toEqual({ size: null, colour: null });
    expect(initialChoice([variant(null, null)], null)).toEqual({ size: null, colour: null });
  });
});

describe('exists', () => {
  it('is whether some variant has the value together with the other axis’s choice', () => {
    const variants = dress();
    expect(exists(variants, 'size', 'L', { size: null, colour: 'Bleu' })).toBe(true);
    expect(exists(variants, 'size', 'L', { size: null, colour: 'Rouge' })).toBe(false);
    expect(exists(variants, 'colour', 'Rouge', { size: 'L', colour: null })).toBe(false);
    expect(exists(variants, 'colour', 'Rouge', { size: 'S', colour: null })).toBe(true);
  });

  it('ignores the value already chosen on its own axis', () => {
    expect(exists(dress(), 'size', 'L', { size: 'S', colour: 'Bleu' })).toBe(true);
  });

  it('is any variant with the value while the other axis is open, and never a value no variant has', () => {
    const variants = dress();
    expect(exists(variants, 'size', 'L', { size: null, colour: null })).toBe(true);
    expect(exists(variants, 'size', 'XL', { size: null, colour: null })).toBe(false);
    expect(exists(variants, 'colour', 'Vert', { size: 'M', colour: null })).toBe(false);
  });
});

describe('variantText', () => {
  it('joins size and colour, skipping an axis the variant lacks', () => {
    expect(variantText({ size: 'M', colour: 'Bleu' })).toBe('M · Bleu');
    expect(variantText({ size: '', colour: 'Bleu' })).toBe('Bleu');
    expect(variantText({ size: 'M', colour: null })).toBe('M');
    expect(variantText(null)).toBe('');
  });
});
