import type { Random } from '@allure/shared/random';
import type { ProductRow, VariantRow } from './catalog.js';
import { idSequence, seedEpoch } from './seed-ids.js';
import type { LocationRow } from './store.js';

export interface MovementRow {
  id: string;
  variantId: string;
  locationId: string;
  quantity: number;
  kind: 'receipt' | 'transfer_in' | 'transfer_out' | 'adjustment';
  reason: string | null;
  userId: string;
  createdAt: Date;
}

/** A level row before any movement: the ledger's projection trigger fills in its quantity. */
export interface LevelRow {
  variantId: string;
  locationId: string;
  lowStockThreshold: number | null;
}

export interface Stock {
  movements: MovementRow[];
  levels: LevelRow[];
}

const day = 24 * 60 * 60_000;

/**
 * Opening stock as the ledger would record it: receipts into the warehouse and the store, some
 * transfers to the shop floor and the web location, a few damaged-goods adjustments. Levels are created
 * empty, one per (variant, location) the ledger touches; the database adds the movements to them.
 */
export function buildStock(
  random: Random,
  products: readonly ProductRow[],
  variants: readonly VariantRow[],
  locations: { store: LocationRow; warehouse: LocationRow; web: LocationRow },
  userId: string,
): Stock {
  const stocked = new Set(products.filter((product) => product.status === 'active').map((p) => p.id));
  const nextId = idSequence('movement');
  const movements: MovementRow[] = [];
  const move = (
    variantId: string,
    location: LocationRow,
    quantity: number,
    kind: MovementRow['kind'],
    reason: string | null,
    dayOffset: number,
  ) => {
    movements.push({
      id: nextId(),
      variantId,
      locationId: location.id,
      quantity,
      kind,
      reason,
      userId,
      createdAt: new Date(seedEpoch.getTime() + dayOffset * day + movements.length * 1000),
    });
  };

  for (const variant of variants) {
    if (!stocked.has(variant.productId)) continue;
    let warehouse = random.int(0, 30);
    let store = random.int(0, 10);
    if (warehouse > 0) move(variant.id, locations.warehouse, warehouse, 'receipt', 'Stock initial', 0);
    if (store > 0) move(variant.id, locations.store, store, 'receipt', 'Stock initial', 0);
    if (warehouse >= 4 && random.chance(0.2)) {
      const quantity = random.int(1, 3);
      move(variant.id, locations.warehouse, -quantity, 'transfer_out', 'Réassort boutique', 2);
      move(variant.id, locations.store, quantity, 'transfer_in', 'Réassort boutique', 2);
      warehouse -= quantity;
      store += quantity;
    }
    if (warehouse >= 2 && random.chance(0.3)) {
      const quantity = random.int(1, Math.min(5, warehouse));
      move(variant.id, locations.warehouse, -quantity, 'transfer_out', 'Allocation boutique en ligne', 3);
      move(variant.id, locations.web, quantity, 'transfer_in', 'Allocation boutique en ligne', 3);
      warehouse -= quantity;
    }
    if (store > 0 && random.chance(0.03)) {
      move(variant.id, locations.store, -1, 'adjustment', 'Article endommagé', 5);
    }
  }

  const levels = new Map<string, LevelRow>();
  for (const movement of movements) {
    levels.set(`${movement.variantId}/${movement.locationId}`, {
      variantId: movement.variantId,
      locationId: movement.locationId,
      lowStockThreshold: movement.locationId === locations.store.id ? 2 : null,
    });
  }
  return { movements, levels: [...levels.values()] };
}
