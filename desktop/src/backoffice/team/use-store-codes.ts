import { useOffice } from '../office-context.js';
import { useReloadable } from './use-reloadable.js';

/**
 * The code of each store the caller works on, to say where a person or a till belongs when an admin looks
 * at every store at once; null while no single store is in view is when it matters.
 */
export function useStoreCodes(): ReadonlyMap<string, string> | null {
  const { session, storeId } = useOffice();
  const { data } = useReloadable(
    async () => (storeId === null ? await session.api.stores.list.query() : []),
    [session, storeId],
  );
  if (storeId !== null || !data) return null;
  return new Map(data.map((store) => [store.id, store.code]));
}
