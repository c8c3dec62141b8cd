import type {
  StockAdjustmentInput,
  StockReceiptInput,
  StockTransferInput,
} from '@allure/shared/inventory.schema';
import { weightedAverageCost } from '@allure/shared/stock-cost';
import {
  documentContent,
  documentLocations,
  findShortages,
  type LevelState,
  type PlannedMovement,
  plannedMovements,
  type StockDocumentInput,
  type StockShortage,
} from '@allure/shared/stock-ledger';
import type pg from 'pg';
import type { StaffPrincipal } from '../auth/store-scope.js';
import { ConflictError, InvalidInputError } from '../errors.js';
import { inTransaction } from '../sync/batch.js';
import { contentHash } from '../sync/quarantine.js';
import type { Context } from '../trpc/context.js';
import { reachableLocations, type StockPlace } from './location-access.js';
import { announceStockChanges } from './stock-changes.js';
import { getStockDocument, type StockDocumentView } from './stock-document-history.service.js';

/**
 * Recording stock documents (adjustments, transfers, goods receipts) through the ledger, exactly once.
 *
 * One transaction per document: the document row, then the stock levels it takes from locked in
 * (variant, location) order (the order sync pushes and the projection trigger use, so none of them can
 * deadlock another), the check that no level goes below zero, the movements in one statement (the trigger
 * projects them into the levels), and for a receipt the new cost prices. The document id is the client's:
 * its row is inserted first, so a concurrent or later replay waits for it and then finds it.
 */

export type StockDocumentOutcome =
  | { status: 'recorded'; document: StockDocumentView }
  /** Nothing was recorded: the document would take these levels below zero. */
  | { status: 'insufficient_stock'; shortages: (StockShortage & { sku: string })[] };

type Ctx = Pick<Context, 'db' | 'changeFeed' | 'cache'>;

export function recordAdjustment(ctx: Ctx, principal: StaffPrincipal, input: StockAdjustmentInput) {
  return recordDocument(ctx, principal, { kind: 'adjustment', ...input });
}

export function recordTransfer(ctx: Ctx, principal: StaffPrincipal, input: StockTransferInput) {
  return recordDocument(ctx, principal, { kind: 'transfer', ...input });
}

export function recordReceipt(ctx: Ctx, principal: StaffPrincipal, input: StockReceiptInput) {
  return recordDocument(ctx, principal, { kind: 'receipt', ...input });
}

interface VariantFacts {
  sku: string;
  productId: string;
  categoryId: string;
}

type Written = { kind: 'replayed' } | { kind: 'recorded'; costsChanged: boolean; flipped: Set<string> };

/** Thrown inside the transaction to roll it back; answered as a typed outcome. */
class Shortfall extends Error {
  constructor(readonly shortages: StockShortage[]) {
    super('insufficient stock');
  }
}

async function recordDocument(
  ctx: Ctx,
  principal: StaffPrincipal,
  document: StockDocumentInput,
): Promise<StockDocumentOutcome> {
  const places = await reachableLocations(ctx, principal, documentLocations(document));
  const variants = await loadVariants(
    ctx,
    document.lines.map((line) => line.variantId),
  );
  const hash = contentHash(documentContent(document));

  let written: Written;
  try {
    written = await inTransaction(ctx.db.pool, (client) =>
      writeDocument(client, principal, document, hash, places),
    );
  } catch (error) {
    if (!(error instanceof Shortfall)) throw error;
    return {
      status: 'insufficient_stock',
      shortages: error.shortages.map((shortage) => ({
        ...shortage,
        sku: variants.get(shortage.variantId)?.sku ?? '',
      })),
    };
  }

  if (written.kind === 'recorded') {
    const facts = [...variants.values()];
    await announceStockChanges(ctx, {
      storeIds: [...places.values()].map((place) => place.storeId),
      productIds: facts.map((variant) => variant.productId),
      listingCategoryIds: facts.flatMap((variant) =>
        written.flipped.has(variant.productId) ? [variant.categoryId] : [],
      ),
      variants: written.costsChanged,
    });
  }
  // The same answer for the first call and every replay: the document as stored.
  return { status: 'recorded', document: await getStockDocument(ctx, principal, document.id) };
}

async function loadVariants(ctx: Pick<Context, 'db'>, ids: readonly string[]) {
  const rows = await ctx.db.prisma.variant.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, sku: true, productId: true, product: { select: { categoryId: true } } },
  });
  const variants = new Map<string, VariantFacts>(
    rows.map((row) => [
      row.id,
      { sku: row.sku, productId: row.productId, categoryId: row.product.categoryId },
    ]),
  );
  const unknown = ids.filter((id) => !variants.has(id));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `unknown variant${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}`,
    );
  }
  return variants;
}

async function writeDocument(
  client: pg.ClientBase,
  principal: StaffPrincipal,
  document: StockDocumentInput,
  hash: string,
  places: ReadonlyMap<string, StockPlace>,
): Promise<Written> {
  const inserted = await client.query(
    `INSERT INTO stock_document (id, kind, location_id, to_location_id, reason, note, supplier_reference,
                                 allow_negative, content_hash, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO NOTHING`,
    [
      document.id,
      document.kind,
      document.kind === 'transfer' ? document.fromLocationId : document.locationId,
      document.kind === 'transfer' ? document.toLocationId : null,
      document.kind === 'adjustment' ? document.reason : null,
      document.note || null,
      document.kind === 'receipt' ? (document.supplierReference ?? null) : null,
      document.kind === 'receipt' ? false : document.allowNegative,
      hash,
      principal.userId,
    ],
  );
  if (inserted.rowCount === 0) {
    const existing = await client.query<{ content_hash: string }>(
      'SELECT content_hash FROM stock_document WHERE id = $1',
      [document.id],
    );
    if (existing.rows[0]?.content_hash === hash) return { kind: 'replayed' };
    throw new ConflictError(`stock document ${document.id} was already recorded with other content`);
  }

  const movements = plannedMovements(document);
  const before = await lockLevels(client, movements);
  if (document.kind !== 'receipt' && !document.allowNegative) {
    const shortages = findShortages(document, (variantId, locationId) =>
      before.get(levelKey(variantId, locationId)),
    );
    if (shortages.length > 0) throw new Shortfall(shortages);
  }
  const costs = document.kind === 'receipt' ? await receiptCosts(client, movements) : new Map();

  await client.query(
    `INSERT INTO stock_movement (id, variant_id, location_id, quantity, kind, reason, document_id, unit_cost,
                                 currency, user_id, terminal_id)
     SELECT gen_random_uuid(), m.variant_id, m.location_id, m.quantity, m.kind, $1, $2, m.unit_cost,
            CASE WHEN m.unit_cost IS NOT NULL THEN v.currency END, $3, $4
       FROM unnest($5::uuid[], $6::uuid[], $7::int[], $8::stock_movement_kind[], $9::int[])
            AS m(variant_id, location_id, quantity, kind, unit_cost)
       JOIN variant v ON v.id = m.variant_id`,
    [
      document.kind === 'adjustment' ? document.reason : null,
      document.id,
      principal.userId,
      principal.terminalId,
      movements.map((movement) => movement.variantId),
      movements.map((movement) => movement.locationId),
      movements.map((movement) => movement.quantity),
      movements.map((movement) => movement.kind),
      movements.map((movement) => movement.unitCost),
    ],
  );

  if (costs.size > 0) {
    await client.query(
      `UPDATE variant v SET cost_price = c.cost, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS c(id, cost)
        WHERE v.id = c.id AND v.cost_price IS DISTINCT FROM c.cost`,
      [[...costs.keys()], [...costs.values()]],
    );
  }
  return {
    kind: 'recorded',
    costsChanged: costs.size > 0,
    flipped: await webStockFlips(client, movements, before, places),
  };
}

const levelKey = (variantId: string, locationId: string) => `${variantId}:${locationId}`;

/**
 * Locks the levels the movements touch, in (variant, location) order, and returns them as they were.
 * Missing levels are created empty first, in the same order: a level another writer is creating cannot then
 * be taken out of order by the projection, after locks on later levels are held.
 */
async function lockLevels(
  client: pg.ClientBase,
  movements: readonly PlannedMovement[],
): Promise<Map<string, LevelState>> {
  const keys = [
    movements.map((movement) => movement.variantId),
    movements.map((movement) => movement.locationId),
  ];
  await client.query(
    `INSERT INTO stock_level (variant_id, location_id, updated_at)
     SELECT k.variant_id, k.location_id, now() FROM unnest($1::uuid[], $2::uuid[]) AS k(variant_id, location_id)
      ORDER BY k.variant_id, k.location_id
     ON CONFLICT (variant_id, location_id) DO NOTHING`,
    keys,
  );
  const { rows } = await client.query<{
    variant_id: string;
    location_id: string;
    quantity: number;
    reserved: number;
  }>(
    `SELECT s.variant_id, s.location_id, s.quantity, s.reserved
       FROM stock_level s
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(variant_id, location_id)
         ON s.variant_id = k.variant_id AND s.location_id = k.location_id
      ORDER BY s.variant_id, s.location_id
        FOR UPDATE OF s`,
    keys,
  );
  return new Map(
    rows.map((row) => [
      levelKey(row.variant_id, row.location_id),
      { quantity: row.quantity, reserved: row.reserved },
    ]),
  );
}

/**
 * The new cost price of each variant received at a known cost. The variant rows are locked (no key
 * update: order lines and movements may still reference them) so two receipts of one variant average one
 * after the other; the units on hand are read by a later statement, so each sees the other's units.
 */
async function receiptCosts(
  client: pg.ClientBase,
  movements: readonly PlannedMovement[],
): Promise<Map<string, number>> {
  const costed = movements.filter((movement) => movement.unitCost !== null);
  if (costed.length === 0) return new Map();
  const ids = costed.map((movement) => movement.variantId);
  // Two statements: a statement that waited for the lock still reads the others' tables as they were when
  // it began, so units another receipt added while this one waited would be missed.
  await client.query('SELECT 1 FROM variant WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [ids]);
  const { rows } = await client.query<{ id: string; cost_price: number | null; on_hand: number }>(
    `SELECT v.id, v.cost_price,
            (SELECT coalesce(sum(s.quantity), 0)::int FROM stock_level s WHERE s.variant_id = v.id) AS on_hand
       FROM variant v
      WHERE v.id = ANY($1::uuid[])`,
    [ids],
  );
  const current = new Map(rows.map((row) => [row.id, row]));
  const costs = new Map<string, number>();
  for (const movement of costed) {
    const row = current.get(movement.variantId);
    if (!row || movement.unitCost === null) continue;
    costs.set(
      movement.variantId,
      weightedAverageCost(
        { onHand: row.on_hand, unitCost: row.cost_price },
        { quantity: movement.quantity, unitCost: movement.unitCost },
      ),
    );
  }
  return costs;
}

/** Products whose stock at a web location went from none to some, or from some to none. */
async function webStockFlips(
  client: pg.ClientBase,
  movements: readonly PlannedMovement[],
  before: ReadonlyMap<string, LevelState>,
  places: ReadonlyMap<string, StockPlace>,
): Promise<Set<string>> {
  const web = movements.filter((movement) => places.get(movement.locationId)?.kind === 'web');
  if (web.length === 0) return new Set();
  const { rows } = await client.query<{
    product_id: string;
    variant_id: string;
    location_id: string;
    quantity: number;
  }>(
    `SELECT v.product_id, s.variant_id, s.location_id, s.quantity
       FROM unnest($1::uuid[], $2::uuid[]) AS k(variant_id, location_id)
       JOIN stock_level s ON s.variant_id = k.variant_id AND s.location_id = k.location_id
       JOIN variant v ON v.id = s.variant_id`,
    [web.map((movement) => movement.variantId), web.map((movement) => movement.locationId)],
  );
  const flipped = new Set<string>();
  for (const row of rows) {
    const was = before.get(levelKey(row.variant_id, row.location_id))?.quantity ?? 0;
    if (was > 0 !== row.quantity > 0) flipped.add(row.product_id);
  }
  return flipped;
}
