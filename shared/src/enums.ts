/**
 * The closed vocabularies shared by the database, the API, the terminal and the web shop. The database
 * enums use exactly these lower_snake_case strings, so a value never needs translating between layers.
 * Each comes as the array (for Prisma seeds, pick lists and exhaustive tests), the zod schema and the type.
 */
import { z } from 'zod';

export const channels = ['pos', 'web'] as const;
export const channel = z.enum(channels);
export type Channel = z.infer<typeof channel>;

export const orderStatuses = [
  'pending',
  'confirmed',
  'paid',
  'fulfilled',
  'completed',
  'cancelled',
  'payment_failed',
  'voided',
  'refunded',
  'partially_refunded',
] as const;
export const orderStatus = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof orderStatus>;

export const paymentStatuses = [
  'pending',
  'authorized',
  'paid',
  'failed',
  'refunded',
  'partially_refunded',
] as const;
export const paymentStatus = z.enum(paymentStatuses);
export type PaymentStatus = z.infer<typeof paymentStatus>;

export const paymentMethods = ['cash', 'card', 'mobile_money'] as const;
export const paymentMethod = z.enum(paymentMethods);
export type PaymentMethod = z.infer<typeof paymentMethod>;

export const roles = ['admin', 'manager', 'cashier', 'customer'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const stockMovementKinds = [
  'sale',
  'return',
  'adjustment',
  'transfer_in',
  'transfer_out',
  'receipt',
  'reservation',
  'reservation_release',
] as const;
export const stockMovementKind = z.enum(stockMovementKinds);
export type StockMovementKind = z.infer<typeof stockMovementKind>;

/** Why stock was adjusted by hand; `stocktake` is a count that replaced the expected quantity. */
export const stockAdjustmentReasons = ['stocktake', 'damaged', 'lost', 'found', 'correction'] as const;
export const stockAdjustmentReason = z.enum(stockAdjustmentReasons);
export type StockAdjustmentReason = z.infer<typeof stockAdjustmentReason>;

export const productStatuses = ['draft', 'active', 'archived'] as const;
export const productStatus = z.enum(productStatuses);
export type ProductStatus = z.infer<typeof productStatus>;

/** UI and receipt languages; formatting uses the regional locale (fr-FR, en-GB) derived from it. */
export const locales = ['fr', 'en'] as const;
export const locale = z.enum(locales);
export type Locale = z.infer<typeof locale>;
