import type { DMMF } from '@prisma/client/runtime/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client.js';
import { loadDatamodel } from './prisma-dmmf.js';
import {
  type DatabaseShape,
  type SchemaShape,
  shapeFromDatabase,
  shapeFromDatamodel,
} from './schema-shape.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

// The migrations are written by hand (no schema engine here): this proves they build exactly the
// database schema.prisma describes, column by column, index by index, foreign key by foreign key.

/** Columns Prisma declares as Unsupported(…): absent from the DMMF, so listed here with their definition. */
const unsupportedColumns = ['change_log.txid xid8 NOT NULL DEFAULT', 'product.search_vector tsvector'];

/** Indexes on those columns, written by hand for the same reason. */
const unsupportedIndexes = [
  'change_log.change_log_pull_idx INDEX (collection, store_id, txid, seq)',
  'product.product_search_vector_idx INDEX (search_vector)',
];

/** Indexes only the hand-written part of the migration can create (partial or on an expression). */
const handWrittenIndexes = [
  'customer.customer_email_lower_idx INDEX (<expression>)',
  'dead_letter.dead_letter_open_idx INDEX (created_at)',
  'order.order_number_prefix_idx INDEX (<expression>)',
  'order.order_web_pending_idx INDEX (created_at)',
  'order_discrepancy.order_discrepancy_open_idx INDEX (created_at)',
  'oversell_alert.oversell_alert_open_idx INDEX (created_at)',
  'oversell_alert.oversell_alert_open_key UNIQUE (variant_id, location_id)',
  'oversell_alert.oversell_alert_resolved_idx INDEX (resolved_at DESC, id DESC)',
  'quarantined_document.quarantined_document_open_idx INDEX (created_at)',
  'shift.shift_terminal_id_open_key UNIQUE (terminal_id)',
  'stock_level.stock_level_low_quantity_idx INDEX (quantity, variant_id, location_id)',
  'stock_level.stock_level_low_recent_idx INDEX (low_since, variant_id, location_id)',
];

describe('migrations match schema.prisma', () => {
  let db: TestDatabase;
  let datamodel: DMMF.Datamodel;
  let expected: SchemaShape;
  let actual: DatabaseShape;

  beforeAll(async () => {
    [db, datamodel] = await Promise.all([createTestDatabase('drift'), loadDatamodel()]);
    expected = shapeFromDatamodel(datamodel);
    actual = await shapeFromDatabase(db.pool);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reads the same models as the generated client', () => {
    expect(datamodel.models.map((model) => model.name).sort()).toEqual(
      Object.values(Prisma.ModelName).sort(),
    );
  });

  it('creates a table for every model and no other', () => {
    expect(actual.tables).toEqual(expected.tables);
  });

  it('creates every scalar field as a column of the declared type, nullability and default', () => {
    const declared = actual.columns.filter((line) => !unsupportedColumns.includes(line));
    expect(declared).toEqual(expected.columns);
    expect(actual.columns).toEqual(expect.arrayContaining(unsupportedColumns));
  });

  it('creates every enum with its values in order', () => {
    expect(actual.enums).toEqual(expected.enums);
  });

  it('creates every @id, @unique, @@unique and @@index under Prisma’s name', () => {
    const declared = actual.indexes.filter((line) => !unsupportedIndexes.includes(line));
    expect(declared).toEqual(expected.indexes);
    expect(actual.indexes).toEqual(expect.arrayContaining(unsupportedIndexes));
  });

  it('adds only the documented partial and expression indexes', () => {
    expect(actual.specialIndexes).toEqual(handWrittenIndexes);
  });

  it('creates every relation as a foreign key with its referential actions', () => {
    expect(actual.foreignKeys).toEqual(expected.foreignKeys);
  });

  it('has the order indexes the back office and sync rely on', () => {
    expect(actual.indexes).toEqual(
      expect.arrayContaining([
        'order.order_status_payment_status_idx INDEX (status, payment_status)',
        'order.order_placed_at_id_idx INDEX (placed_at DESC, id DESC)',
        'order.order_store_id_placed_at_id_idx INDEX (store_id, placed_at DESC, id DESC)',
        'order.order_store_id_status_placed_at_id_idx INDEX (store_id, status, placed_at DESC, id DESC)',
        'order.order_status_placed_at_id_idx INDEX (status, placed_at DESC, id DESC)',
        'order.order_channel_placed_at_id_idx INDEX (channel, placed_at DESC, id DESC)',
        'order.order_customer_id_placed_at_id_idx INDEX (customer_id, placed_at DESC, id DESC)',
      ]),
    );
  });
});
