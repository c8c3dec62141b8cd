/**
 * The till's catalog in memory, for the selling screen: barcode look-up and search-as-you-type over tens
 * of thousands of variants within a frame. IndexedDB answers in milliseconds at best and cannot search
 * inside words, so the screen never queries it while the cashier types; this index is filled from the
 * local database once and kept current from its change stream (catalog-feed.ts).
 *
 * Search: every word of the query (accent-folded, as the server's search folds them) must start a word of
 * the variant's text (product name, brand, SKU, barcode, size, colour); exact SKU or barcode matches come
 * first, then by product name. Only what can be sold is found: active variants of active products.
 *
 * A change is applied where it lands: the variant's entry and its folded words are computed when it is put,
 * not when a search comes, so the server changing a price during the day costs the next keystroke nothing.
 * A query walks the entries in display order and stops at `limit`. That order (plain string keys, no
 * collation) is kept as entries change, by binary search; a large batch (the first fill) is sorted once at
 * its end. So no keystroke ever waits for a sort of the whole catalog.
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

/**
 * Which first letters and first two letters the words of a text start with, as bits: an entry lacking a
 * needle's bits cannot match it, so most entries are passed over without searching their text.
 */
interface WordStarts {
  first: number;
  pairsLow: number;
  pairsHigh: number;
}

/** Folded words are [a-z0-9]: a letter has a bit of its own, digits share the last six. */
const firstBit = (code: number) => 1 << (code >= 97 ? code - 97 : 26 + ((code - 48) % 6));

function wordStarts(words: readonly string[]): WordStarts {
  const starts = { first: 0, pairsLow: 0, pairsHigh: 0 };
  for (const word of words) {
    starts.first |= firstBit(word.charCodeAt(0));
    if (word.length < 2) continue;
    const pair = (word.charCodeAt(0) * 31 + word.charCodeAt(1)) % 64;
    if (pair < 32) starts.pairsLow |= 1 << pair;
    else starts.pairsHigh |= 1 << (pair - 32);
  }
  return starts;
}

interface Needle extends WordStarts {
  /** " word": a word start in an entry's text. */
  text: string;
}

const hasStarts = (entry: WordStarts, needle: WordStarts) =>
  (entry.first & needle.first) === needle.first &&
  (entry.pairsLow & needle.pairsLow) === needle.pairsLow &&
  (entry.pairsHigh & needle.pairsHigh) === needle.pairsHigh;

interface Entry extends SellableVariant, WordStarts {
  /** " word word …": folded words, each preceded by a space, so " query" finds word starts. */
  text: string;
  /** Display order: product name (numbers by value), then the variant's position. */
  order: string;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** From this many documents in one put, the order is sorted once after it rather than kept entry by entry. */
const SORT_BATCHES_FROM = 500;

/** "Robe 12" → "robe 0000000012": plain string order then follows the numbers' values. */
const orderKey = (name: string, position: number, id: string) =>
  `${foldText(name).replace(/\d+/g, (digits) => digits.padStart(12, '0'))}\u0000${String(position).padStart(6, '0')}\u0000${id}`;

export class CatalogIndex {
  private readonly products = new Map<string, IndexedProduct>();
  private readonly variants = new Map<string, IndexedVariant>();
  private readonly variantsOfProduct = new Map<string, Set<string>>();
  private readonly byBarcode = new Map<string, string>();
  private readonly bySku = new Map<string, string>();
  /** Sellable variants only, by id. */
  private readonly entries = new Map<string, Entry>();
  /** `entries` in display order (by `Entry.order`): a query walks this array and nothing else. */
  private ordered: Entry[] = [];
  /** Within a large batch: `ordered` is left behind and sorted at its end. */
  private batching = false;
  version = 0;

  putProducts(products: readonly IndexedProduct[]): void {
    this.change(products.length, () => {
      for (const product of products) {
        this.products.set(product.id, product);
        for (const variantId of this.variantsOfProduct.get(product.id) ?? []) this.reindex(variantId);
      }
    });
  }

  removeProducts(ids: readonly string[]): void {
    this.change(ids.length, () => {
      for (const id of ids) {
        this.products.delete(id);
        for (const variantId of this.variantsOfProduct.get(id) ?? []) this.reindex(variantId);
      }
    });
  }

  putVariants(variants: readonly IndexedVariant[]): void {
    this.change(variants.length, () => {
      for (const variant of variants) {
        this.dropKeys(variant.id);
        this.variants.set(variant.id, variant);
        const siblings = this.variantsOfProduct.get(variant.productId) ?? new Set<string>();
        this.variantsOfProduct.set(variant.productId, siblings.add(variant.id));
        if (variant.barcode) this.byBarcode.set(variant.barcode, variant.id);
        this.bySku.set(foldText(variant.sku), variant.id);
        this.reindex(variant.id);
      }
    });
  }

  removeVariants(ids: readonly string[]): void {
    this.change(ids.length, () => {
      for (const id of ids) {
        this.dropKeys(id);
        this.variants.delete(id);
        this.reindex(id);
      }
    });
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
    const needles: Needle[] = words.map((word) => ({ text: ` ${word}`, ...wordStarts([word]) }));
    const exact = this.lookUp(query.trim());
    const results: SellableVariant[] = exact ? [exact] : [];
    const exactId = exact?.variant.id;
    // Plain loops: this runs over every entry on a rare word, on every keystroke.
    for (let at = 0; at < this.ordered.length && results.length < limit; at += 1) {
      const entry = this.ordered[at] as Entry;
      let matches = true;
      for (let n = 0; matches && n < needles.length; n += 1) {
        const needle = needles[n] as Needle;
        matches = hasStarts(entry, needle) && entry.text.includes(needle.text);
      }
      if (matches && entry.variant.id !== exactId)
        results.push({ variant: entry.variant, product: entry.product });
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

  private change(size: number, apply: () => void): void {
    this.batching = size >= SORT_BATCHES_FROM;
    apply();
    if (this.batching) {
      this.ordered = [...this.entries.values()].sort((a, b) => (a.order < b.order ? -1 : 1));
      this.batching = false;
    }
    this.version += 1;
  }

  /** Brings the variant's entry, and its place in the display order, in line with what is known of it. */
  private reindex(variantId: string): void {
    const old = this.entries.get(variantId);
    const found = this.sellable(variantId);
    const entry = found && this.entryOf(found);
    if (entry) this.entries.set(variantId, entry);
    else this.entries.delete(variantId);
    if (this.batching) return;
    if (old && entry && old.order === entry.order) {
      this.ordered[this.rank(old.order)] = entry;
      return;
    }
    if (old) this.ordered.splice(this.rank(old.order), 1);
    if (entry) this.ordered.splice(this.rank(entry.order), 0, entry);
  }

  /** How many ordered entries come before `order` (binary search; the keys are unique, ids included). */
  private rank(order: string): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.ordered[middle] as Entry).order < order) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private entryOf({ variant, product }: SellableVariant): Entry {
    const text = [
      product.name,
      product.brand ?? '',
      variant.sku,
      variant.barcode ?? '',
      variant.size,
      variant.colour,
    ];
    const words = searchWords(text.join(' '));
    return {
      variant,
      product,
      text: ` ${words.join(' ')}`,
      ...wordStarts(words),
      order: orderKey(product.name, variant.position, variant.id),
    };
  }

  private dropKeys(variantId: string): void {
    const old = this.variants.get(variantId);
    if (!old) return;
    if (old.barcode && this.byBarcode.get(old.barcode) === variantId) this.byBarcode.delete(old.barcode);
    const sku = foldText(old.sku);
    if (this.bySku.get(sku) === variantId) this.bySku.delete(sku);
    this.variantsOfProduct.get(old.productId)?.delete(variantId);
  }
}
