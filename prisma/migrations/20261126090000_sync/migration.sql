-- CreateEnum
CREATE TYPE "discrepancy_kind" AS ENUM ('price', 'total', 'approval');

-- AlterTable
ALTER TABLE "order" ADD COLUMN     "cart_discount" JSONB,
ADD COLUMN     "source_hash" CHAR(64);

-- AlterTable
ALTER TABLE "order_line" ADD COLUMN     "catalog_unit_price" INTEGER,
ADD COLUMN     "line_discount" JSONB;

-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "change_log" ALTER COLUMN "document_id" SET DATA TYPE VARCHAR(73),
ADD COLUMN     "tombstone" JSONB;

-- DropIndex
DROP INDEX "change_log_collection_seq_idx";

-- DropIndex
DROP INDEX "change_log_store_id_collection_seq_idx";

-- CreateTable
CREATE TABLE "price_history" (
    "id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "price_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_discrepancy" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "kind" "discrepancy_kind" NOT NULL,
    "order_line_id" UUID,
    "variant_id" UUID,
    "expected" INTEGER,
    "actual" INTEGER,
    "detail" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "order_discrepancy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "price_history_variant_id_valid_from_idx" ON "price_history"("variant_id", "valid_from");

-- CreateIndex
CREATE INDEX "order_discrepancy_order_id_idx" ON "order_discrepancy"("order_id");

-- CreateIndex
CREATE INDEX "order_discrepancy_order_line_id_idx" ON "order_discrepancy"("order_line_id");

-- CreateIndex
CREATE INDEX "order_discrepancy_variant_id_idx" ON "order_discrepancy"("variant_id");

-- AddForeignKey
ALTER TABLE "price_history" ADD CONSTRAINT "price_history_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_discrepancy" ADD CONSTRAINT "order_discrepancy_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_discrepancy" ADD CONSTRAINT "order_discrepancy_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "order_line"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_discrepancy" ADD CONSTRAINT "order_discrepancy_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Not expressible in the Prisma schema (written by hand).

CREATE INDEX "order_discrepancy_open_idx" ON "order_discrepancy"("created_at") WHERE "resolved_at" IS NULL;

-- One open oversell alert per variant and location: later oversold sales join it.
CREATE UNIQUE INDEX "oversell_alert_open_key" ON "oversell_alert"("variant_id", "location_id") WHERE "resolved_at" IS NULL;

-- Pulls read one collection of one scope (store_id NULL for the catalog) in (txid, seq) order.
CREATE INDEX "change_log_pull_idx" ON "change_log"("collection", "store_id", "txid", "seq");

-- ---------------------------------------------------------------------------------------------------
-- Change capture. Every write to a replicated table appends to change_log in the same transaction, so no
-- code path (service, seed, psql session) can change a document without terminals hearing of it.
-- Statement-level triggers with transition tables: a bulk insert of 50,000 variants is one INSERT … SELECT.
-- PostgreSQL allows one event per trigger with transition tables, hence three triggers per table.

CREATE FUNCTION "change_log_capture"() RETURNS trigger LANGUAGE plpgsql AS $$
-- TG_ARGV[0]: the collection; the document id and store scope depend on the table.
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "change_log" ("collection", "document_id", "store_id", "deleted", "tombstone")
    SELECT TG_ARGV[0], d."document_id", d."store_id", true, d."row"
    FROM "change_log_documents"(TG_TABLE_NAME, (SELECT jsonb_agg(to_jsonb(o)) FROM "old_rows" o)) d;
  ELSE
    INSERT INTO "change_log" ("collection", "document_id", "store_id")
    SELECT TG_ARGV[0], d."document_id", d."store_id"
    FROM "change_log_documents"(TG_TABLE_NAME, (SELECT jsonb_agg(to_jsonb(n)) FROM "new_rows" n)) d
    ORDER BY d."document_id";
  END IF;
  RETURN NULL;
END;
$$;

-- Document id and store scope of changed rows (as jsonb), per replicated table.
CREATE FUNCTION "change_log_documents"("table_name" text, "rows" jsonb)
RETURNS TABLE ("document_id" varchar, "store_id" uuid, "row" jsonb) LANGUAGE sql STABLE AS $$
  SELECT
    CASE "table_name"
      WHEN 'stock_level' THEN (r->>'variant_id') || ':' || (r->>'location_id')
      ELSE r->>'id'
    END,
    CASE "table_name"
      WHEN 'stock_level' THEN (SELECT l."store_id" FROM "stock_location" l WHERE l."id" = (r->>'location_id')::uuid)
      WHEN 'customer' THEN (r->>'store_id')::uuid
      WHEN 'order' THEN (r->>'store_id')::uuid
      WHEN 'shift' THEN (r->>'store_id')::uuid
      ELSE NULL
    END,
    r
  FROM jsonb_array_elements(coalesce("rows", '[]'::jsonb)) r
  -- Web orders are not a till's business.
  WHERE "table_name" <> 'order' OR r->>'channel' = 'pos'
$$;

CREATE TRIGGER "category_change_log_insert" AFTER INSERT ON "category" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('categories');
CREATE TRIGGER "category_change_log_update" AFTER UPDATE ON "category" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('categories');
CREATE TRIGGER "category_change_log_delete" AFTER DELETE ON "category" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('categories');

CREATE TRIGGER "product_change_log_insert" AFTER INSERT ON "product" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('products');
CREATE TRIGGER "product_change_log_update" AFTER UPDATE ON "product" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('products');
CREATE TRIGGER "product_change_log_delete" AFTER DELETE ON "product" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('products');

CREATE TRIGGER "variant_change_log_insert" AFTER INSERT ON "variant" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('variants');
CREATE TRIGGER "variant_change_log_update" AFTER UPDATE ON "variant" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('variants');
CREATE TRIGGER "variant_change_log_delete" AFTER DELETE ON "variant" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('variants');

CREATE TRIGGER "stock_level_change_log_insert" AFTER INSERT ON "stock_level" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('stock');
CREATE TRIGGER "stock_level_change_log_update" AFTER UPDATE ON "stock_level" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('stock');
CREATE TRIGGER "stock_level_change_log_delete" AFTER DELETE ON "stock_level" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('stock');

CREATE TRIGGER "customer_change_log_insert" AFTER INSERT ON "customer" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('customers');
CREATE TRIGGER "customer_change_log_update" AFTER UPDATE ON "customer" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('customers');
CREATE TRIGGER "customer_change_log_delete" AFTER DELETE ON "customer" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('customers');

CREATE TRIGGER "order_change_log_insert" AFTER INSERT ON "order" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('orders');
CREATE TRIGGER "order_change_log_update" AFTER UPDATE ON "order" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('orders');
CREATE TRIGGER "order_change_log_delete" AFTER DELETE ON "order" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('orders');

CREATE TRIGGER "shift_change_log_insert" AFTER INSERT ON "shift" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('shifts');
CREATE TRIGGER "shift_change_log_update" AFTER UPDATE ON "shift" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('shifts');
CREATE TRIGGER "shift_change_log_delete" AFTER DELETE ON "shift" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "change_log_capture"('shifts');

-- ---------------------------------------------------------------------------------------------------
-- Stock levels are the projection of the ledger, maintained here and only here: inserting movements
-- adds them to their levels in the same transaction (rows locked in key order, so concurrent sales of
-- overlapping variants in one statement cannot deadlock; a push batch also locks its levels up front), and
-- nothing else may change a level's quantity.

CREATE FUNCTION "stock_level_project"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "stock_level" ("variant_id", "location_id", "quantity", "updated_at")
  SELECT m."variant_id", m."location_id", sum(m."quantity")::int, now()
  FROM "new_rows" m
  GROUP BY m."variant_id", m."location_id"
  ORDER BY m."variant_id", m."location_id"
  ON CONFLICT ("variant_id", "location_id") DO UPDATE
    SET "quantity" = "stock_level"."quantity" + EXCLUDED."quantity", "updated_at" = EXCLUDED."updated_at";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "stock_movement_project"
  AFTER INSERT ON "stock_movement" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "stock_level_project"();

CREATE FUNCTION "stock_level_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Depth 1 is a statement on stock_level itself; the projection above runs at depth 2.
  IF pg_trigger_depth() < 2 AND (
    (TG_OP = 'INSERT' AND NEW."quantity" <> 0) OR
    (TG_OP = 'UPDATE' AND NEW."quantity" IS DISTINCT FROM OLD."quantity")
  ) THEN
    RAISE EXCEPTION 'stock_level.quantity is the sum of the ledger: insert stock movements instead';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "stock_level_guard"
  BEFORE INSERT OR UPDATE ON "stock_level"
  FOR EACH ROW EXECUTE FUNCTION "stock_level_guard"();

-- ---------------------------------------------------------------------------------------------------
-- Price history: every price a variant has had, so offline sales are compared with the price of their
-- moment. Rows for the current prices are backfilled as valid since the variant was created.

CREATE FUNCTION "price_history_record"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "price_history" ("id", "variant_id", "price", "currency", "valid_from")
    SELECT gen_random_uuid(), n."id", n."price", n."currency", n."created_at" FROM "new_rows" n;
  ELSE
    INSERT INTO "price_history" ("id", "variant_id", "price", "currency", "valid_from")
    SELECT gen_random_uuid(), n."id", n."price", n."currency", now()
    FROM "new_rows" n JOIN "old_rows" o ON o."id" = n."id"
    WHERE (n."price", n."currency") IS DISTINCT FROM (o."price", o."currency");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "variant_price_history_insert" AFTER INSERT ON "variant" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "price_history_record"();
CREATE TRIGGER "variant_price_history_update" AFTER UPDATE ON "variant" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "price_history_record"();

INSERT INTO "price_history" ("id", "variant_id", "price", "currency", "valid_from")
SELECT gen_random_uuid(), v."id", v."price", v."currency", v."created_at" FROM "variant" v;

-- Existing rows of replicated tables enter the change log once, so terminals pull them.
INSERT INTO "change_log" ("collection", "document_id", "store_id") SELECT 'categories', "id"::text, NULL FROM "category" ORDER BY "id";
INSERT INTO "change_log" ("collection", "document_id", "store_id") SELECT 'products', "id"::text, NULL FROM "product" ORDER BY "id";
INSERT INTO "change_log" ("collection", "document_id", "store_id") SELECT 'variants', "id"::text, NULL FROM "variant" ORDER BY "id";
INSERT INTO "change_log" ("collection", "document_id", "store_id")
  SELECT 'stock', s."variant_id"::text || ':' || s."location_id"::text, l."store_id"
  FROM "stock_level" s JOIN "stock_location" l ON l."id" = s."location_id" WHERE l."store_id" IS NOT NULL;
INSERT INTO "change_log" ("collection", "document_id", "store_id") SELECT 'customers', "id"::text, "store_id" FROM "customer" WHERE "store_id" IS NOT NULL;
INSERT INTO "change_log" ("collection", "document_id", "store_id") SELECT 'shifts', "id"::text, "store_id" FROM "shift";
INSERT INTO "change_log" ("collection", "document_id", "store_id") SELECT 'orders', "id"::text, "store_id" FROM "order" WHERE "channel" = 'pos';
