import type { Database } from '@allure/db/client';
import { ConflictError } from '../errors.js';

// A SKU and a barcode identify one variant across the catalog (the till scans them), and a product has one
// variant per size and colour. Checked before writing so the answer names the code; the unique indexes
// still decide when two managers race, with an answer naming the field.

export const codeConflicts = {
  variant_sku_key: () => new ConflictError('sku: already used by another variant'),
  variant_barcode_key: () => new ConflictError('barcode: already used by another variant'),
  variant_product_id_size_colour_key: () =>
    new ConflictError('size and colour: the product already has a variant in this size and colour'),
};

/** A conflict naming the first SKU or barcode of `variants` another variant has, or null. */
export async function takenCodes(
  db: Database,
  variants: readonly { sku?: string | undefined; barcode?: string | null | undefined }[],
  exceptVariantId?: string,
): Promise<ConflictError | null> {
  const skus = variants.flatMap((variant) => (variant.sku ? [variant.sku] : []));
  const barcodes = variants.flatMap((variant) => (variant.barcode ? [variant.barcode] : []));
  if (skus.length === 0 && barcodes.length === 0) return null;
  const taken = await db.prisma.variant.findFirst({
    where: {
      OR: [{ sku: { in: skus } }, { barcode: { in: barcodes } }],
      ...(exceptVariantId === undefined ? {} : { id: { not: exceptVariantId } }),
    },
    select: { sku: true, barcode: true, product: { select: { name: true } } },
  });
  if (!taken) return null;
  const field = skus.includes(taken.sku) ? `SKU "${taken.sku}"` : `barcode "${taken.barcode}"`;
  return new ConflictError(`${field} is already used by a variant of "${taken.product.name}"`);
}
