-- CreateIndex
CREATE INDEX "PairingReport_photoIds_idx" ON "PairingReport" USING GIN ("photoIds");

