/**
 * The documents as the local database stores them: the replicated documents of @allure/shared/sync without
 * `_deleted` (RxDB keeps its own tombstone flag), plus one local field.
 *
 * `barcodeKey` is a variant's barcode, or '' when it has none. The scanner looks variants up by barcode, but
 * RxDB cannot index a nullable field, so the pull copies the barcode into this indexed string. Variants are
 * never pushed, so the field never leaves the till.
 */
import type {
  CategoryDocument,
  CustomerDocument,
  OrderDocument,
  ProductDocument,
  RefundDocument,
  ShiftDocument,
  StockDocument,
  VariantDocument,
} from '@allure/shared/sync.schema';
import type { z } from 'zod';

export type LocalDocument<T> = Omit<T, '_deleted'>;

export type LocalVariant = LocalDocument<VariantDocument> & { barcodeKey: string };

export interface LocalDocuments {
  categories: LocalDocument<CategoryDocument>;
  products: LocalDocument<ProductDocument>;
  variants: LocalVariant;
  stock: LocalDocument<StockDocument>;
  customers: LocalDocument<CustomerDocument>;
  shifts: LocalDocument<ShiftDocument>;
  orders: LocalDocument<OrderDocument>;
  /** Pushed only: the till's own refunds (sync.schema.ts). */
  refunds: LocalDocument<RefundDocument>;
}

export function barcodeKey(barcode: string | null): string {
  return barcode ?? '';
}

/** A variant as the till stores it (the pull does this to every variant it receives). */
export function toLocalVariant<T extends VariantDocument | LocalDocument<VariantDocument>>(
  variant: T,
): T & { barcodeKey: string } {
  return { ...variant, barcodeKey: barcodeKey(variant.barcode) };
}

/**
 * A copy fit for storage: plain JSON, so an optional field set to `undefined` is absent rather than present
 * and undefined. Two states of one document then compare equal field by field, as RxDB's conflict check
 * does, whether or not they went through the network.
 */
export function toStoredJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A document the till was about to write does not satisfy the replication contract: a bug, not a sale. */
export class InvalidDocumentError extends Error {
  readonly code = 'INVALID_DOCUMENT';
  constructor(
    readonly collection: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid ${collection} document: ${issues.join('; ')}`);
    this.name = 'InvalidDocumentError';
  }
}

/** Parses with the contract's zod schema and returns the document as stored (no `_deleted`). */
export function parseLocalDocument<T extends { _deleted: boolean }>(
  schema: z.ZodType<T>,
  collection: string,
  value: unknown,
): LocalDocument<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidDocumentError(
      collection,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`),
    );
  }
  const { _deleted: _tombstone, ...document } = parsed.data;
  return toStoredJson(document);
}
