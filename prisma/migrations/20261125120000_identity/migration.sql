-- CreateEnum
CREATE TYPE "approval_action" AS ENUM ('refund', 'void', 'price_override', 'discount');

-- AlterTable
ALTER TABLE "user" ADD COLUMN "discount_limit_bps" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "terminal" ADD COLUMN "revoked_at" TIMESTAMPTZ(3),
ALTER COLUMN "credential_hash" SET DATA TYPE CHAR(64),
ALTER COLUMN "enrollment_code_hash" SET DATA TYPE CHAR(64);

-- CreateTable
CREATE TABLE "password_reset" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_approval" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "action" "approval_action" NOT NULL,
    "order_line_id" UUID,
    "approved_by_id" UUID NOT NULL,
    "requested_by_id" UUID,
    "reason" VARCHAR(200),
    "approved_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_approval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_token_hash_key" ON "password_reset"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "terminal_enrollment_code_hash_key" ON "terminal"("enrollment_code_hash");

-- CreateIndex
CREATE INDEX "password_reset_user_id_idx" ON "password_reset"("user_id");

-- CreateIndex
CREATE INDEX "order_approval_order_id_idx" ON "order_approval"("order_id");

-- CreateIndex
CREATE INDEX "order_approval_approved_by_id_idx" ON "order_approval"("approved_by_id");

-- AddForeignKey
ALTER TABLE "password_reset" ADD CONSTRAINT "password_reset_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_approval" ADD CONSTRAINT "order_approval_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_approval" ADD CONSTRAINT "order_approval_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_approval" ADD CONSTRAINT "order_approval_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in the Prisma schema (written by hand).

ALTER TABLE "user" ADD CONSTRAINT "user_discount_limit_bps_check" CHECK ("discount_limit_bps" BETWEEN 0 AND 10000);

