import type { Currency } from '@allure/shared/currency';
import type { ManagerSession } from '../manager-session.js';

type Api = ManagerSession['api'];
export type CategoryRow = Awaited<ReturnType<Api['catalog']['categories']['query']>>[number];

/** What every catalog screen needs first: the currency prices are typed in, and the category tree. */
export interface CatalogBasics {
  currency: Currency;
  /** In tree order, each with its depth, for pick lists. */
  categories: { id: string; name: string; depth: number; parentId: string | null }[];
}

type Category = CatalogBasics['categories'][number];

/** A category as a pick list shows it: indented by its depth. */
export const categoryLabel = (category: Category) => `${'\u2003'.repeat(category.depth)}${category.name}`;

/**
 * A category and everything under it (where it cannot move), from a list in tree order: its subcategories
 * follow it, deeper than it.
 */
export function subtreeOf(categories: readonly Category[], id: string): Set<string> {
  const start = categories.findIndex((category) => category.id === id);
  const root = categories[start];
  if (!root) return new Set();
  const ids = new Set([root.id]);
  for (const category of categories.slice(start + 1)) {
    if (category.depth <= root.depth) break;
    ids.add(category.id);
  }
  return ids;
}

/** Parents before their children, children by the server's order (position, then name). */
export function categoryTree(rows: readonly CategoryRow[]): CatalogBasics['categories'] {
  const children = new Map<string | null, CategoryRow[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const ids = new Set(rows.map((row) => row.id));
  const out: CatalogBasics['categories'] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const row of children.get(parentId) ?? []) {
      out.push({ id: row.id, name: row.name, depth, parentId: row.parentId });
      if (depth < 32) walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  // A category whose parent is out of the list (beyond the first 500) still shows, at the top.
  for (const row of rows) if (row.parentId !== null && !ids.has(row.parentId)) walk(row.parentId, 0);
  return out;
}
