-- Refunds given at a till whose order (or cash shift) has not reached the server yet. The till pushes them
-- as they are given, offline too; they wait here, as pushed, and are recorded once what they refer to
-- arrives (sync-server/src/sync/refund-ingest.ts). The refund id is the key: a refund pushed again waits once.
CREATE TABLE "pending_refund" (
    "id" UUID NOT NULL,
    "terminal_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "shift_id" UUID,
    "document" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_refund_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "pending_refund_terminal_id_received_at_idx" ON "pending_refund"("terminal_id", "received_at");

ALTER TABLE "pending_refund" ADD CONSTRAINT "pending_refund_terminal_id_fkey" FOREIGN KEY ("terminal_id") REFERENCES "terminal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
