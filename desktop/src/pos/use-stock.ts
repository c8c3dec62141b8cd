import { stockDocumentId } from '@allure/shared/sync.schema';
import { useEffect, useState } from 'react';
import { useTill } from './till-context.js';

/** On-hand units at the till's selling location for each variant, live; absent when not known. */
export function useStock(variantIds: readonly string[]): ReadonlyMap<string, number> {
  const { till, profile } = useTill();
  const locationId = profile.profile.store.sellingLocationId;
  const key = variantIds.join(',');
  const [levels, setLevels] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    if (!locationId || key === '') return setLevels(new Map());
    const ids = key.split(',').map((variantId) => stockDocumentId(variantId, locationId));
    const subscription = till.db.stock.findByIds(ids).$.subscribe((found) => {
      setLevels(new Map([...found.values()].map((level) => [level.variantId, level.quantity])));
    });
    return () => subscription.unsubscribe();
  }, [till, locationId, key]);
  return levels;
}
