-- AlterTable
ALTER TABLE "refund" ADD COLUMN     "method" "payment_method",
ADD COLUMN     "reference" VARCHAR(64),
ADD COLUMN     "shift_id" UUID,
ADD COLUMN     "tax" INTEGER NOT NULL DEFAULT 0;

-- Refunds recorded before refunds said how the money went back went back the way it came.
UPDATE "refund" r
   SET "method" = coalesce((SELECT p."method" FROM "payment" p WHERE p."order_id" = r."order_id"
                            ORDER BY p."position" LIMIT 1), 'cash');

ALTER TABLE "refund" ALTER COLUMN "method" SET NOT NULL;

-- AlterTable
ALTER TABLE "refund_line" ADD COLUMN     "tax" INTEGER NOT NULL DEFAULT 0;

-- DropIndex
DROP INDEX "order_customer_id_created_at_idx";

-- DropIndex
DROP INDEX "order_status_created_at_idx";

-- DropIndex
DROP INDEX "order_store_id_created_at_idx";

-- DropIndex
DROP INDEX "order_channel_created_at_idx";

-- DropIndex
DROP INDEX "order_terminal_id_idx";

-- CreateIndex
CREATE INDEX "order_placed_at_id_idx" ON "order"("placed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "order_store_id_placed_at_id_idx" ON "order"("store_id", "placed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "order_store_id_status_placed_at_id_idx" ON "order"("store_id", "status", "placed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "order_status_placed_at_id_idx" ON "order"("status", "placed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "order_channel_placed_at_id_idx" ON "order"("channel", "placed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "order_customer_id_placed_at_id_idx" ON "order"("customer_id", "placed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "order_terminal_id_placed_at_idx" ON "order"("terminal_id", "placed_at");

-- CreateIndex
CREATE INDEX "refund_created_at_idx" ON "refund"("created_at");

-- CreateIndex
CREATE INDEX "refund_shift_id_idx" ON "refund"("shift_id");

-- AddForeignKey
ALTER TABLE "refund" ADD CONSTRAINT "refund_shift_id_fkey" FOREIGN KEY ("shift_id") REFERENCES "shift"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Not expressible in the Prisma schema (written by hand).

-- Order-number search is by prefix (`DKR1-T01-0001…`): LIKE 'prefix%' can use a btree only with pattern
-- ordering, whatever the database's collation.
CREATE INDEX "order_number_prefix_idx" ON "order" (("number"::text) text_pattern_ops);

ALTER TABLE "refund" ADD CONSTRAINT "refund_amounts_check" CHECK ("amount" >= 0 AND "tax" BETWEEN 0 AND "amount");

ALTER TABLE "refund_line" ADD CONSTRAINT "refund_line_amounts_check"
  CHECK ("quantity" > 0 AND "amount" >= 0 AND "tax" BETWEEN 0 AND "amount");
