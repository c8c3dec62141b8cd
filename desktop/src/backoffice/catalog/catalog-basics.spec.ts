import { describe, expect, it } from 'vitest';
import { type CategoryRow, categoryLabel, categoryTree, subtreeOf } from './catalog-basics.js';

const row = (id: string, parentId: string | null, name = id) => ({ id, parentId, name }) as CategoryRow;

describe('the category tree', () => {
  const tree = categoryTree([
    row('femme', null, 'Femme'),
    row('homme', null, 'Homme'),
    row('robes', 'femme', 'Robes'),
    row('wax', 'robes', 'Robes wax'),
    row('jupes', 'femme', 'Jupes'),
  ]);

  it('lists parents before their children, with their depth', () => {
    expect(tree.map((category) => [category.id, category.depth, category.parentId])).toEqual([
      ['femme', 0, null],
      ['robes', 1, 'femme'],
      ['wax', 2, 'robes'],
      ['jupes', 1, 'femme'],
      ['homme', 0, null],
    ]);
    expect(categoryLabel(tree[2] as (typeof tree)[number])).toBe('\u2003\u2003Robes wax');
  });

  it('finds a category and everything under it, and nothing beside it', () => {
    expect(subtreeOf(tree, 'femme')).toEqual(new Set(['femme', 'robes', 'wax', 'jupes']));
    expect(subtreeOf(tree, 'robes')).toEqual(new Set(['robes', 'wax']));
    expect(subtreeOf(tree, 'homme')).toEqual(new Set(['homme']));
    expect(subtreeOf(tree, 'gone')).toEqual(new Set());
  });
});
