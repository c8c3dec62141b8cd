import type { ComponentType } from 'react';
import { CatalogScreen } from './catalog/CatalogScreen.js';
import { Dashboard } from './Dashboard.js';
import { InventoryScreen } from './inventory/InventoryScreen.js';
import { OrdersScreen } from './orders/OrdersScreen.js';
import { ReportsScreen } from './reports/ReportsScreen.js';
import { SyncScreen } from './sync/SyncScreen.js';
import { TeamScreen } from './team/TeamScreen.js';

/** The back office's screens, in the order of its navigation; `title` is a message key. */
export interface Section {
  id: string;
  title: string;
  Screen: ComponentType;
}

export const sections: readonly Section[] = [
  { id: 'dashboard', title: 'office.dashboard', Screen: Dashboard },
  { id: 'orders', title: 'orders.title', Screen: OrdersScreen },
  { id: 'reports', title: 'reports.title', Screen: ReportsScreen },
  { id: 'catalog', title: 'catalog.title', Screen: CatalogScreen },
  { id: 'inventory', title: 'inventory.title', Screen: InventoryScreen },
  { id: 'team', title: 'team.title', Screen: TeamScreen },
  { id: 'sync', title: 'syncIssues.title', Screen: SyncScreen },
];
