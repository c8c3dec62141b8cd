import type { OrderFilterInput } from '@allure/shared/order-admin.schema';
import { localDate } from '../dashboard-period.js';
import type { ManagerSession } from '../manager-session.js';
import { downloadFile } from '../reports/download.js';
import { exportQuery } from './order-filters.js';

/** Thrown with the export route's HTTP status when it refuses. */
export class ExportRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The filtered orders as the server's CSV (GET /exports/orders.csv), downloaded. The route streams every
 * matching order, so the file is not limited to the pages on screen.
 */
export async function exportOrders(session: ManagerSession, filter: OrderFilterInput): Promise<void> {
  const token = await session.accessToken();
  const response = await fetch(`${session.serverUrl}/exports/orders.csv?${exportQuery(filter)}`, {
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new ExportRefused(response.status, body.message ?? `HTTP ${response.status}`);
  }
  // The server's own name when CORS lets the renderer read it, the same pattern otherwise.
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  downloadFile(await response.blob(), named?.[1] ?? `orders-${localDate(new Date())}.csv`);
}
