/**
 * The replication contract between a terminal's local database (RxDB) and the sync server: which
 * collections exist, the shape of each replicated document, and the pull, push and live-stream messages.
 *
 * Pull (server → terminal), every collection: the terminal sends the checkpoint of the last batch it
 * stored; the server answers with the documents changed after it, oldest change first, and the new
 * checkpoint. A checkpoint is a position in the server's change log, `(txid, seq)`: the writing
 * transaction's id, then the row's sequence number. The server only hands out changes of transactions that
 * are surely finished (older than its snapshot's xmin) and orders them by txid, so a transaction that
 * commits late can never land behind a checkpoint already given out. See docs/sync.md.
 *
 * Push (terminal → server), orders, shifts and refunds only: RxDB's rows of `{ newDocumentState, assumedMasterState }`.
 * The server answers with conflicts: the server's state of every document it did not take as sent. A row
 * that cannot be taken at all (malformed, too large, another store's, a replay with other content) is
 * quarantined on the server and answered with the terminal's own document marked `syncState: 'quarantined'`
 * and the reason, so the till shows it and stops retrying it.
 *
 * Server-owned fields (`updatedAt`, an order's `status` and `syncState`) are ignored on push.
 */
import { z } from 'zod';
import { isoDateTime, uuid } from './common.schema.js';
import { orderStatus, productStatus } from './enums.js';
import { currency, nonNegativeAmount } from './money.schema.js';
import { checkPosOrder, posOrderShape } from './order.schema.js';
import { posRefundInput } from './pos-refund.schema.js';
import { MAX_PRODUCT_IMAGES } from './product-image.js';
import { productImage } from './product-image.schema.js';
import { shift } from './shift.schema.js';
import { vatRate } from './tax.js';

/** Collections every terminal pulls, in the order a fresh terminal needs them. */
export const syncCollections = [
  'categories',
  'products',
  'variants',
  'stock',
  'customers',
  'shifts',
  'orders',
] as const;
export const syncCollection = z.enum(syncCollections);
export type SyncCollection = z.infer<typeof syncCollection>;

/**
 * Collections terminals write. `refunds` is pushed only: the till keeps its own refunds to know what is left
 * to refund offline, and learns each one's fate from the push answer.
 */
export const pushCollections = ['orders', 'shifts', 'refunds'] as const;
export const pushCollection = z.enum(pushCollections);
export type PushCollection = z.infer<typeof pushCollection>;

/** Catalog collections are the same for every store; the others are scoped to the terminal's store. */
export const catalogCollections: readonly SyncCollection[] = ['categories', 'products', 'variants'];

export const MAX_PULL_BATCH = 1000;
export const MAX_PUSH_BATCH = 100;

/** A decimal string of an unsigned integer up to `max` (64-bit values do not fit a JavaScript number). */
const decimalUpTo = (max: bigint) =>
  z.string().refine((value) => /^[0-9]{1,20}$/.test(value) && BigInt(value) <= max, {
    message: `a decimal integer from 0 to ${max}`,
  });

/** A position in the server's change log: an xid8 and a bigint. */
export const syncCheckpoint = z.object({
  txid: decimalUpTo(18_446_744_073_709_551_615n),
  seq: decimalUpTo(9_223_372_036_854_775_807n),
});
export type SyncCheckpoint = z.infer<typeof syncCheckpoint>;

export const pullInput = z.object({
  collection: syncCollection,
  checkpoint: syncCheckpoint.nullable(),
  limit: z.number().int().min(1).max(MAX_PULL_BATCH),
});
export type PullInput = z.infer<typeof pullInput>;

// --- Documents ---------------------------------------------------------------------------------------
// Nullable rather than optional where the database column is nullable, so a document always has every
// field and two states of one document compare equal field by field.

/** What every replicated document carries: `updatedAt` is the server's, `_deleted` RxDB's tombstone. */
const replicated = { updatedAt: isoDateTime, _deleted: z.boolean() };

export const categoryDocument = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  slug: z.string().max(120),
  name: z.string().max(120),
  position: z.number().int(),
  ...replicated,
});
export type CategoryDocument = z.infer<typeof categoryDocument>;

export const productDocument = z.object({
  id: uuid,
  slug: z.string().max(160),
  name: z.string().max(160),
  description: z.string(),
  categoryId: uuid,
  brand: z.string().max(80).nullable(),
  vatRate,
  status: productStatus,
  /** Ready images in order: URLs of their renditions and an inline placeholder for when they cannot load. */
  images: z.array(productImage).max(MAX_PRODUCT_IMAGES),
  ...replicated,
});
export type ProductDocument = z.infer<typeof productDocument>;

export const variantDocument = z.object({
  id: uuid,
  productId: uuid,
  sku: z.string().max(64),
  barcode: z.string().max(14).nullable(),
  size: z.string().max(16),
  colour: z.string().max(40),
  price: nonNegativeAmount,
  currency,
  position: z.number().int(),
  active: z.boolean(),
  ...replicated,
});
export type VariantDocument = z.infer<typeof variantDocument>;

/** Stock of one variant at one location of the store; `id` is `<variantId>:<locationId>`. */
export const stockDocument = z.object({
  id: z.string().max(73),
  variantId: uuid,
  locationId: uuid,
  /** On hand; negative when offline sales sold more than there was. */
  quantity: z.number().int(),
  reserved: z.number().int(),
  lowStockThreshold: z.number().int().nullable(),
  ...replicated,
});
export type StockDocument = z.infer<typeof stockDocument>;

export function stockDocumentId(variantId: string, locationId: string): string {
  return `${variantId}:${locationId}`;
}

export const customerDocument = z.object({
  id: uuid,
  name: z.string().max(120),
  email: z.string().max(254).nullable(),
  phone: z.string().max(40).nullable(),
  storeId: uuid.nullable(),
  ...replicated,
});
export type CustomerDocument = z.infer<typeof customerDocument>;

export const shiftDocument = shift.safeExtend(replicated);
export type ShiftDocument = z.infer<typeof shiftDocument>;

/** Where a till order stands between the till and the server. */
export const syncStates = ['pending', 'synced', 'quarantined'] as const;
export const syncState = z.enum(syncStates);
export type SyncState = z.infer<typeof syncState>;

/**
 * A till order as replicated: what the till recorded (order.schema.ts) plus what the server decides.
 * The till creates it with `status: 'completed'`, `syncState: 'pending'` and its own clock as `updatedAt`.
 */
export const orderDocument = posOrderShape
  .extend({
    status: orderStatus,
    syncState,
    /** Why the server quarantined it, in words a manager can act on. */
    syncError: z.string().max(2000).nullable(),
    ...replicated,
  })
  .superRefine(checkPosOrder);
export type OrderDocument = z.infer<typeof orderDocument>;

/**
 * A refund given at the till (pos-refund.schema.ts) as the till keeps and pushes it. The server answers a
 * push with `synced` once recorded, or `quarantined` and the reason; one whose order has not reached the
 * server yet is kept there and recorded when the order arrives.
 */
export const refundDocument = posRefundInput.safeExtend({
  syncState,
  syncError: z.string().max(2000).nullable(),
  ...replicated,
});
export type RefundDocument = z.infer<typeof refundDocument>;

export interface SyncDocuments {
  categories: CategoryDocument;
  products: ProductDocument;
  variants: VariantDocument;
  stock: StockDocument;
  customers: CustomerDocument;
  shifts: ShiftDocument;
  orders: OrderDocument;
}

export interface PullResult<C extends SyncCollection = SyncCollection> {
  documents: SyncDocuments[C][];
  /** Unchanged from the request when nothing new was found. */
  checkpoint: SyncCheckpoint | null;
}

// --- Push --------------------------------------------------------------------------------------------

/**
 * Rows are checked one by one after the request is accepted, so one bad document cannot take its batch
 * down with it: the envelope is all the request schema checks.
 */
export const pushRow = z.object({
  newDocumentState: z.unknown(),
  assumedMasterState: z.unknown().optional(),
});
export type PushRow = z.infer<typeof pushRow>;

export const pushInput = z.object({
  collection: pushCollection,
  rows: z.array(pushRow).min(1).max(MAX_PUSH_BATCH),
});
export type PushInput = z.infer<typeof pushInput>;

// --- Live stream -------------------------------------------------------------------------------------

/**
 * One subscription per terminal carries every collection. `resync` comes first on every (re)connection:
 * the terminal then pulls each collection from its checkpoint, which covers whatever happened while it was
 * away; `changes` follow as they are committed.
 */
export type SyncEvent =
  | { kind: 'resync' }
  | {
      [C in SyncCollection]: {
        kind: 'changes';
        collection: C;
        documents: SyncDocuments[C][];
        checkpoint: SyncCheckpoint;
      };
    }[SyncCollection];
