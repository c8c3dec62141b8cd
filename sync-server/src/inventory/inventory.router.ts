import { byIdInput } from '@allure/shared/common.schema';
import {
  listLowStockInput,
  listOversellAlertsInput,
  listStockDocumentsInput,
  listStockLevelsInput,
  listStockMovementsInput,
  resolveOversellAlertInput,
  setLocationThresholdInput,
  setLowStockThresholdInput,
  stockAdjustmentInput,
  stockReceiptInput,
  stockTransferInput,
} from '@allure/shared/inventory.schema';
import { allow, router } from '../trpc/trpc.js';
import { listLocations } from './location-access.js';
import { listOversellAlerts, resolveOversellAlert } from './oversell-alerts.service.js';
import { getStockDocument, listStockDocuments } from './stock-document-history.service.js';
import { recordAdjustment, recordReceipt, recordTransfer } from './stock-documents.service.js';
import {
  listLowStock,
  listStockLevels,
  setLocationThreshold,
  setLowStockThreshold,
} from './stock-levels.service.js';
import { listStockMovements } from './stock-movements.service.js';

// Back-office inventory: managers on their store's locations, admins everywhere (see location-access.ts).
// Every change goes through the stock ledger; documents answer a replay of their id with the first result.
const staff = allow('admin', 'manager');

export const inventoryRouter = router({
  locations: router({
    list: staff.query(({ ctx }) => listLocations(ctx, ctx.principal)),
  }),

  /** Stock documents: recorded in full or not at all (`insufficient_stock` says which lines fall short). */
  adjust: staff
    .input(stockAdjustmentInput)
    .mutation(({ ctx, input }) => recordAdjustment(ctx, ctx.principal, input)),
  transfer: staff
    .input(stockTransferInput)
    .mutation(({ ctx, input }) => recordTransfer(ctx, ctx.principal, input)),
  receive: staff
    .input(stockReceiptInput)
    .mutation(({ ctx, input }) => recordReceipt(ctx, ctx.principal, input)),
  documents: router({
    list: staff
      .input(listStockDocumentsInput)
      .query(({ ctx, input }) => listStockDocuments(ctx, ctx.principal, input)),
    get: staff.input(byIdInput).query(({ ctx, input }) => getStockDocument(ctx, ctx.principal, input.id)),
  }),

  levels: router({
    list: staff
      .input(listStockLevelsInput)
      .query(({ ctx, input }) => listStockLevels(ctx, ctx.principal, input)),
    setThreshold: staff
      .input(setLowStockThresholdInput)
      .mutation(({ ctx, input }) => setLowStockThreshold(ctx, ctx.principal, input)),
    setLocationThreshold: staff
      .input(setLocationThresholdInput)
      .mutation(({ ctx, input }) => setLocationThreshold(ctx, ctx.principal, input)),
  }),
  lowStock: router({
    list: staff.input(listLowStockInput).query(({ ctx, input }) => listLowStock(ctx, ctx.principal, input)),
  }),
  movements: router({
    list: staff
      .input(listStockMovementsInput)
      .query(({ ctx, input }) => listStockMovements(ctx, ctx.principal, input)),
  }),
  oversellAlerts: router({
    list: staff
      .input(listOversellAlertsInput)
      .query(({ ctx, input }) => listOversellAlerts(ctx, ctx.principal, input)),
    resolve: staff
      .input(resolveOversellAlertInput)
      .mutation(({ ctx, input }) => resolveOversellAlert(ctx, ctx.principal, input)),
  }),
});
