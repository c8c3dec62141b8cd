import { describe, expect, it } from 'vitest';
import { foldText, searchWords } from './search-text.js';

describe('foldText', () => {
  it.each([
    ['Écharpe brodée', 'echarpe brodee'],
    ['ECHARPE', 'echarpe'],
    ['Œuvre Cœur', 'oeuvre coeur'],
    ['Straße', 'strasse'],
    ['Kër Wax', 'ker wax'],
    // Decomposed input (an accent typed as its own code point) folds like the composed one.
    ['e\u0301charpe', 'echarpe'],
  ])('%s → %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });
});

describe('searchWords', () => {
  it('splits on anything but letters and digits, and drops the separators', () => {
    expect(searchWords('  Robe  wax, "Indigo" (taille 38)! ')).toEqual([
      'robe',
      'wax',
      'indigo',
      'taille',
      '38',
    ]);
    expect(searchWords('tops & chemisiers')).toEqual(['tops', 'chemisiers']);
    expect(searchWords('ROB-00012-M')).toEqual(['rob', '00012', 'm']);
  });

  it('finds no word in punctuation or in scripts it cannot fold', () => {
    expect(searchWords('!!! ---')).toEqual([]);
    expect(searchWords('قميص')).toEqual([]);
  });

  it('gives one key for queries that differ only by case and accents', () => {
    expect(searchWords('ÉCHARPE Brodée')).toEqual(searchWords('echarpe brodee'));
  });
});
