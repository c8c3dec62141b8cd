/**
 * What a stock document does to the ledger, decided without a database: the movements it records, the
 * units it takes out of locations, whether the locations have them, and the canonical content a replay is
 * compared on. The server runs this inside its transaction; a back office can run it to preview.
 */
import type { StockAdjustmentInput, StockReceiptInput, StockTransferInput } from './inventory.schema.js';

export type StockDocumentInput =
  | ({ kind: 'adjustment' } & StockAdjustmentInput)
  | ({ kind: 'transfer' } & StockTransferInput)
  | ({ kind: 'receipt' } & StockReceiptInput);

export interface PlannedMovement {
  variantId: string;
  locationId: string;
  /** Signed, as the ledger stores it. */
  quantity: number;
  kind: 'adjustment' | 'transfer_in' | 'transfer_out' | 'receipt';
  unitCost: number | null;
}

/** Orders (variant, location) pairs the way every writer locks stock levels, so none can deadlock another. */
export function compareLevelKeys(
  a: { variantId: string; locationId: string },
  b: { variantId: string; locationId: string },
): number {
  if (a.variantId !== b.variantId) return a.variantId < b.variantId ? -1 : 1;
  if (a.locationId !== b.locationId) return a.locationId < b.locationId ? -1 : 1;
  return 0;
}

/** The movements of a document, in lock order: a transfer line is one movement out and one in. */
export function plannedMovements(document: StockDocumentInput): PlannedMovement[] {
  let movements: PlannedMovement[];
  switch (document.kind) {
    case 'adjustment':
      movements = document.lines.map((line) => ({
        variantId: line.variantId,
        locationId: document.locationId,
        quantity: line.quantity,
        kind: 'adjustment',
        unitCost: null,
      }));
      break;
    case 'transfer':
      movements = document.lines.flatMap((line): PlannedMovement[] => [
        {
          variantId: line.variantId,
          locationId: document.fromLocationId,
          quantity: -line.quantity,
          kind: 'transfer_out',
          unitCost: null,
        },
        {
          variantId: line.variantId,
          locationId: document.toLocationId,
          quantity: line.quantity,
          kind: 'transfer_in',
          unitCost: null,
        },
      ]);
      break;
    case 'receipt':
      movements = document.lines.map((line) => ({
        variantId: line.variantId,
        locationId: document.locationId,
        quantity: line.quantity,
        kind: 'receipt',
        unitCost: line.unitCost ?? null,
      }));
      break;
  }
  return movements.sort(compareLevelKeys);
}

/** The locations a document touches: the first is where it happens (a transfer's source). */
export function documentLocations(document: StockDocumentInput): string[] {
  return document.kind === 'transfer'
    ? [document.fromLocationId, document.toLocationId]
    : [document.locationId];
}

export interface LevelState {
  quantity: number;
  /** Units held for web orders. */
  reserved: number;
}

export interface StockShortage {
  variantId: string;
  locationId: string;
  /** Units the document takes out. */
  requested: number;
  /** Units it could take without going below zero. */
  available: number;
}

/**
 * The lines that would take a location below zero. A transfer moves only units not reserved for web
 * orders (those are promised to customers); an adjustment records what is physically there, so it is held
 * to the on-hand quantity alone. A level that does not exist holds nothing.
 */
export function findShortages(
  document: StockDocumentInput,
  levelOf: (variantId: string, locationId: string) => LevelState | undefined,
): StockShortage[] {
  const shortages: StockShortage[] = [];
  for (const movement of plannedMovements(document)) {
    if (movement.quantity >= 0) continue;
    const level = levelOf(movement.variantId, movement.locationId) ?? { quantity: 0, reserved: 0 };
    const available = Math.max(
      0,
      document.kind === 'transfer' ? level.quantity - level.reserved : level.quantity,
    );
    const requested = -movement.quantity;
    if (requested > available) {
      shortages.push({
        variantId: movement.variantId,
        locationId: movement.locationId,
        requested,
        available,
      });
    }
  }
  return shortages;
}

/**
 * The document as compared on replay: defaults filled in, blank optional text dropped, lines in variant
 * order (a document lists each variant once, so the order a client sent them in carries no meaning).
 */
export function documentContent(document: StockDocumentInput): Record<string, unknown> {
  const lines = [...document.lines].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
  const text = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  switch (document.kind) {
    case 'adjustment':
      return {
        kind: document.kind,
        id: document.id,
        locationId: document.locationId,
        reason: document.reason,
        note: text(document.note),
        allowNegative: document.allowNegative,
        lines: lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
      };
    case 'transfer':
      return {
        kind: document.kind,
        id: document.id,
        fromLocationId: document.fromLocationId,
        toLocationId: document.toLocationId,
        note: text(document.note),
        allowNegative: document.allowNegative,
        lines: lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
      };
    case 'receipt':
      return {
        kind: document.kind,
        id: document.id,
        locationId: document.locationId,
        supplierReference: text(document.supplierReference),
        note: text(document.note),
        lines: [...document.lines]
          .sort((a, b) => (a.variantId < b.variantId ? -1 : 1))
          .map((line) => ({
            variantId: line.variantId,
            quantity: line.quantity,
            unitCost: line.unitCost ?? null,
          })),
      };
  }
}

/** At or under its threshold; a level without a threshold is never low. */
export function isLowStock(quantity: number, threshold: number | null): boolean {
  return threshold !== null && quantity <= threshold;
}
