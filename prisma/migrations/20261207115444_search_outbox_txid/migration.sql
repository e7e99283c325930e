-- AlterTable
ALTER TABLE "SearchOutbox" ADD COLUMN     "txid" BIGINT NOT NULL DEFAULT (pg_current_xact_id())::text::bigint;

-- CreateIndex
CREATE INDEX "SearchOutbox_txid_id_idx" ON "SearchOutbox"("txid", "id");

