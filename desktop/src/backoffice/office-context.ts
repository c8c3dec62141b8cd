import { createContext, useContext } from 'react';
import type { ManagerSession } from './manager-session.js';

export interface Office {
  session: ManagerSession;
  /**
   * The store the screens work on: a manager's own; the one an admin picked, or null while an admin has not
   * picked one (procedures then answer for every store, or ask for one).
   */
  storeId: string | null;
}

export const OfficeContext = createContext<Office | null>(null);

/** The signed-in back office; every back-office screen is rendered inside it. */
export function useOffice(): Office {
  const office = useContext(OfficeContext);
  if (!office) throw new Error('useOffice outside the back office');
  return office;
}
