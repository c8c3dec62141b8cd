-- CreateEnum
CREATE TYPE "stock_document_kind" AS ENUM ('adjustment', 'transfer', 'receipt');

-- CreateEnum
CREATE TYPE "stock_adjustment_reason" AS ENUM ('stocktake', 'damaged', 'lost', 'found', 'correction');

-- AlterTable
ALTER TABLE "stock_level" ADD COLUMN     "low_since" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "stock_movement" ADD COLUMN     "currency" CHAR(3),
ADD COLUMN     "document_id" UUID,
ADD COLUMN     "unit_cost" INTEGER;

-- AlterTable
ALTER TABLE "oversell_alert" ADD COLUMN     "resolution_note" VARCHAR(500),
ADD COLUMN     "resolved_by_id" UUID;

-- CreateTable
CREATE TABLE "stock_document" (
    "id" UUID NOT NULL,
    "kind" "stock_document_kind" NOT NULL,
    "location_id" UUID NOT NULL,
    "to_location_id" UUID,
    "reason" "stock_adjustment_reason",
    "note" VARCHAR(500),
    "supplier_reference" VARCHAR(64),
    "allow_negative" BOOLEAN NOT NULL DEFAULT false,
    "content_hash" CHAR(64) NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_document_pkey" PRIMARY KEY ("id")
);

-- DropIndex
DROP INDEX "stock_movement_location_id_idx";

-- CreateIndex
CREATE INDEX "stock_movement_document_id_idx" ON "stock_movement"("document_id");

-- CreateIndex
CREATE INDEX "stock_movement_location_id_created_at_id_idx" ON "stock_movement"("location_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "stock_movement_created_at_id_idx" ON "stock_movement"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "stock_document_location_id_created_at_id_idx" ON "stock_document"("location_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "stock_document_to_location_id_idx" ON "stock_document"("to_location_id");

-- CreateIndex
CREATE INDEX "stock_document_created_by_id_idx" ON "stock_document"("created_by_id");

-- CreateIndex
CREATE INDEX "stock_document_created_at_id_idx" ON "stock_document"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "oversell_alert_resolved_by_id_idx" ON "oversell_alert"("resolved_by_id");

-- AddForeignKey
ALTER TABLE "stock_movement" ADD CONSTRAINT "stock_movement_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "stock_document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_document" ADD CONSTRAINT "stock_document_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "stock_location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_document" ADD CONSTRAINT "stock_document_to_location_id_fkey" FOREIGN KEY ("to_location_id") REFERENCES "stock_location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_document" ADD CONSTRAINT "stock_document_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oversell_alert" ADD CONSTRAINT "oversell_alert_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Not expressible in the Prisma schema (written by hand).

-- A document is one of three shapes; the columns of the others stay empty.
ALTER TABLE "stock_document" ADD CONSTRAINT "stock_document_shape_check" CHECK (
  ("kind" = 'transfer') = ("to_location_id" IS NOT NULL)
  AND ("kind" = 'adjustment') = ("reason" IS NOT NULL)
  AND ("kind" = 'receipt' OR "supplier_reference" IS NULL)
  AND "to_location_id" IS DISTINCT FROM "location_id"
);

-- A unit cost is money: an amount and its currency, or neither; only receipts carry one.
ALTER TABLE "stock_movement" ADD CONSTRAINT "stock_movement_unit_cost_check" CHECK (
  ("unit_cost" IS NULL) = ("currency" IS NULL)
  AND ("unit_cost" IS NULL OR ("unit_cost" >= 0 AND "kind" = 'receipt'))
);

ALTER TABLE "stock_level" ADD CONSTRAINT "stock_level_low_stock_threshold_check" CHECK ("low_stock_threshold" >= 0);

-- A resolved alert says who resolved it and why; an open one says neither.
ALTER TABLE "oversell_alert" ADD CONSTRAINT "oversell_alert_resolution_check"
  CHECK (("resolved_at" IS NULL) = ("resolved_by_id" IS NULL) AND ("resolved_at" IS NOT NULL OR "resolution_note" IS NULL));

-- The low-stock list, one index per order it is read in (most recently low first, read backwards; fewest
-- units first). The predicate is the definition of "low": queries repeat it word for word so the planner
-- uses these, and page with row comparisons on the whole key.
CREATE INDEX "stock_level_low_recent_idx" ON "stock_level"("low_since", "variant_id", "location_id")
  WHERE "quantity" <= "low_stock_threshold";
CREATE INDEX "stock_level_low_quantity_idx" ON "stock_level"("quantity", "variant_id", "location_id")
  WHERE "quantity" <= "low_stock_threshold";

-- Resolved alerts, most recently resolved first.
CREATE INDEX "oversell_alert_resolved_idx" ON "oversell_alert"("resolved_at" DESC, "id" DESC) WHERE "resolved_at" IS NOT NULL;

-- Existing low levels: since their last change, the best knowledge there is. Terminals do not replicate
-- low_since, so this backfill stays out of the change log.
ALTER TABLE "stock_level" DISABLE TRIGGER "stock_level_change_log_update";
UPDATE "stock_level" SET "low_since" = "updated_at" WHERE "quantity" <= "low_stock_threshold";
ALTER TABLE "stock_level" ENABLE TRIGGER "stock_level_change_log_update";

-- low_since is set exactly while the level is at or under its threshold (the trigger below keeps it).
ALTER TABLE "stock_level" ADD CONSTRAINT "stock_level_low_since_check"
  CHECK (coalesce("quantity" <= "low_stock_threshold", false) = ("low_since" IS NOT NULL));

-- Keeps low_since, whatever changes the level (a movement through the ledger projection, a new threshold),
-- and, when a movement takes a level from above its threshold to at or under it, queues an e-mail to each
-- of the store's managers in the outbox, in the same transaction as the movement. A level that is created low
-- or made low by a new threshold raises none: whoever set the threshold knows.
CREATE FUNCTION "stock_level_low_stock"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "is_low" boolean := coalesce(NEW."quantity" <= NEW."low_stock_threshold", false);
  "was_low" boolean := TG_OP = 'UPDATE' AND OLD."low_since" IS NOT NULL;
BEGIN
  IF NOT "is_low" THEN
    NEW."low_since" := NULL;
  ELSIF NOT "was_low" THEN
    NEW."low_since" := now();
    IF TG_OP = 'UPDATE' AND NEW."quantity" < OLD."quantity" THEN
      -- One e-mail per manager of the location's store (mail/mail-templates.ts renders it).
      INSERT INTO "outbox_message" ("id", "topic", "payload")
      SELECT gen_random_uuid(), 'email.low_stock_alert', jsonb_build_object(
               'to', u."email", 'name', u."name", 'variantId', NEW."variant_id", 'sku', v."sku",
               'productName', p."name", 'locationId', NEW."location_id", 'locationName', l."name",
               'storeId', l."store_id", 'quantity', NEW."quantity", 'threshold', NEW."low_stock_threshold")
        FROM "stock_location" l
        JOIN "variant" v ON v."id" = NEW."variant_id"
        JOIN "product" p ON p."id" = v."product_id"
        JOIN "user" u ON u."active" AND u."role" = 'manager' AND u."store_id" = l."store_id"
       WHERE l."id" = NEW."location_id";
    END IF;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "stock_level_low_stock"
  BEFORE INSERT OR UPDATE ON "stock_level"
  FOR EACH ROW EXECUTE FUNCTION "stock_level_low_stock"();
