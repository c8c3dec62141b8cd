/**
 * Keeps a CatalogIndex equal to the local database's products and variants: filled once when the till
 * opens, then changed by every write the replication makes. Changes are listened to before the fill is
 * read, and those that arrive meanwhile are applied after it, so none is lost or undone by the fill.
 */

import type { RxChangeEvent } from 'rxdb';
import { auditTime, type Observable, Subject, type Subscription } from 'rxjs';
import type { LocalDatabase } from '../data/local-database.js';
import type { LocalDocuments } from '../data/local-documents.js';
import type { CatalogIndex, IndexedProduct, IndexedVariant } from './catalog-index.js';

export interface CatalogFeed {
  /** Resolves when the index holds everything stored locally. */
  ready: Promise<void>;
  /**
   * Emits after changes reached the index, at most every CHANGE_NOTICE_MS: a first sync writes thousands of
   * documents a second, and the screen needs to redraw once for them, not once each.
   */
  changed$: Observable<void>;
  stop(): void;
}

const toProduct = (document: LocalDocuments['products']): IndexedProduct => ({
  id: document.id,
  name: document.name,
  brand: document.brand,
  categoryId: document.categoryId,
  vatRate: document.vatRate,
  active: document.status === 'active',
  images: document.images,
});

const toVariant = (document: LocalDocuments['variants']): IndexedVariant => ({
  id: document.id,
  productId: document.productId,
  sku: document.sku,
  barcode: document.barcode,
  size: document.size,
  colour: document.colour,
  price: document.price,
  currency: document.currency,
  position: document.position,
  active: document.active,
});

const CHANGE_NOTICE_MS = 100;

export function feedCatalogIndex(db: LocalDatabase, index: CatalogIndex): CatalogFeed {
  const changed$ = new Subject<void>();
  let filled = false;
  const queued: (() => void)[] = [];
  const apply = (change: () => void) => {
    if (!filled) {
      queued.push(change);
      return;
    }
    change();
    changed$.next();
  };
  const onProduct = (event: RxChangeEvent<LocalDocuments['products']>) =>
    apply(() =>
      event.operation === 'DELETE'
        ? index.removeProducts([event.documentId])
        : index.putProducts([toProduct(event.documentData)]),
    );
  const onVariant = (event: RxChangeEvent<LocalDocuments['variants']>) =>
    apply(() =>
      event.operation === 'DELETE'
        ? index.removeVariants([event.documentId])
        : index.putVariants([toVariant(event.documentData)]),
    );
  const subscriptions: Subscription[] = [
    db.products.$.subscribe(onProduct),
    db.variants.$.subscribe(onVariant),
  ];
  const ready = (async () => {
    const [products, variants] = await Promise.all([db.products.find().exec(), db.variants.find().exec()]);
    index.putProducts(products.map((product) => toProduct(product.toMutableJSON())));
    index.putVariants(variants.map((variant) => toVariant(variant.toMutableJSON())));
    filled = true;
    for (const change of queued.splice(0)) change();
    changed$.next();
  })();
  return {
    ready,
    changed$: changed$.pipe(auditTime(CHANGE_NOTICE_MS)),
    stop: () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
      changed$.complete();
    },
  };
}
