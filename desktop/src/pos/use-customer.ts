import { useMemo } from 'react';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import type { LocalDocuments } from '../data/local-documents.js';
import { useTill } from './till-context.js';

/** The replicated customer `customerId`, kept current; undefined when none or not (yet) on this till. */
export function useCustomer(customerId: string | undefined): LocalDocuments['customers'] | undefined {
  const { till } = useTill();
  // The hook re-subscribes when its query changes identity: keep one per customer.
  const query = useMemo(() => ({ selector: { id: customerId ?? '' } }), [customerId]);
  const { results } = useLiveRxQuery({ collection: till.db.customers, query });
  return customerId ? results[0]?.toJSON() : undefined;
}
