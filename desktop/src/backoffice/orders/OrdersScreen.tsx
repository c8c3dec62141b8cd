import { useState } from 'react';
import { useOfficeStore } from '../reports/use-office-store.js';
import { OrderDetailView } from './OrderDetail.js';
import { OrderList } from './OrderList.js';

const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The back office's orders: the list, and one order in full with its refunds. The list stays mounted
 * while an order is open, so going back finds the same filters and pages.
 */
export function OrdersScreen() {
  const store = useOfficeStore();
  const [openId, setOpenId] = useState<string | null>(null);
  // Across every store (an admin's "all stores"), days are this computer's.
  const timeZone = store?.timezone ?? ownZone;
  return (
    <>
      <div hidden={openId !== null}>
        <OrderList timeZone={timeZone} onOpen={setOpenId} />
      </div>
      {openId !== null && <OrderDetailView orderId={openId} onBack={() => setOpenId(null)} />}
    </>
  );
}
