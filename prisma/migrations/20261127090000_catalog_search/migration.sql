-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- AlterTable
ALTER TABLE "product" ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "search_vector" tsvector;

-- CreateIndex
CREATE INDEX "product_status_created_at_id_idx" ON "product"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX "product_search_text_idx" ON "product" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "variant_active_price_product_id_idx" ON "variant"("active", "price", "product_id");

-- ---------------------------------------------------------------------------------------------------
-- Not expressible in the Prisma schema (written by hand).
--
-- Search (docs/catalog.md). A product's search text is its name, brand, category path and the colours of
-- its active variants, accent-folded and lower-cased; a trigram index on it tolerates typos, and a
-- full-text index (French and English stemming) on the same text finds plurals and inflections.

-- Folding as search compares text: accents off, then lower case. unaccent() is only STABLE (its dictionary
-- could be edited), so an index expression cannot call it; this wrapper can, and names the dictionary so
-- that the folding never depends on a session's search_path.
CREATE FUNCTION "catalog_fold"("value" text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT lower(unaccent('unaccent'::regdictionary, "value"))
$$;

-- Both stemmers: a shopper may type French or English, and the text mixes both (brands, "top", "denim").
CREATE FUNCTION "catalog_stems"("folded" text, "weight" "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(
    to_tsvector('french'::regconfig, coalesce("folded", '')) || to_tsvector('english'::regconfig, coalesce("folded", '')),
    "weight")
$$;

CREATE INDEX "product_search_vector_idx" ON "product" USING GIN ("search_vector");

-- pg_trgm costs its similarity functions like an integer comparison (1). A word similarity over a
-- product's text takes about 10 µs, a hundred times that: at cost 1 the planner would rather read every
-- product and compute it than read the trigram index (50 ms instead of 4 for "robe wax" on the
-- 5,000-product seed). Costed like to_tsvector (100) instead. Only plans depend on it: where the
-- migrating role does not own the extension (a trusted extension installed by another role), it is
-- skipped with a notice.
DO $$
BEGIN
  ALTER FUNCTION word_similarity(text, text) COST 100;
  ALTER FUNCTION word_similarity_op(text, text) COST 100;
  ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm similarity functions keep their cost: %', SQLERRM;
END;
$$;

-- The search document of a product from the current rows of its category path and variants: the text
-- (trigrams) and the vector, where the name weighs most (A), then the brand (B), the category path and
-- the colours (C). PL/pgSQL rather than SQL: its plans are kept for the session, and the row trigger below
-- calls it once per product (a seed inserts thousands).
CREATE FUNCTION "catalog_search_document"("product_id" uuid, "name" text, "brand" text, "category_id" uuid,
  OUT "text" text, OUT "vector" tsvector)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  "categories" text;
  "colours" text;
BEGIN
  WITH RECURSIVE "path" AS (
    SELECT c."id", c."parent_id", c."name", 1 AS "depth"
    FROM "category" c WHERE c."id" = "catalog_search_document"."category_id"
    UNION ALL
    -- The depth bound only guards against a cycle written by hand; the API refuses them.
    SELECT c."id", c."parent_id", c."name", p."depth" + 1
    FROM "category" c JOIN "path" p ON c."id" = p."parent_id" WHERE p."depth" < 32
  )
  SELECT "catalog_fold"(string_agg(p."name", ' ' ORDER BY p."depth")) INTO "categories" FROM "path" p;
  SELECT "catalog_fold"(string_agg(DISTINCT v."colour", ' ')) INTO "colours" FROM "variant" v
  WHERE v."product_id" = "catalog_search_document"."product_id" AND v."active" AND v."colour" <> '';
  "name" := "catalog_fold"("name");
  "brand" := "catalog_fold"("brand");
  "text" := concat_ws(' ', "name", "brand", "categories", "colours");
  "vector" := "catalog_stems"("name", 'A') || "catalog_stems"("brand", 'B')
    || "catalog_stems"("categories", 'C') || "catalog_stems"("colours", 'C');
END;
$$;

-- A product's own columns: computed as the row is written.
CREATE FUNCTION "product_search_document_fill"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT d."text", d."vector" INTO NEW."search_text", NEW."search_vector"
  FROM "catalog_search_document"(NEW."id", NEW."name", NEW."brand", NEW."category_id") d;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "product_search_document_fill"
  BEFORE INSERT OR UPDATE OF "name", "brand", "category_id" ON "product"
  FOR EACH ROW EXECUTE FUNCTION "product_search_document_fill"();

-- Other rows' changes (a variant's colour, a category's name): the products concerned are locked first,
-- in id order, and their document is computed by a later statement, whose snapshot sees every
-- transaction that held those locks before. Computed in the UPDATE alone, two concurrent writers to one
-- product could each miss the other's change. Products whose text does not change are not written (nor
-- logged for the terminals).
CREATE FUNCTION "catalog_search_document_refresh"("ids" uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality("ids") = 0 THEN RETURN; END IF;
  PERFORM 1 FROM "product" WHERE "id" = ANY("ids") ORDER BY "id" FOR UPDATE;
  UPDATE "product" p SET "search_text" = d."text", "search_vector" = d."vector"
  FROM "product" q, "catalog_search_document"(q."id", q."name", q."brand", q."category_id") d
  WHERE q."id" = ANY("ids") AND p."id" = q."id"
    AND (p."search_text", p."search_vector") IS DISTINCT FROM (d."text", d."vector");
END;
$$;

CREATE FUNCTION "variant_search_document_statement"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "catalog_search_document_refresh"(ARRAY(SELECT DISTINCT "product_id" FROM "new_rows" WHERE "active"));
  ELSE
    PERFORM "catalog_search_document_refresh"(ARRAY(SELECT DISTINCT "product_id" FROM "old_rows" WHERE "active"));
  END IF;
  RETURN NULL;
END;
$$;

-- Statement-level with transition tables for inserts and deletes (a seed inserts 50,000 variants in one
-- statement); row-level for updates, which may name columns: a price change does not touch the product.
CREATE TRIGGER "variant_search_document_insert" AFTER INSERT ON "variant" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "variant_search_document_statement"();
CREATE TRIGGER "variant_search_document_delete" AFTER DELETE ON "variant" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "variant_search_document_statement"();

CREATE FUNCTION "variant_search_document_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "catalog_search_document_refresh"(ARRAY[OLD."product_id", NEW."product_id"]);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "variant_search_document_update"
  AFTER UPDATE OF "colour", "active", "product_id" ON "variant"
  FOR EACH ROW
  WHEN (OLD."colour" IS DISTINCT FROM NEW."colour" OR OLD."active" IS DISTINCT FROM NEW."active"
        OR OLD."product_id" IS DISTINCT FROM NEW."product_id")
  EXECUTE FUNCTION "variant_search_document_row"();

-- A renamed or moved category changes the document of every product in its subtree.
CREATE FUNCTION "category_search_document_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "catalog_search_document_refresh"(ARRAY(
    WITH RECURSIVE "subtree" AS (
      SELECT NEW."id" AS "id", 1 AS "depth"
      UNION ALL
      SELECT c."id", s."depth" + 1 FROM "category" c JOIN "subtree" s ON c."parent_id" = s."id" WHERE s."depth" < 32
    )
    SELECT p."id" FROM "product" p WHERE p."category_id" IN (SELECT "id" FROM "subtree")
  ));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "category_search_document_update"
  AFTER UPDATE OF "name", "parent_id" ON "category"
  FOR EACH ROW
  WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."parent_id" IS DISTINCT FROM NEW."parent_id")
  EXECUTE FUNCTION "category_search_document_row"();

-- Existing products (the BEFORE trigger computes the document).
UPDATE "product" SET "name" = "name";
