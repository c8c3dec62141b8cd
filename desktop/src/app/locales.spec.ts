import { describe, expect, it } from 'vitest';
import { en } from './locales/en.js';
import { fr } from './locales/fr.js';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'string' ? [`${prefix}${key}`] : keys(child as object, `${prefix}${key}.`),
  );
}

describe('message catalogs', () => {
  it('have the same keys in French and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
    for (const catalog of [fr, en]) {
      expect(
        keys(catalog).filter(
          (key) =>
            key
              .split('.')
              .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) === '',
        ),
      ).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (catalog: object) =>
      Object.fromEntries(
        keys(catalog).map((key) => {
          const text = key
            .split('.')
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string;
          return [key, [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort()];
        }),
      );
    expect(placeholders(en)).toEqual(placeholders(fr));
  });
});
