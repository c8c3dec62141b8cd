import type { Random } from '@allure/shared/random';
import {
  brands,
  type CategorySpec,
  type Colour,
  categorySpecs,
  collections,
  colours,
  descriptionCare,
  descriptionDetails,
  descriptionOpenings,
  type Size,
} from './catalog-data.js';
import { type DemoStore, roundTo } from './demo-stores.js';
import { inStoreEan13 } from './ean13.js';
import { idSequence, seedEpoch } from './seed-ids.js';

export interface CategoryRow {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  position: number;
}

export interface ProductRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  categoryId: string;
  brand: string;
  vatRate: number;
  status: 'draft' | 'active' | 'archived';
  createdAt: Date;
}

export interface VariantRow {
  id: string;
  productId: string;
  sku: string;
  barcode: string;
  size: string;
  colour: string;
  price: number;
  costPrice: number;
  currency: string;
  position: number;
}

export interface Catalog {
  categories: CategoryRow[];
  products: ProductRow[];
  variants: VariantRow[];
}

export interface CatalogShape {
  products: number;
  /** Exactly this many variants per product (benchmarks); otherwise every size in 1–3 colours. */
  variantsPerProduct?: number;
}

type Leaf = CategorySpec & { leaf: NonNullable<CategorySpec['leaf']> };

/** The catalog, priced for `store`; the same draws (names, sizes, stock) whichever store it is for. */
export function buildCatalog(random: Random, shape: CatalogShape, store: DemoStore): Catalog {
  const categories = buildCategories();
  const categoryId = new Map(categories.map((category) => [category.slug, category.id]));
  const leaves = categorySpecs.filter((spec): spec is Leaf => spec.leaf !== undefined);
  const totalWeight = leaves.reduce((sum, spec) => sum + spec.leaf.weight, 0);

  const nextProductId = idSequence('product');
  const nextVariantId = idSequence('variant');
  const usedNames = new Set<string>();
  const usedSlugs = new Set<string>();
  const products: ProductRow[] = [];
  const variants: VariantRow[] = [];

  for (let n = 1; n <= shape.products; n++) {
    const spec = pickWeighted(random, leaves, totalWeight);
    const type = random.pick(spec.leaf.types);
    const name = uniqueName(usedNames, () => {
      return `${type.noun} ${random.pick(spec.leaf.complements)} ${random.pick(collections)}`;
    });
    const slug = uniqueSlug(usedSlugs, slugify(name));
    const brand = random.pick(brands);
    const price = store.shelfPrice(random.int(spec.leaf.price[0], spec.leaf.price[1]));
    const costPrice = roundTo(price * (0.38 + random.next() * 0.17), store.costStep);
    const status = random.chance(0.05) ? 'draft' : random.chance(0.03) ? 'archived' : 'active';
    const productId = nextProductId();
    products.push({
      id: productId,
      slug,
      name,
      description: [
        random.pick(descriptionOpenings),
        random.pick(descriptionDetails),
        random.pick(descriptionCare),
      ].join(' '),
      categoryId: categoryId.get(spec.slug) ?? fail(`unknown category ${spec.slug}`),
      brand,
      vatRate: store.vatRate,
      status,
      createdAt: new Date(seedEpoch.getTime() + n * 60_000),
    });

    const combos = variantCombos(random, type.sizes, shape.variantsPerProduct);
    combos.forEach(([size, colour], position) => {
      variants.push({
        id: nextVariantId(),
        productId,
        sku: `${spec.leaf.skuPrefix}-${String(n).padStart(5, '0')}-${size.code}-${colour.code}`,
        barcode: inStoreEan13(variants.length + 1),
        size: size.label,
        colour: colour.name,
        price,
        costPrice,
        currency: store.currency,
        position,
      });
    });
  }
  return { categories, products, variants };
}

function buildCategories(): CategoryRow[] {
  const nextId = idSequence('category');
  const ids = new Map<string, string>();
  const positions = new Map<string, number>();
  return categorySpecs.map((spec) => {
    const id = nextId();
    ids.set(spec.slug, id);
    const siblings = spec.parent ?? '';
    const position = positions.get(siblings) ?? 0;
    positions.set(siblings, position + 1);
    const parentId = spec.parent ? (ids.get(spec.parent) ?? fail(`parent ${spec.parent} comes later`)) : null;
    return { id, parentId, slug: spec.slug, name: spec.name, position };
  });
}

/** Size × colour pairs, colour by colour (all sizes of the first colour, then the next…). */
function variantCombos(random: Random, sizes: readonly Size[], exactly?: number): [Size, Colour][] {
  const colourCount =
    exactly === undefined
      ? sizes.length === 1
        ? random.int(2, 5)
        : random.int(1, 3)
      : Math.ceil(exactly / sizes.length);
  if (colourCount > colours.length)
    throw new Error(`cannot make ${exactly} variants from ${sizes.length} sizes`);
  const combos: [Size, Colour][] = [];
  for (const colour of random.sample(colours, colourCount)) {
    for (const size of sizes) combos.push([size, colour]);
  }
  return exactly === undefined ? combos : combos.slice(0, exactly);
}

function pickWeighted(random: Random, leaves: readonly Leaf[], totalWeight: number): Leaf {
  let ticket = random.next() * totalWeight;
  for (const leaf of leaves) {
    ticket -= leaf.leaf.weight;
    if (ticket < 0) return leaf;
  }
  return leaves[leaves.length - 1] ?? fail('no leaf category');
}

/** A fresh name when a few draws find one; a big catalog then reuses names (its slugs stay unique). */
function uniqueName(used: Set<string>, draw: () => string): string {
  let name = draw();
  for (let attempt = 0; attempt < 5 && used.has(name); attempt++) name = draw();
  used.add(name);
  return name;
}

function uniqueSlug(used: Set<string>, base: string): string {
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function fail(message: string): never {
  throw new Error(`buildCatalog: ${message}`);
}
