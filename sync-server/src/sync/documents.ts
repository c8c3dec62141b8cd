import type { Approval } from '@allure/shared/approval';
import type { Currency } from '@allure/shared/currency';
import type { Discount } from '@allure/shared/discount';
import type { OrderStatus, ProductStatus } from '@allure/shared/enums';
import type { ProductImage, Rendition } from '@allure/shared/product-image';
import type { ShiftStatus } from '@allure/shared/shift.schema';
import {
  type CategoryDocument,
  type CustomerDocument,
  type OrderDocument,
  type ProductDocument,
  type ShiftDocument,
  type StockDocument,
  type SyncCollection,
  type SyncDocuments,
  stockDocumentId,
  type VariantDocument,
} from '@allure/shared/sync.schema';
import type { Payment } from '@allure/shared/tender';
import type pg from 'pg';

// Replicated documents are built from rows as PostgreSQL's to_jsonb renders them (snake_case keys,
// timestamps as text), because that is also the form of the tombstones the change-log triggers keep: one
// mapper per collection serves live rows and deleted ones alike.

type Row = Record<string, unknown>;
type Mapper<C extends SyncCollection> = (row: Row, deleted: boolean) => SyncDocuments[C];

const text = (value: unknown): string => String(value);
const nullableText = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
const integer = (value: unknown): number => Number(value);
const nullableInteger = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
/** to_jsonb renders timestamptz as `2026-11-25 09:50:01.123+00` or ISO with an offset: normalise to UTC ISO. */
const timestamp = (value: unknown): string => new Date(String(value)).toISOString();
const nullableTimestamp = (value: unknown): string | null =>
  value === null || value === undefined ? null : timestamp(value);
/** Optional document fields are left out rather than set to undefined (JSON has no undefined). */
function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const category: Mapper<'categories'> = (row, deleted): CategoryDocument => ({
  id: text(row.id),
  parentId: nullableText(row.parent_id),
  slug: text(row.slug),
  name: text(row.name),
  position: integer(row.position),
  updatedAt: timestamp(row.updated_at),
  _deleted: deleted,
});

const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

/** A ready image as the products loader renders it (a tombstone has none). */
const image = (row: Row): ProductImage => ({
  id: text(row.id),
  variantId: nullableText(row.variant_id),
  position: integer(row.position),
  width: integer(row.width),
  height: integer(row.height),
  placeholder: text(row.placeholder),
  renditions: rows(row.renditions) as unknown as Rendition[],
});

const product: Mapper<'products'> = (row, deleted): ProductDocument => ({
  id: text(row.id),
  slug: text(row.slug),
  name: text(row.name),
  description: text(row.description),
  categoryId: text(row.category_id),
  brand: nullableText(row.brand),
  vatRate: integer(row.vat_rate),
  status: text(row.status) as ProductStatus,
  images: rows(row.images).map(image),
  updatedAt: timestamp(row.updated_at),
  _deleted: deleted,
});

const variant: Mapper<'variants'> = (row, deleted): VariantDocument => ({
  id: text(row.id),
  productId: text(row.product_id),
  sku: text(row.sku),
  barcode: nullableText(row.barcode),
  size: text(row.size),
  colour: text(row.colour),
  price: integer(row.price),
  currency: text(row.currency) as Currency,
  position: integer(row.position),
  active: row.active === true,
  updatedAt: timestamp(row.updated_at),
  _deleted: deleted,
});

const stock: Mapper<'stock'> = (row, deleted): StockDocument => ({
  id: stockDocumentId(text(row.variant_id), text(row.location_id)),
  variantId: text(row.variant_id),
  locationId: text(row.location_id),
  quantity: integer(row.quantity),
  reserved: integer(row.reserved),
  lowStockThreshold: nullableInteger(row.low_stock_threshold),
  updatedAt: timestamp(row.updated_at),
  _deleted: deleted,
});

const customer: Mapper<'customers'> = (row, deleted): CustomerDocument => ({
  id: text(row.id),
  name: text(row.name),
  email: nullableText(row.email),
  phone: nullableText(row.phone),
  storeId: nullableText(row.store_id),
  updatedAt: timestamp(row.updated_at),
  _deleted: deleted,
});

const shift: Mapper<'shifts'> = (row, deleted): ShiftDocument => ({
  id: text(row.id),
  storeId: text(row.store_id),
  terminalId: text(row.terminal_id),
  openedById: text(row.opened_by_id),
  openedAt: timestamp(row.opened_at),
  openingFloat: integer(row.opening_float),
  status: text(row.status) as ShiftStatus,
  closedById: nullableText(row.closed_by_id),
  closedAt: nullableTimestamp(row.closed_at),
  countedCash: nullableInteger(row.counted_cash),
  expectedCash: nullableInteger(row.expected_cash),
  updatedAt: timestamp(row.updated_at),
  _deleted: deleted,
});

function payment(row: Row): Payment {
  const method = text(row.method);
  const amount = integer(row.amount);
  if (method === 'cash') return { method, amount, tendered: integer(row.tendered ?? row.amount) };
  if (method === 'mobile_money') return { method, amount, reference: text(row.reference) };
  return { method: 'card', amount, ...optional('reference', nullableText(row.reference)) };
}

function approval(row: Row): Approval {
  return {
    action: text(row.action) as Approval['action'],
    approvedById: text(row.approved_by_id),
    approvedAt: timestamp(row.approved_at),
    ...optional('orderLineId', nullableText(row.order_line_id)),
    ...optional('reason', nullableText(row.reason)),
  };
}

/** An order row with `lines`, `payments` and `approvals` attached (see loadDocuments). */
const order: Mapper<'orders'> = (row, deleted): OrderDocument => ({
  id: text(row.id),
  number: text(row.number),
  storeId: text(row.store_id),
  terminalId: text(row.terminal_id),
  cashierId: text(row.cashier_id),
  ...optional('customerId', nullableText(row.customer_id)),
  currency: text(row.currency) as Currency,
  pricesIncludeTax: row.prices_include_tax === true,
  lines: rows(row.lines).map((line) => ({
    id: text(line.id),
    variantId: text(line.variant_id),
    quantity: integer(line.quantity),
    unitPrice: integer(line.unit_price),
    ...optional('catalogUnitPrice', nullableInteger(line.catalog_unit_price)),
    vatRate: integer(line.vat_rate),
    ...optional('lineDiscount', (line.line_discount ?? null) as Discount | null),
  })),
  ...optional('cartDiscount', (row.cart_discount ?? null) as Discount | null),
  payments: rows(row.payments).map(payment),
  approvals: rows(row.approvals).map(approval),
  placedAt: timestamp(row.placed_at),
  total: integer(row.total),
  status: text(row.status) as OrderStatus,
  syncState: 'synced',
  syncError: null,
  updatedAt: timestamp(row.updated_at),
  _deleted: deleted,
});

const mappers: { [C in SyncCollection]: Mapper<C> } = {
  categories: category,
  products: product,
  variants: variant,
  stock,
  customers: customer,
  shifts: shift,
  orders: order,
};

export function toDocument<C extends SyncCollection>(
  collection: C,
  row: Row,
  deleted: boolean,
): SyncDocuments[C] {
  return mappers[collection](row, deleted);
}

/** The current rows of the given documents, as `id → row`, in one statement. */
const loaders: { [C in SyncCollection]: (client: pg.ClientBase | pg.Pool, ids: string[]) => Promise<Row[]> } =
  {
    categories: byId('category'),
    products: async (client, ids) => {
      const result = await client.query<{ row: Row }>(
        `SELECT to_jsonb(p) || jsonb_build_object(
                'images', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                    'id', i.id, 'variant_id', i.variant_id, 'position', i.position,
                                    'width', i.width, 'height', i.height, 'placeholder', i.placeholder,
                                    'renditions', i.renditions) ORDER BY i.position, i.id), '[]')
                             FROM product_image i WHERE i.product_id = p.id AND i.status = 'ready')
              ) AS row
         FROM product p WHERE p.id = ANY($1::uuid[])`,
        [ids],
      );
      return result.rows.map((item) => item.row);
    },
    variants: byId('variant'),
    customers: byId('customer'),
    shifts: byId('shift'),
    stock: async (client, ids) => {
      const keys = ids.map((id) => id.split(':'));
      const result = await client.query<{ row: Row }>(
        `SELECT to_jsonb(s) AS row
         FROM unnest($1::uuid[], $2::uuid[]) AS k(variant_id, location_id)
         JOIN stock_level s ON s.variant_id = k.variant_id AND s.location_id = k.location_id`,
        [keys.map((key) => key[0]), keys.map((key) => key[1])],
      );
      return result.rows.map((item) => item.row);
    },
    orders: async (client, ids) => {
      const result = await client.query<{ row: Row }>(
        `SELECT to_jsonb(o) || jsonb_build_object(
                'lines', (SELECT coalesce(jsonb_agg(to_jsonb(l) ORDER BY l.position), '[]')
                            FROM order_line l WHERE l.order_id = o.id),
                'payments', (SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY p.position, p.id), '[]')
                               FROM payment p WHERE p.order_id = o.id),
                'approvals', (SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.approved_at, a.id), '[]')
                                FROM order_approval a WHERE a.order_id = o.id)
              ) AS row
         FROM "order" o WHERE o.id = ANY($1::uuid[])`,
        [ids],
      );
      return result.rows.map((item) => item.row);
    },
  };

function byId(table: string) {
  return async (client: pg.ClientBase | pg.Pool, ids: string[]) => {
    const result = await client.query<{ row: Row }>(
      `SELECT to_jsonb(t) AS row FROM "${table}" t WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    return result.rows.map((item) => item.row);
  };
}

/** The current documents with these ids (missing ones are simply absent), keyed by document id. */
export async function loadDocuments<C extends SyncCollection>(
  client: pg.ClientBase | pg.Pool,
  collection: C,
  ids: readonly string[],
): Promise<Map<string, SyncDocuments[C]>> {
  const found = new Map<string, SyncDocuments[C]>();
  if (ids.length === 0) return found;
  for (const row of await loaders[collection](client, [...new Set(ids)])) {
    const document = toDocument(collection, row, false);
    found.set(document.id, document);
  }
  return found;
}
