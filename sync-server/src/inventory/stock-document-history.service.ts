import type { Prisma } from '@allure/db/client';
import type { ListStockDocumentsInput } from '@allure/shared/inventory.schema';
import type { Page } from '@allure/shared/pagination';
import type { StaffPrincipal } from '../auth/store-scope.js';
import { NotFoundError } from '../errors.js';
import { pageOf, readCursor } from '../keyset.js';
import type { Context } from '../trpc/context.js';
import { reachableLocations, scopedStoreId } from './location-access.js';

// Stock documents as history reads them: who did what to which locations, when and why, with their lines.
// A document concerns a store when it takes stock from or brings stock to one of its locations.

const placeRef = { select: { id: true, code: true, name: true } } as const;

const documentSummarySelect = {
  id: true,
  kind: true,
  reason: true,
  note: true,
  supplierReference: true,
  allowNegative: true,
  createdAt: true,
  location: placeRef,
  toLocation: placeRef,
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.StockDocumentSelect;

/** A transfer's lines are its incoming movements: units as they arrive, positive. */
const lineMovements = { kind: { not: 'transfer_out' } } satisfies Prisma.StockMovementWhereInput;

const documentSelect = {
  ...documentSummarySelect,
  movements: {
    where: lineMovements,
    orderBy: { variant: { sku: 'asc' } },
    select: {
      quantity: true,
      unitCost: true,
      currency: true,
      variant: {
        select: { id: true, sku: true, size: true, colour: true, product: { select: { name: true } } },
      },
    },
  },
} satisfies Prisma.StockDocumentSelect;

const documentListSelect = {
  ...documentSummarySelect,
  _count: { select: { movements: { where: lineMovements } } },
} satisfies Prisma.StockDocumentSelect;

type DocumentRow = Prisma.StockDocumentGetPayload<{ select: typeof documentSelect }>;
type DocumentListRow = Prisma.StockDocumentGetPayload<{ select: typeof documentListSelect }>;

export interface StockDocumentLine {
  variantId: string;
  sku: string;
  productName: string;
  size: string;
  colour: string;
  /** Signed for adjustments; units moved or received otherwise. */
  quantity: number;
  /** Receipts: the unit cost recorded, in minor units of `currency`. */
  unitCost: number | null;
  currency: string | null;
}

export type StockDocumentView = Omit<DocumentRow, 'movements'> & { lines: StockDocumentLine[] };
export type StockDocumentSummary = Omit<DocumentListRow, '_count'> & { lineCount: number };

/** Documents concerning the caller's store (all, for an admin): from or to one of its locations. */
function concerning(storeId: string | null): Prisma.StockDocumentWhereInput {
  return storeId === null ? {} : { OR: [{ location: { storeId } }, { toLocation: { storeId } }] };
}

export async function getStockDocument(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  id: string,
): Promise<StockDocumentView> {
  const row = await ctx.db.prisma.stockDocument.findFirst({
    where: { id, ...concerning(scopedStoreId(principal)) },
    select: documentSelect,
  });
  if (!row) throw new NotFoundError('Stock document', id);
  const { movements, ...document } = row;
  return {
    ...document,
    lines: movements.map((movement) => ({
      variantId: movement.variant.id,
      sku: movement.variant.sku,
      productName: movement.variant.product.name,
      size: movement.variant.size,
      colour: movement.variant.colour,
      quantity: movement.quantity,
      unitCost: movement.unitCost,
      currency: movement.currency,
    })),
  };
}

/** Newest first, keyset-paginated on (createdAt, id). */
export async function listStockDocuments(
  ctx: Pick<Context, 'db'>,
  principal: StaffPrincipal,
  input: ListStockDocumentsInput,
): Promise<Page<StockDocumentSummary>> {
  if (input.locationId !== undefined) await reachableLocations(ctx, principal, [input.locationId]);
  const after =
    input.cursor === undefined ? undefined : readCursor(input.cursor, 'documents', ['time', 'uuid']);
  const rows = await ctx.db.prisma.stockDocument.findMany({
    where: {
      AND: [
        concerning(scopedStoreId(principal)),
        input.locationId === undefined
          ? {}
          : { OR: [{ locationId: input.locationId }, { toLocationId: input.locationId }] },
        input.kind === undefined ? {} : { kind: input.kind },
        after === undefined
          ? {}
          : { OR: [{ createdAt: { lt: after[0] } }, { createdAt: after[0], id: { lt: after[1] } }] },
      ],
    },
    select: documentListSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  const page = pageOf(rows, input.limit, 'documents', (row) => [row.createdAt, row.id]);
  return {
    ...page,
    items: page.items.map(({ _count, ...document }) => ({ ...document, lineCount: _count.movements })),
  };
}
