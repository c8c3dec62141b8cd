-- AlterEnum
ALTER TYPE "order_status" ADD VALUE 'confirmed' AFTER 'pending';

-- AlterTable
ALTER TABLE "order" ADD COLUMN     "locale" VARCHAR(5),
ADD COLUMN     "shipping_address" JSONB;

-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failure_reason" VARCHAR(200),
ADD COLUMN     "payment_token" VARCHAR(200);

-- AlterTable
ALTER TABLE "refund" ADD COLUMN     "provider_ref" VARCHAR(128);

-- CreateTable
CREATE TABLE "payment_event" (
    "id" UUID NOT NULL,
    "provider" VARCHAR(32) NOT NULL,
    "event_id" VARCHAR(128) NOT NULL,
    "payment_id" UUID,
    "type" VARCHAR(64) NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dead_letter" (
    "id" UUID NOT NULL,
    "queue" VARCHAR(64) NOT NULL,
    "job_name" VARCHAR(64) NOT NULL,
    "job_id" VARCHAR(128) NOT NULL,
    "payload" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "store_id" UUID,
    "order_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "dead_letter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payment_event_payment_id_idx" ON "payment_event"("payment_id");

-- CreateIndex
CREATE INDEX "payment_event_received_at_idx" ON "payment_event"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "payment_event_provider_event_id_key" ON "payment_event"("provider", "event_id");

-- CreateIndex
CREATE INDEX "password_reset_expires_at_idx" ON "password_reset"("expires_at");

-- CreateIndex
CREATE INDEX "dead_letter_store_id_created_at_idx" ON "dead_letter"("store_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "dead_letter_order_id_idx" ON "dead_letter"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letter_queue_job_id_key" ON "dead_letter"("queue", "job_id");

-- AddForeignKey
ALTER TABLE "payment_event" ADD CONSTRAINT "payment_event_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dead_letter" ADD CONSTRAINT "dead_letter_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dead_letter" ADD CONSTRAINT "dead_letter_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Not expressible in the Prisma schema

-- Web order numbers (<store>-W-<sequence>): one sequence for every store keeps numbers unique without a
-- per-store counter row that every checkout would have to lock.
CREATE SEQUENCE "web_order_number_seq";

-- Checkout recovery looks for web orders left pending (a crash between commit and enqueue).
CREATE INDEX "order_web_pending_idx" ON "order" ("created_at") WHERE "channel" = 'web' AND "status" = 'pending';

-- Open dead letters, newest first, for the managers' list.
CREATE INDEX "dead_letter_open_idx" ON "dead_letter" ("created_at") WHERE "resolved_at" IS NULL;

ALTER TABLE "order" ADD CONSTRAINT "order_locale_check" CHECK ("locale" IN ('fr', 'en'));
