-- Product images (issue #6): what the upload and the renditions job record.
ALTER TABLE "product_image" RENAME COLUMN "formats" TO "renditions";
ALTER TABLE "product_image" ADD COLUMN "content_type" VARCHAR(40) NOT NULL,
  ADD COLUMN "byte_size" INTEGER NOT NULL,
  ADD COLUMN "error" VARCHAR(500);

-- CreateIndex
CREATE INDEX "product_image_status_created_at_idx" ON "product_image"("status", "created_at");

-- A product's images are part of its replicated document (the terminals show them): any change to them
-- is a change to the product, recorded by the product's own change-log trigger. A product deleted with
-- its images (cascade) is gone by then and is not touched.
CREATE FUNCTION "product_image_touch_product"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "product" SET "updated_at" = now() WHERE "id" IN (SELECT DISTINCT "product_id" FROM "old_rows");
  ELSE
    UPDATE "product" SET "updated_at" = now() WHERE "id" IN (SELECT DISTINCT "product_id" FROM "new_rows");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "product_image_touch_insert" AFTER INSERT ON "product_image" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "product_image_touch_product"();
CREATE TRIGGER "product_image_touch_update" AFTER UPDATE ON "product_image" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "product_image_touch_product"();
CREATE TRIGGER "product_image_touch_delete" AFTER DELETE ON "product_image" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "product_image_touch_product"();
