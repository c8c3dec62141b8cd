/**
 * The product editor's form as typed (strings), read into the catalog's inputs: prices typed as decimals
 * in the store's currency ("12,50" €, "25 000" F CFA) become minor units with the shared money parser, the
 * VAT rate typed as a percentage ("18", "5,5") becomes basis points. Anything unreadable is a problem on its
 * field; the shared schemas then check the rest exactly as the server will.
 */
import {
  type CreateProductInput,
  type CreateVariantInput,
  createProductInput,
  createVariantInput,
  type UpdateProductInput,
  type UpdateVariantInput,
  updateProductInput,
  updateVariantInput,
} from '@allure/shared/catalog.schema';
import type { Currency } from '@allure/shared/currency';
import type { ProductStatus } from '@allure/shared/enums';
import { formatMoney, parseMoney } from '@allure/shared/money-format';
import { type Problem, problemsOfIssues } from '../form-problems.js';

export interface VariantDraft {
  /** React's key: the variant's id once it exists, a local one before. */
  key: string;
  id?: string;
  size: string;
  colour: string;
  sku: string;
  barcode: string;
  price: string;
  active: boolean;
}

export interface ProductDraft {
  name: string;
  brand: string;
  description: string;
  categoryId: string;
  status: ProductStatus;
  /** Percent, as typed. */
  vatRate: string;
  variants: VariantDraft[];
}

export type Read<T> = { ok: true; input: T } | { ok: false; problems: Problem[] };

/** The variant as the server has it, for the draft of an existing product. */
export interface SavedVariant {
  id: string;
  size: string;
  colour: string;
  sku: string;
  barcode: string | null;
  price: number;
  active: boolean;
}

export interface SavedProduct {
  name: string;
  brand: string | null;
  description: string;
  category: { id: string };
  status: ProductStatus;
  vatRate: number;
  variants: readonly SavedVariant[];
}

/** An amount as a person types it, without the currency: "25 000", "1 234,56", "1,234.56"; reads back as is. */
function typedAmount(amount: number, currency: Currency, locale: string): string {
  return formatMoney(amount, currency, locale)
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/[^\d,. ]/g, '')
    .trim();
}

export function variantDraftOf(variant: SavedVariant, currency: Currency, locale: string): VariantDraft {
  return {
    key: variant.id,
    id: variant.id,
    size: variant.size,
    colour: variant.colour,
    sku: variant.sku,
    barcode: variant.barcode ?? '',
    price: typedAmount(variant.price, currency, locale),
    active: variant.active,
  };
}

export function productDraftOf(product: SavedProduct, currency: Currency, locale: string): ProductDraft {
  return {
    name: product.name,
    brand: product.brand ?? '',
    description: product.description,
    categoryId: product.category.id,
    status: product.status,
    vatRate: percentOf(product.vatRate, locale),
    variants: product.variants.map((variant) => variantDraftOf(variant, currency, locale)),
  };
}

export function emptyVariant(key: string): VariantDraft {
  return { key, size: '', colour: '', sku: '', barcode: '', price: '', active: true };
}

/** 1800 → "18", 550 → "5,5" (fr) or "5.5" (en). */
export function percentOf(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(
    basisPoints / 100,
  );
}

/** "18" → 1800, "5,5" or "5.5" → 550; null when it is not a percentage with at most two decimals. */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const priceCodes = {
  empty: 'required',
  invalid: 'invalidPrice',
  too_many_decimals: 'tooManyDecimals',
  too_large: 'tooLarge',
};

/** A typed price in minor units, or the problem at `field`. */
export function readPrice(
  text: string,
  currency: Currency,
  locale: string,
  field: string,
): { ok: true; amount: number } | { ok: false; problem: Problem } {
  const parsed = parseMoney(text, currency, locale);
  if (parsed.ok) return { ok: true, amount: parsed.money.amount };
  return { ok: false, problem: { field, code: priceCodes[parsed.reason] } };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

interface VariantFields {
  sku: string;
  barcode?: string;
  size?: string;
  colour?: string;
  price: number;
}

function readVariantFields(
  variant: VariantDraft,
  currency: Currency,
  locale: string,
  prefix: string,
): Read<VariantFields> {
  const price = readPrice(variant.price, currency, locale, `${prefix}price`);
  if (!price.ok) return { ok: false, problems: [price.problem] };
  return {
    ok: true,
    input: {
      sku: variant.sku,
      barcode: optional(variant.barcode),
      size: optional(variant.size),
      colour: optional(variant.colour),
      price: price.amount,
    },
  };
}

function readProductFields(draft: ProductDraft): Read<{ vatRate: number }> {
  const vatRate = parsePercent(draft.vatRate);
  if (vatRate === null) return { ok: false, problems: [{ field: 'vatRate', code: 'invalidVat' }] };
  return { ok: true, input: { vatRate } };
}

/** A new product with its variants, as `catalog.admin.products.create` takes it. */
export function readNewProduct(
  draft: ProductDraft,
  currency: Currency,
  locale: string,
): Read<CreateProductInput> {
  const problems: Problem[] = [];
  const fields = readProductFields(draft);
  if (!fields.ok) problems.push(...fields.problems);
  const variants = draft.variants.map((variant, index) => {
    const read = readVariantFields(variant, currency, locale, `variants.${index}.`);
    if (!read.ok) problems.push(...read.problems);
    return read.ok ? { ...read.input, active: variant.active } : null;
  });
  if (problems.length > 0 || !fields.ok) return { ok: false, problems };
  const parsed = createProductInput.safeParse({
    name: draft.name,
    brand: optional(draft.brand),
    description: draft.description,
    categoryId: draft.categoryId,
    status: draft.status,
    vatRate: fields.input.vatRate,
    variants,
  });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, problems: problemsOfIssues(parsed.error.issues) };
}

/** The product's own fields, as `catalog.admin.products.update` takes them (status has its own call). */
export function readProductUpdate(id: string, draft: ProductDraft): Read<UpdateProductInput> {
  const fields = readProductFields(draft);
  if (!fields.ok) return fields;
  const parsed = updateProductInput.safeParse({
    id,
    name: draft.name,
    brand: optional(draft.brand) ?? null,
    description: draft.description,
    categoryId: draft.categoryId,
    vatRate: fields.input.vatRate,
  });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, problems: problemsOfIssues(parsed.error.issues) };
}

/** An existing variant's changes, as `catalog.admin.variants.update` takes them; null fields are cleared. */
export function readVariantUpdate(
  variant: VariantDraft & { id: string },
  currency: Currency,
  locale: string,
  prefix: string,
): Read<UpdateVariantInput> {
  const read = readVariantFields(variant, currency, locale, prefix);
  if (!read.ok) return read;
  const parsed = updateVariantInput.safeParse({
    id: variant.id,
    sku: read.input.sku,
    barcode: read.input.barcode ?? null,
    size: read.input.size ?? null,
    colour: read.input.colour ?? null,
    price: read.input.price,
  });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, problems: problemsOfIssues(parsed.error.issues, prefix) };
}

/** A variant added to an existing product, as `catalog.admin.variants.create` takes it. */
export function readNewVariant(
  productId: string,
  variant: VariantDraft,
  currency: Currency,
  locale: string,
  prefix: string,
): Read<CreateVariantInput> {
  const read = readVariantFields(variant, currency, locale, prefix);
  if (!read.ok) return read;
  const parsed = createVariantInput.safeParse({ productId, ...read.input, active: variant.active });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, problems: problemsOfIssues(parsed.error.issues, prefix) };
}

/** Whether the manager changed anything of the variant since it was loaded. */
export function variantChanged(draft: VariantDraft, saved: VariantDraft | undefined): boolean {
  return (
    saved === undefined ||
    (['size', 'colour', 'sku', 'barcode', 'price'] as const).some(
      (field) => draft[field].trim() !== saved[field].trim(),
    )
  );
}
