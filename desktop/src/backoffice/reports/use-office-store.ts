import { useEffect, useState } from 'react';
import type { ManagerSession } from '../manager-session.js';
import { useOffice } from '../office-context.js';

export type OfficeStore = Awaited<ReturnType<ManagerSession['api']['stores']['list']['query']>>[number];

/**
 * The store the back office works on, with its currency and time zone; null while loading, and for an
 * admin who has not picked one.
 */
export function useOfficeStore(): OfficeStore | null {
  const { session, storeId } = useOffice();
  const [stores, setStores] = useState<OfficeStore[]>([]);
  useEffect(() => {
    let current = true;
    void session.api.stores.list.query().then(
      (found) => current && setStores(found),
      () => current && setStores([]),
    );
    return () => {
      current = false;
    };
  }, [session]);
  return stores.find((store) => store.id === storeId) ?? null;
}
