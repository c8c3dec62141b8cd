-- DropIndex
DROP INDEX "product_status_idx";

-- CreateIndex
CREATE INDEX "product_status_name_id_idx" ON "product"("status", "name", "id");
