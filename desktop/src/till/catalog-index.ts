/**
 * The till's catalog in memory, for the selling screen: barcode look-up and search-as-you-type over tens
 * of thousands of variants within a frame. IndexedDB answers in milliseconds at best and cannot search
 * inside words, so the screen never queries it while the cashier types; this index is filled from the
 * local database once and kept current from its change stream (catalog-feed.ts).
 *
 * Search: every word of the query (accent-folded, as the server's search folds them) must start a word of
 * the variant's text (product name, brand, SKU, barcode, size, colour); exact SKU or barcode matches come
 * first, then by product name. Only what can be sold is found: active variants of active products.
 */
import type { Currency } from '@allure/shared/currency';
import type { ProductImage } from '@allure/shared/product-image';
import { foldText, searchWords } from '@allure/shared/search-text';

export interface IndexedProduct {
  id: string;
  name: string;
  brand: string | null;
  categoryId: string;
  vatRate: number;
  active: boolean;
  images: readonly ProductImage[];
}

export interface IndexedVariant {
  id: string;
  productId: string;
  sku: string;
  barcode: string | null;
  size: string;
  colour: string;
  price: number;
  currency: Currency;
  position: number;
  active: boolean;
}

/** A variant as the selling screen shows and sells it. */
export interface SellableVariant {
  variant: IndexedVariant;
  product: IndexedProduct;
}

interface Entry extends SellableVariant {
  /** " word word …": folded words, each preceded by a space, so " query" finds word starts. */
  words: string;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export class CatalogIndex {
  private readonly products = new Map<string, IndexedProduct>();
  private readonly variants = new Map<string, IndexedVariant>();
  private readonly variantsOfProduct = new Map<string, Set<string>>();
  private readonly byBarcode = new Map<string, string>();
  private readonly bySku = new Map<string, string>();
  /** Rebuilt lazily after changes: the search walks a dense array, not maps. */
  private entries: Entry[] | null = null;
  version = 0;

  putProducts(products: readonly IndexedProduct[]): void {
    for (const product of products) this.products.set(product.id, product);
    this.changed();
  }

  removeProducts(ids: readonly string[]): void {
    for (const id of ids) this.products.delete(id);
    this.changed();
  }

  putVariants(variants: readonly IndexedVariant[]): void {
    for (const variant of variants) {
      this.dropKeys(variant.id);
      this.variants.set(variant.id, variant);
      const siblings = this.variantsOfProduct.get(variant.productId) ?? new Set<string>();
      this.variantsOfProduct.set(variant.productId, siblings.add(variant.id));
      if (variant.barcode) this.byBarcode.set(variant.barcode, variant.id);
      this.bySku.set(foldText(variant.sku), variant.id);
    }
    this.changed();
  }

  removeVariants(ids: readonly string[]): void {
    for (const id of ids) {
      this.dropKeys(id);
      this.variants.delete(id);
    }
    this.changed();
  }

  get size(): number {
    return this.variants.size;
  }

  /** The sellable variant with this barcode or SKU (a scanner may read either). */
  lookUp(code: string): SellableVariant | null {
    const id = this.byBarcode.get(code) ?? this.bySku.get(foldText(code));
    return id === undefined ? null : this.sellable(id);
  }

  search(query: string, limit = 50): SellableVariant[] {
    const words = searchWords(query);
    if (words.length === 0) return [];
    const needles = words.map((word) => ` ${word}`);
    const exact = this.lookUp(query.trim());
    const results: SellableVariant[] = exact ? [exact] : [];
    // Entries are kept in display order, so the first `limit` matches are the answer.
    for (const entry of this.sellableEntries()) {
      if (results.length >= limit) break;
      if (entry.variant.id === exact?.variant.id) continue;
      if (needles.every((needle) => entry.words.includes(needle))) {
        results.push({ variant: entry.variant, product: entry.product });
      }
    }
    return results;
  }

  /** A variant and its product by id, sellable or not (a receipt names what was sold). */
  lookUpById(variantId: string): SellableVariant | null {
    const variant = this.variants.get(variantId);
    const product = variant && this.products.get(variant.productId);
    return variant && product ? { variant, product } : null;
  }

  /** Every sellable variant of a product, in their order (for the size and colour picker). */
  variantsOf(productId: string): SellableVariant[] {
    return [...(this.variantsOfProduct.get(productId) ?? [])]
      .map((id) => this.sellable(id))
      .filter((found): found is SellableVariant => found !== null)
      .sort((a, b) => a.variant.position - b.variant.position);
  }

  /** Products of a category that have something to sell, by name. */
  productsIn(categoryId: string, limit = 120): IndexedProduct[] {
    const products: IndexedProduct[] = [];
    for (const product of this.products.values()) {
      if (product.categoryId === categoryId && product.active && this.variantsOf(product.id).length > 0) {
        products.push(product);
      }
    }
    return products.sort((a, b) => collator.compare(a.name, b.name)).slice(0, limit);
  }

  private sellable(variantId: string): SellableVariant | null {
    const variant = this.variants.get(variantId);
    const product = variant && this.products.get(variant.productId);
    if (!variant?.active || !product?.active) return null;
    return { variant, product };
  }

  private sellableEntries(): Entry[] {
    if (this.entries) return this.entries;
    const entries: Entry[] = [];
    for (const variant of this.variants.values()) {
      const found = this.sellable(variant.id);
      if (!found) continue;
      const text = [
        found.product.name,
        found.product.brand ?? '',
        variant.sku,
        variant.barcode ?? '',
        variant.size,
        variant.colour,
      ];
      entries.push({ ...found, words: ` ${searchWords(text.join(' ')).join(' ')}` });
    }
    entries.sort(
      (a, b) => collator.compare(a.product.name, b.product.name) || a.variant.position - b.variant.position,
    );
    this.entries = entries;
    return entries;
  }

  private dropKeys(variantId: string): void {
    const old = this.variants.get(variantId);
    if (!old) return;
    if (old.barcode && this.byBarcode.get(old.barcode) === variantId) this.byBarcode.delete(old.barcode);
    const sku = foldText(old.sku);
    if (this.bySku.get(sku) === variantId) this.bySku.delete(sku);
    this.variantsOfProduct.get(old.productId)?.delete(variantId);
  }

  private changed(): void {
    this.entries = null;
    this.version += 1;
  }
}
